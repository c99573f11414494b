package io.camelinngest.consumer;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import io.camelinngest.client.InngestJson;
import io.camelinngest.tracking.StateEntries;
import org.apache.camel.spi.StateRepository;

/**
 * One consumer's position as a map of small entries (a run's status, an ID in the overlap window, a watermark), saved
 * in a Camel {@link StateRepository} as a snapshot plus a journal, so that what one delivered message changes costs one
 * write of about its own size, however much the consumer remembers:
 * <ul>
 * <li>under the state key, the snapshot: {@code {"g":generation,"e":{entry:value,...}}};</li>
 * <li>under {@code <stateKey>#0}, {@code #1}, ...: the edits made since, in order, each
 * {@code {"g":generation,"c":[[entry,value or null],...]}}.</li>
 * </ul>
 * Once the journal holds as many characters as the snapshot ({@value #MIN_JOURNAL_CHARS} at least), a new snapshot with
 * a new generation replaces both: compaction goes by size, not by the number of edits, so an edit of one message and an
 * edit of a whole poll ({@code positionCommit=poll}) each pay a share of the next snapshot in proportion to what they
 * wrote, and what a restart reads back stays within about twice the snapshot. Reading stops at the first journal slot
 * of another generation, so slots left over from an older snapshot are never replayed. Each edit is one
 * {@code setState}: it is saved whole or not at all (one transaction of a database repository), so with
 * {@code positionCommit=poll} a poll's position is one write. Not thread-safe: one session writes at a time.
 */
public final class StateStore {

    /** The least number of characters written to the journal before a new snapshot. */
    static final int MIN_JOURNAL_CHARS = 8192;

    private final StateRepository<String, String> repository;
    private final String key;
    private final Map<String, String> entries = new LinkedHashMap<>();
    private String generation;
    private int journalLength;
    /** Characters in the journal since the snapshot, and in the snapshot. */
    private long journalChars;
    private long snapshotChars;
    private long bytesWritten;
    private long writes;

    StateStore(StateRepository<String, String> repository, String key) {
        this.repository = repository;
        this.key = key;
    }

