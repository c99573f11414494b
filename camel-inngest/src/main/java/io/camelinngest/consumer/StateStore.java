package io.camelinngest.consumer;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
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
 * in a Camel {@link StateRepository}. A small position (at most {@value #SMALL_SNAPSHOT_CHARS} characters, as while
 * catching up on a backlog) is written whole under the state key at each commit; a large one (the IDs of a busy overlap
 * window, many runs) as a snapshot plus a journal, so that what one delivered message changes costs one write of about
 * its own size, however much the consumer remembers:
 * <ul>
 * <li>under the state key, the snapshot: {@code {"g":generation,"e":{entry:value,...}}};</li>
 * <li>under {@code <stateKey>#0}, {@code #1}, ...: the edits made since, in order, each
 * {@code {"g":generation,"c":[[entry,value or null],...]}}.</li>
 * </ul>
 * Once the journal holds as many characters as the snapshot ({@value #MIN_JOURNAL_CHARS} at least), a new snapshot with
 * a new generation replaces both: compaction goes by size, not by the number of edits, so an edit of one message and an
 * edit of a whole poll ({@code positionCommit=poll}) each pay a share of the next snapshot in proportion to what they
 * wrote, and what a restart reads back stays within about twice the snapshot. Reading stops at the first journal slot
 * of another generation, so slots left over from an older snapshot are never replayed; a small position rewritten whole
 * keeps its generation only while no journal slot of it was written. Each commit is one {@code setState}: it is saved
 * whole or not at all (one transaction of a database repository), so with {@code positionCommit=poll} a poll's position
 * is one write. Not thread-safe: one session writes at a time.
 */
public final class StateStore {

    /** The least number of characters written to the journal before a new snapshot. */
    static final int MIN_JOURNAL_CHARS = 8192;

    /**
     * A position up to this long is written whole at each commit: about as long as a few journal edits, so rewriting it
     * costs what an edit costs, and the repository holds one value instead of a snapshot and a rotating journal.
     */
    static final int SMALL_SNAPSHOT_CHARS = 1024;

    private final StateRepository<String, String> repository;
    private final String key;
    private final Map<String, String> entries = new LinkedHashMap<>();
    private String generation;
    private int journalLength;
    /** Characters in the journal since the snapshot, and in the snapshot. */
    private long journalChars;
    private long snapshotChars;
    /** The length of the entries as snapshot JSON (before escaping): each entry's key and value plus 6. */
    private long entriesChars;
    private long bytesWritten;
    private long writes;
    /** An edit committed, to be used again (an edit per delivered message otherwise allocates a map each time). */
    private Edit spare;
    /** The changes of a commit that differ from the entries, and the text being written: kept between commits. */
    private final List<Map.Entry<String, String>> effective = new ArrayList<>();
    private final StringBuilder text = new StringBuilder(256);
    /** The journal slots' keys, made once each. */
    private String[] slots = new String[0];

    StateStore(StateRepository<String, String> repository, String key) {
        this.repository = repository;
        this.key = key;
    }

    /** Reads the snapshot and replays the journal; empty when nothing was saved under the key yet. */
    Map<String, String> load() {
        entries.clear();
        journalLength = 0;
        journalChars = 0;
        entriesChars = 0;
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
            entries.forEach((entry, value) -> entriesChars += entry.length() + value.length() + 6);
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

    /**
     * Starts an edit: the changes it collects are written together by {@link Edit#commit()}. An edit is used once:
     * after its commit the store hands it out again.
     */
    Edit edit() {
        Edit edit = spare;
        if (edit == null) {
            return new Edit();
        }
        spare = null;
        return edit;
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

        /**
         * Writes the changes: the whole position when it is small, else one journal slot, or a new snapshot when the
         * journal is long enough.
         */
        void commit() {
            effective.clear();
            for (Map.Entry<String, String> change : changes.entrySet()) {
                String now = entries.get(change.getKey());
                if (change.getValue() == null ? now != null : !change.getValue().equals(now)) {
                    effective.add(change);
                }
            }
            if (effective.isEmpty()) {
                recycle();
                return; // nothing moved: spare the repository a write (a FileStateRepository appends a line each time)
            }
            for (Map.Entry<String, String> change : effective) {
                String entry = change.getKey();
                String before = change.getValue() == null ? entries.remove(entry) : entries.put(entry, change.getValue());
                entriesChars += (change.getValue() == null ? 0 : entry.length() + change.getValue().length() + 6)
                                - (before == null ? 0 : entry.length() + before.length() + 6);
            }
            if (generation == null || entriesChars <= SMALL_SNAPSHOT_CHARS
                    || journalChars >= Math.max(MIN_JOURNAL_CHARS, snapshotChars)) {
                // a journal slot of this generation written since its snapshot would be replayed over a rewrite
                writeSnapshot(generation != null && journalLength == 0);
                effective.clear();
                recycle();
                return;
            }
            // written straight to text (the same JSON as a tree would give; Jackson escapes the strings): one edit
            // follows every delivered item
            text.setLength(0);
            string(text.append("{\"g\":"), generation).append(",\"c\":[");
            for (int i = 0; i < effective.size(); i++) {
                Map.Entry<String, String> change = effective.get(i);
                string(text.append(i == 0 ? "[" : ",["), change.getKey()).append(',');
                (change.getValue() == null ? text.append("null") : string(text, change.getValue())).append(']');
            }
            effective.clear();
            String edit = text.append("]}").toString();
            write(slot(journalLength), edit);
            journalLength++;
            journalChars += edit.length();
            recycle();
        }

        /** Hands this edit back to the store, emptied, once it is written. */
        private void recycle() {
            changes.clear();
            spare = this;
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

    /**
     * Writes every entry under the state key, with a new generation unless {@code keepGeneration} (no journal slot of
     * the current generation was written since its snapshot): slots of an older snapshot, or of a state removed by
     * hand, are never replayed.
     */
    private void writeSnapshot(boolean keepGeneration) {
        if (!keepGeneration) {
            generation = UUID.randomUUID().toString().substring(0, 8);
        }
        // {"g":generation,"e":{entry:value,...}}, written straight to text as the journal edits are
        text.setLength(0);
        string(text.append("{\"g\":"), generation).append(",\"e\":{");
        boolean first = true;
        for (Map.Entry<String, String> entry : entries.entrySet()) {
            string(first ? text : text.append(','), entry.getKey()).append(':');
            string(text, entry.getValue());
            first = false;
        }
        String snapshot = text.append("}}").toString();
        write(key, snapshot);
        journalLength = 0;
        journalChars = 0;
        snapshotChars = snapshot.length();
    }

    private void write(String name, String json) {
        repository.setState(name, json);
        bytesWritten += name.length() + json.length();
        writes++;
    }

    private String slot(int index) {
        if (index >= slots.length) {
            slots = Arrays.copyOf(slots, Math.max(16, index * 2));
        }
        String slot = slots[index];
        if (slot == null) {
            slot = key + "#" + index;
            slots[index] = slot;
        }
        return slot;
    }
}
