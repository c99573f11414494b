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
 * delivered; set the overlap above the server's write delay. Where the reads have settled the stream (catching up, more
 * than the overlap behind the newest item seen), the floor follows the watermark instead, and only the IDs of the
 * watermark's last millisecond are kept: a catch-up's position stays a few entries, not the whole window.
 */
public final class Watermark {

    /** The most IDs kept for the overlap window; past it the oldest go (a burst could then repeat, never be lost). */
    static final int MAX_RECENT = 10_000;

    /** The names of the state entries under a prefix (see {@link #entries}). */
    private static final String FLOOR = "floor";
    private static final String MARK = "mark";
    private static final String ID = "id.";
    /**
     * Present (value {@code true}) while the floor follows the mark, see
     * {@link #delivered(String, Instant, Instant, Duration, Instant)}.
     */
    private static final String SETTLED = "settled";

    /** Nothing received before it is delivered: {@code startFrom}, raised as far as the reads settled the stream. */
    private Instant floor;
    /**
     * Whether the floor is a millisecond behind the watermark (catching up: see
     * {@link #delivered(String, Instant, Instant, Duration, Instant)}).
     */
    private boolean settled;
    /**
     * What {@link #floor()} gave while settled, and the watermark and floor it was made from (compared by identity).
     */
    private Instant settledFloor;
    private Instant settledFloorOf;
    private Instant settledFloorFrom;
    private Instant watermark;
    private final LinkedHashMap<String, Instant> recent;
    /**
     * What changed since the last {@link #saveTo}: IDs delivered, each with whether the store holds it already, and IDs
     * forgotten that the store holds (never in both); and whether the floor or the settled flag changed.
     */
    private final Map<String, Boolean> added = new LinkedHashMap<>();
    private final Set<String> forgotten = new HashSet<>();
    private boolean floorChanged;
    /** Whether {@link #saveTo} wrote every entry once; from then on it writes only what changed. */
    private boolean saved;
    /** The prefix {@link #keys} were made for, the mark's key and the start of the IDs' keys. */
    private String markPrefix;
    private String markKey;
    private String idKeys;
    /** The instant {@link #text} formatted last, and its text. */
    private Instant lastFormatted;
    private String lastText;
    private final InstantText instantText = new InstantText();

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

    /** Nothing received before it is delivered. */
    @JsonProperty("floor")
    public Instant floor() {
        if (!settled) {
            return floor;
        }
        // asked for every event a read looks at: made again only when the watermark or the floor moved
        if (watermark != settledFloorOf || floor != settledFloorFrom) {
            settledFloorOf = watermark;
            settledFloorFrom = floor;
            settledFloor = latest(floor, watermark.minusMillis(1));
        }
        return settledFloor;
    }

    private static Instant latest(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
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
        if (settled) {
            entries.put(prefix + SETTLED, "true");
        }
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
            keys(prefix);
            edit.put(markKey, text(watermark));
            if (floorChanged) {
                edit.put(prefix + FLOOR, floor.toString());
                edit.put(prefix + SETTLED, settled ? "true" : null);
            }
            if (!added.isEmpty()) {
                for (String id : added.keySet()) {
                    edit.put(idKeys + id, text(recent.get(id)));
                }
            }
            if (!forgotten.isEmpty()) {
                for (String id : forgotten) {
                    edit.remove(idKeys + id);
                }
            }
        }
        added.clear();
        forgotten.clear();
        floorChanged = false;
    }

    /** The mark's entry and the start of the IDs' under {@code prefix}, made once: a save per message writes them. */
    private void keys(String prefix) {
        if (!prefix.equals(markPrefix)) {
            markPrefix = prefix;
            markKey = prefix + MARK;
            idKeys = prefix + ID;
        }
    }

    /**
     * An instant as ISO-8601 text ({@link Instant#toString()}), remembering the last one: a delivery usually writes the
     * same instant twice, as the new mark and as the time of the ID delivered.
     */
    private String text(Instant instant) {
        if (!instant.equals(lastFormatted)) {
            lastFormatted = instant;
            lastText = instantText.format(instant);
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
        Watermark watermark = new Watermark(Instant.parse(floor), mark == null ? null : Instant.parse(mark), recent);
        watermark.settled = "true".equals(entries.get(prefix + SETTLED));
        return watermark;
    }

    /** Where the next poll starts reading: the overlap behind the watermark, but not below the floor. */
    public Instant readFrom(Duration overlap) {
        Instant from = watermark.minus(overlap);
        Instant floor = floor();
        return from.isBefore(floor) ? floor : from;
    }

    /** Whether an item read back is one to deliver: at or above the floor, and not delivered already. */
    public boolean isNew(String id, Instant at) {
        return !at.isBefore(floor()) && !recent.containsKey(id);
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
        delivered(id, receivedAt, markUpTo, overlap, null);
    }

    /**
     * The same, knowing how far the reads so far have settled the stream: every item received before
     * {@code settledUpTo} was visible to them (see {@code EventScanner}); {@code null} when nothing is known to be
     * settled. While the watermark is at or below that point (catching up), nothing received before the watermark can
     * still come to deliver (what was read there was delivered, or the watermark stayed below it), so the floor follows
     * the watermark a millisecond behind it and the IDs behind the floor are forgotten: the position holds the IDs of
     * the watermark's last millisecond, not those of the whole overlap window. Once the watermark passes that point
     * (the head of the stream), the floor stays at what was settled, and the window's IDs are kept again.
     */
    public void delivered(String id, Instant receivedAt, Instant markUpTo, Duration overlap, Instant settledUpTo) {
        Instant floorBefore = floor();
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
        boolean settledNow = settledUpTo != null && !watermark.isAfter(settledUpTo);
        if (settledNow != settled) {
            // leaving: the floor stays where the mark had settled it, or at what the reads settled, if further
            floor = settledNow || settledUpTo == null ? floorBefore : latest(floorBefore, settledUpTo.minusMillis(1));
            settled = settledNow;
            floorChanged = true;
        }
        // oldest delivered first, up to the first still inside the window: a delivery costs what it removes, not the
        // window's size. An ID delivered out of time order may stay a little longer, which only keeps it from being
        // delivered twice.
        // settled, the floor is a millisecond behind the watermark: at or above the overlap's start
        forgetBelow(settled && overlap.toMillis() >= 1 ? floor() : latest(watermark.minus(overlap), floor()));
        if (recent.size() > MAX_RECENT) {
            Iterator<String> oldest = recent.keySet().iterator();
            while (recent.size() > MAX_RECENT && oldest.hasNext()) {
                forget(oldest.next());
                oldest.remove();
            }
        }
    }

    /** Forgets the IDs received before {@code horizon}, oldest delivered first, up to the first at or after it. */
    private void forgetBelow(Instant horizon) {
        for (Iterator<Map.Entry<String, Instant>> it = recent.entrySet().iterator(); it.hasNext();) {
            Map.Entry<String, Instant> entry = it.next();
            if (!entry.getValue().isBefore(horizon)) {
                break;
            }
            it.remove();
            forget(entry.getKey());
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
