package io.camelinngest.consumer;

import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.camel.support.processor.state.MemoryStateRepository;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The snapshot and its journal read back as written, whatever characters the entries hold; a small position is written
 * whole, and a journal left from when it was large is never replayed over it.
 */
class StateStoreTest {

    @Test
    void journalEditsReadBackAsWrittenWithCharactersJsonMustEscape() {
        MemoryStateRepository repository = new MemoryStateRepository();
        StateStore store = new StateStore(repository, "k");
        store.load();
        Map<String, String> expected = new LinkedHashMap<>();
        store.edit().put("plain", "1").commit(); // the first write is a snapshot
        expected.put("plain", "1");
        // a position longer than SMALL_SNAPSHOT_CHARS: what follows is written as journal edits
        String large = "x".repeat(StateStore.SMALL_SNAPSHOT_CHARS);
        store.edit().put("large", large).commit();
        expected.put("large", large);
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

        assertThat(repository.getState("k#0")).as("a journal slot was written: the large entry").contains(large);
        assertThat(repository.getState("k#1")).startsWith("{\"g\":\"").contains(",\"c\":[[\"key quote \\\" here\",");
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

    @Test
    void aSmallPositionIsWrittenWholeUnderTheKeyWithoutAJournal() {
        MemoryStateRepository repository = new MemoryStateRepository();
        StateStore store = new StateStore(repository, "k");
        store.load();
        store.edit().put("mark", "2026-12-08T03:00:00Z").put("id.01A", "2026-12-08T03:00:00Z").commit();
        String first = repository.getState("k");
        store.edit().put("mark", "2026-12-08T03:00:01Z").remove("id.01A").put("id.01B", "2026-12-08T03:00:01Z").commit();

        assertThat(repository.getState("k#0")).as("no journal slot").isNull();
        assertThat(repository.getState("k")).isEqualTo(
                "{\"g\":\"" + generation(first) + "\",\"e\":{\"mark\":\"2026-12-08T03:00:01Z\","
                                                       + "\"id.01B\":\"2026-12-08T03:00:01Z\"}}");
        assertThat(store.writes()).as("one write per commit").isEqualTo(2);
        assertThat(new StateStore(repository, "k").load())
                .containsExactlyInAnyOrderEntriesOf(Map.of("mark", "2026-12-08T03:00:01Z", "id.01B", "2026-12-08T03:00:01Z"));
    }

    @Test
    void aPositionThatShrinksAfterJournalEditsGetsANewGenerationSoTheirSlotsAreNotReplayed() {
        MemoryStateRepository repository = new MemoryStateRepository();
        StateStore store = new StateStore(repository, "k");
        store.load();
        String large = "x".repeat(StateStore.SMALL_SNAPSHOT_CHARS);
        store.edit().put("large", large).put("mark", "1").commit();
        store.edit().put("mark", "2").commit(); // a journal edit of the large position's generation
        String generationWhenLarge = generation(repository.getState("k"));
        assertThat(repository.getState("k#0")).contains("\"" + generationWhenLarge + "\"").contains("\"2\"");

        store.edit().remove("large").put("mark", "3").commit(); // small again: written whole
        String generationWhenSmall = generation(repository.getState("k"));
        assertThat(generationWhenSmall).isNotEqualTo(generationWhenLarge);
        store.edit().put("mark", "4").commit(); // no slot of this generation yet: the generation stays
        assertThat(generation(repository.getState("k"))).isEqualTo(generationWhenSmall);

        assertThat(repository.getState("k#0")).as("left over, of the large position's generation").contains("\"2\"");
        assertThat(new StateStore(repository, "k").load()).isEqualTo(Map.of("mark", "4"));
    }

    private static String generation(String snapshot) {
        return snapshot.substring("{\"g\":\"".length(), snapshot.indexOf('"', "{\"g\":\"".length()));
    }
}
