package io.camelinngest.consumer;

import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.camel.support.processor.state.MemoryStateRepository;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The snapshot and its journal read back as written, whatever characters the entries hold. */
class StateStoreTest {

    @Test
    void journalEditsReadBackAsWrittenWithCharactersJsonMustEscape() {
        MemoryStateRepository repository = new MemoryStateRepository();
        StateStore store = new StateStore(repository, "k");
        store.load();
        Map<String, String> expected = new LinkedHashMap<>();
        store.edit().put("plain", "1").commit(); // the first write is a snapshot
        expected.put("plain", "1");
        String[] awkward = {
                "quote \" here", "back\\slash", "line\nbreak", "tab\t", "\u0001 control", "ünïcødé ✓",
                "</script>" };
        for (int i = 0; i < awkward.length; i++) {
            store.edit().put("key " + awkward[i], awkward[awkward.length - 1 - i]).commit();
            expected.put("key " + awkward[i], awkward[awkward.length - 1 - i]);
        }
        store.edit().remove("plain").put("two", "a").put("three", "b").commit();
        expected.remove("plain");
        expected.put("two", "a");
        expected.put("three", "b");

        assertThat(repository.getState("k#0")).as("a journal slot was written").isNotNull();
        assertThat(repository.getState("k#0")).startsWith("{\"g\":\"").contains(",\"c\":[[\"key quote \\\" here\",");
        assertThat(new StateStore(repository, "k").load()).isEqualTo(expected);

        // enough edits (each under 40 characters) for a new snapshot, which then holds the awkward entries itself
        int edits = StateStore.MIN_JOURNAL_CHARS / 16;
        for (int i = 0; i < edits; i++) {
            store.edit().put("n", Integer.toString(i)).commit();
        }
        expected.put("n", Integer.toString(edits - 1));
        assertThat(repository.getState("k")).contains("\"key quote \\\" here\":\"</script>\"",
                "\"key line\\nbreak\":\"\\u0001 control\"");
        assertThat(new StateStore(repository, "k").load()).isEqualTo(expected);
    }
}
