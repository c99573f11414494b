package io.camelinngest.tracking;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * How far a time-ordered stream (events by {@code received_at}, ended runs by {@code endedAt}) has been delivered: the
 * largest time delivered (the watermark), the IDs delivered within the overlap window behind it (so re-reading the
 * overlap delivers nothing twice), and the floor below which nothing is delivered ({@code startFrom}). Persisted as
 * JSON.
 * <p>
 * Each poll reads from {@code watermark - overlap}: the server writes asynchronously, so an item can show up with a
 * time a little behind items already seen. One that shows up later than the overlap behind the watermark is not
 * delivered; set the overlap above the server's write delay.
 */
public final class Watermark {

    /** The most IDs kept for the overlap window; past it the oldest go (a burst could then repeat, never be lost). */
    static final int MAX_RECENT = 10_000;

    /** The names of the state entries under a prefix (see {@link #entries}). */
    private static final String FLOOR = "floor";
    private static final String MARK = "mark";
    private static final String ID = "id.";

    private final Instant floor;
    private Instant watermark;
    private final LinkedHashMap<String, Instant> recent;
    /**
     * What changed since the last {@link #saveTo}: IDs delivered, each with whether the store holds it already, and IDs
     * forgotten that the store holds (never in both).
     */
    private final Map<String, Boolean> added = new LinkedHashMap<>();
    private final Set<String> forgotten = new HashSet<>();
    /** Whether {@link #saveTo} wrote every entry once; from then on it writes only what changed. */
    private boolean saved;
    /** The instant {@link #text} formatted last, and its text. */
    private Instant lastFormatted;
    private String lastText;

    @JsonCreator
    public Watermark(@JsonProperty("floor") Instant floor, @JsonProperty("watermark") Instant watermark,
                     @JsonProperty("recent") Map<String, Instant> recent) {
        this.floor = floor;
        this.watermark = watermark == null ? floor : watermark;
        this.recent = recent == null ? new LinkedHashMap<>() : new LinkedHashMap<>(recent);
    }

    /** A stream that starts at {@code floor}: nothing received before it is delivered. */
    public static Watermark startingAt(Instant floor) {
        return new Watermark(floor, floor, null);
    }

    @JsonProperty("floor")
    public Instant floor() {
        return floor;
    }

    @JsonProperty("watermark")
    public Instant watermark() {
        return watermark;
    }

    @JsonProperty("recent")
    public Map<String, Instant> recent() {
        return recent;
    }

    /**
     * This watermark as state entries under {@code prefix}: {@code floor}, {@code mark}, and one {@code id.<ID>} per ID
     * in the overlap window, so that delivering one item changes a few small entries, not one large value.
     */
    Map<String, String> entries(String prefix) {
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put(prefix + FLOOR, floor.toString());
        entries.put(prefix + MARK, watermark.toString());
        recent.forEach((id, at) -> entries.put(prefix + ID + id, at.toString()));
        return entries;
    }

    /**
     * Adds this watermark's entries (see {@link #entries}) under {@code prefix} to {@code edit}: the first time all of
     * them (so that the store holds exactly this watermark), then only what changed since: the mark, the IDs delivered
     * and the IDs that left the overlap window. A delivery then costs the same whatever the window holds (with events
     * 10 ms apart and a 5 s overlap, writing the whole window formatted 500 times and compared 500 entries per event).
     * The caller commits the edit; a failed commit leaves the store and this watermark apart, so it must not be used
     * with that store again (a consumer opens a new session from the repository then).
     */
    public void saveTo(StateEntries edit, String prefix) {
        if (!saved) {
            edit.sync(prefix, entries(prefix));
            saved = true;
        } else {
            edit.put(prefix + MARK, text(watermark));
            for (String id : added.keySet()) {
                edit.put(prefix + ID + id, text(recent.get(id)));
            }
            for (String id : forgotten) {
                edit.remove(prefix + ID + id);
            }
        }
        added.clear();
        forgotten.clear();
    }

    /**
     * An instant as ISO-8601 text ({@link Instant#toString()}), remembering the last one: a delivery usually writes the
     * same instant twice, as the new mark and as the time of the ID delivered.
     */
    private String text(Instant instant) {
        if (!instant.equals(lastFormatted)) {
            lastFormatted = instant;
            lastText = instant.toString();
        }
        return lastText;
    }

    /** The watermark saved by {@link #entries}, or {@code null} when none was saved under {@code prefix}. */
    public static Watermark fromEntries(String prefix, Map<String, String> entries) {
        String floor = entries.get(prefix + FLOOR);
        if (floor == null) {
            return null;
        }
        Map<String, Instant> recent = new LinkedHashMap<>();
        String ids = prefix + ID;
        entries.forEach((key, value) -> {
            if (key.startsWith(ids)) {
                recent.put(key.substring(ids.length()), Instant.parse(value));
            }
        });
        String mark = entries.get(prefix + MARK);
        return new Watermark(Instant.parse(floor), mark == null ? null : Instant.parse(mark), recent);
    }

    /** Where the next poll starts reading: the overlap behind the watermark, but not below the floor. */
    public Instant readFrom(Duration overlap) {
        Instant from = watermark.minus(overlap);
        return from.isBefore(floor) ? floor : from;
    }

    /** Whether an item read back is one to deliver: at or above the floor, and not delivered already. */
    public boolean isNew(String id, Instant at) {
        return !at.isBefore(floor) && !recent.containsKey(id);
    }

    /** Records a delivered item: moves the watermark up and forgets IDs that fell out of the overlap window. */
    public void delivered(String id, Instant receivedAt, Duration overlap) {
        delivered(id, receivedAt, receivedAt, overlap);
    }

    /**
     * Records a delivered item, moving the watermark up to {@code markUpTo} at most (an item of the same batch with an
     * earlier time may still be to deliver), and forgets IDs that fell out of the overlap window.
     */
    public void delivered(String id, Instant receivedAt, Instant markUpTo, Duration overlap) {
        Boolean stored = added.get(id);
        if (stored == null) {
            // held in the store: pending removal, or in the window since the last save (the store mirrors the window)
            stored = forgotten.remove(id) || recent.containsKey(id);
        }
        recent.put(id, receivedAt);
        added.put(id, stored);
        if (markUpTo.isAfter(watermark)) {
            watermark = markUpTo;
        }
        Instant horizon = watermark.minus(overlap);
        // oldest delivered first, up to the first still inside the window: a delivery costs what it removes, not the
        // window's size. An ID delivered out of time order may stay a little longer, which only keeps it from being
        // delivered twice.
        for (Iterator<Map.Entry<String, Instant>> it = recent.entrySet().iterator(); it.hasNext();) {
            Map.Entry<String, Instant> entry = it.next();
            if (!entry.getValue().isBefore(horizon)) {
                break;
            }
            it.remove();
            forget(entry.getKey());
        }
        Iterator<String> oldest = recent.keySet().iterator();
        while (recent.size() > MAX_RECENT && oldest.hasNext()) {
            forget(oldest.next());
            oldest.remove();
        }
    }

    /**
     * Notes an ID that left the window. One delivered since the last save and never saved is only dropped: with
     * {@code positionCommit=poll} about half of a poll's IDs leave the window within the same poll while catching up,
     * and writing each of them in and out again cost a formatted entry and a removal apiece.
     */
    private void forget(String id) {
        Boolean stored = added.remove(id);
        if (stored == null || stored) {
            forgotten.add(id);
        }
    }
}