    /** Reads the snapshot and replays the journal; empty when nothing was saved under the key yet. */
    Map<String, String> load() {
        entries.clear();
        journalLength = 0;
        journalChars = 0;
        String json = repository.getState(key);
        if (json == null || json.isBlank()) {
            generation = null;
            return Map.of();
        }
        try {
            JsonNode snapshot = InngestJson.mapper().readTree(json);
            if (!snapshot.isObject() || !snapshot.hasNonNull("g") || !snapshot.path("e").isObject()) {
                throw new IOException("not a snapshot of this version of camel-inngest");
            }
            generation = snapshot.get("g").asText();
            snapshotChars = json.length();
            snapshot.get("e").fields().forEachRemaining(e -> entries.put(e.getKey(), e.getValue().asText()));
            boolean replaying = true;
            int index = 0;
            // every slot there is gets read, also those left over from an older snapshot (not replayed): a shared
            // repository (SharedStateRepository, e.g. camel-inngest-jdbc's) then knows each key this consumer may
            // write, and refuses a write of one that another node wrote since
            for (String slot = repository.getState(slot(0));
                 slot != null && !slot.isBlank();
                 slot = repository.getState(slot(++index))) {
                JsonNode edit = InngestJson.mapper().readTree(slot);
                if (replaying && generation.equals(edit.path("g").asText(null))) {
                    apply(edit.path("c"));
                    journalLength++;
                    journalChars += slot.length();
                } else {
                    replaying = false; // left over from an older snapshot
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(
                    "The state saved under stateKey '" + key + "' cannot be read (" + e.getMessage()
                                            + "); remove it from the state repository to start over",
                    e);
        }
        return Map.copyOf(entries);
    }

    private void apply(JsonNode changes) {
        for (JsonNode change : changes) {
            if (change.get(1).isNull()) {
                entries.remove(change.get(0).asText());
            } else {
                entries.put(change.get(0).asText(), change.get(1).asText());
            }
        }
    }

    /** The value of an entry as last written, or {@code null}. */
    String get(String entry) {
        return entries.get(entry);
    }

    /** Starts an edit: the changes it collects are written together by {@link Edit#commit()}. */
    Edit edit() {
        return new Edit();
    }

    /** Characters written to the repository so far (keys and values), for measurements. */
    long bytesWritten() {
        return bytesWritten;
    }

    /** The {@code setState} calls made so far. */
    long writes() {
        return writes;
    }

    /** The changes of one edit; only what differs from the saved entries is written. */
    public final class Edit implements StateEntries {
        private final Map<String, String> changes = new LinkedHashMap<>();

        @Override
        public Edit put(String entry, String value) {
            if (value == null) {
                return remove(entry);
            }
            changes.put(entry, value);
            return this;
        }

        @Override
        public Edit remove(String entry) {
            changes.put(entry, null);
            return this;
        }

        /** The value an entry has once this edit is written: what the edit changed it to, else as last written. */
        String current(String entry) {
            return changes.containsKey(entry) ? changes.get(entry) : entries.get(entry);
        }

        /**
         * Makes the entries under {@code prefix} equal to {@code wanted} (whose keys carry the prefix): also those this
         * edit added before (an edit can collect a whole poll's changes).
         */
        @Override
        public Edit sync(String prefix, Map<String, String> wanted) {
            for (String entry : entries.keySet()) {
                if (entry.startsWith(prefix) && !wanted.containsKey(entry)) {
                    changes.put(entry, null);
                }
            }
            for (Map.Entry<String, String> change : changes.entrySet()) {
                if (change.getValue() != null && change.getKey().startsWith(prefix) && !wanted.containsKey(change.getKey())) {
                    change.setValue(null);
                }
            }
            wanted.forEach(this::put);
            return this;
        }

        /** Writes the changes: one journal slot, or a new snapshot when the journal is long enough. */
        void commit() {
            List<Map.Entry<String, String>> effective = new ArrayList<>(changes.size());
            for (Iterator<Map.Entry<String, String>> it = changes.entrySet().iterator(); it.hasNext();) {
                Map.Entry<String, String> change = it.next();
                String now = entries.get(change.getKey());
                if (change.getValue() == null ? now != null : !change.getValue().equals(now)) {
                    effective.add(change);
                }
            }
            if (effective.isEmpty()) {
                return; // nothing moved: spare the repository a write (a FileStateRepository appends a line each time)
            }
            for (Map.Entry<String, String> change : effective) {
                if (change.getValue() == null) {
                    entries.remove(change.getKey());
                } else {
                    entries.put(change.getKey(), change.getValue());
                }
            }
            if (generation == null || journalChars >= Math.max(MIN_JOURNAL_CHARS, snapshotChars)) {
                writeSnapshot();
                return;
            }
            // written straight to text (the same JSON as a tree would give; Jackson escapes the strings): one edit
            // follows every delivered item
            StringBuilder edit = new StringBuilder(64 + 48 * effective.size()).append("{\"g\":");
            string(edit, generation).append(",\"c\":[");
            for (int i = 0; i < effective.size(); i++) {
                Map.Entry<String, String> change = effective.get(i);
                string(edit.append(i == 0 ? "[" : ",["), change.getKey()).append(',');
                (change.getValue() == null ? edit.append("null") : string(edit, change.getValue())).append(']');
            }
            edit.append("]}");
            String text = edit.toString();
            write(slot(journalLength), text);
            journalLength++;
            journalChars += text.length();
        }
    }

    /** Appends a JSON string: as it is when nothing in it needs escaping (IDs, times), else escaped by Jackson. */
    private static StringBuilder string(StringBuilder json, String value) {
        json.append('"');
        if (needsEscaping(value)) {
            JsonStringEncoder.getInstance().quoteAsString(value, json);
        } else {
            json.append(value);
        }
        return json.append('"');
    }

    /** Whether JSON needs a character of the value escaped: a quote, a backslash or a control character. */
    private static boolean needsEscaping(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == '"' || c == '\\') {
                return true;
            }
        }
        return false;
    }

    private void writeSnapshot() {
        // a new generation each time: slots of an older snapshot (or of a state removed by hand) are never replayed
        generation = UUID.randomUUID().toString().substring(0, 8);
        // {"g":generation,"e":{entry:value,...}}, written straight to text as the journal edits are
        StringBuilder snapshot = new StringBuilder(32 + 64 * entries.size()).append("{\"g\":");
        string(snapshot, generation).append(",\"e\":{");
        boolean first = true;
        for (Map.Entry<String, String> entry : entries.entrySet()) {
            string(first ? snapshot : snapshot.append(','), entry.getKey()).append(':');
            string(snapshot, entry.getValue());
            first = false;
        }
        String text = snapshot.append("}}").toString();
        write(key, text);
        journalLength = 0;
        journalChars = 0;
        snapshotChars = text.length();
    }

    private void write(String name, String json) {
        repository.setState(name, json);
        bytesWritten += name.length() + json.length();
        writes++;
    }

    private String slot(int index) {
        return key + "#" + index;
    }
}
