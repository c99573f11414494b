package io.camelinngest.tracking;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import io.camelinngest.model.InngestEvent;

/** What one scan found: the new events kept (the oldest {@code max}) and the times of all new events. */
final class EventScan {
    /**
     * The order of the events to keep, the first {@code max} by it: by received_at, or by send order when a settle
     * window asks for send order (the watermark then stays below what was dropped).
     */
    final Comparator<InngestEvent> keep;
    private final int max;
    /**
     * The new events found, at most {@code 2 * max} between two cuts to the first {@code max} (bounded memory while
     * catching up): one sort now and then, instead of a heap operation per event. Pages come newest first, which a sort
     * reverses in one pass.
     */
    private final List<InngestEvent> found = new ArrayList<>();
    final NanoTimes seen = new NanoTimes();
    /** Set when the scan stopped after a full first page to read a window instead (events per nanosecond). */
    double probedDensity;
    /** The least internal ID of the new events found but not kept (more than {@code max}), or null. */
    String dropped;
    /** The least {@code received_at} of the new events found but not kept, or null. */
    Instant droppedFrom;

    EventScan(Comparator<InngestEvent> keep, int max) {
        this.keep = keep;
        this.max = max;
    }

    void add(InngestEvent event) {
        found.add(event);
        if (max > 0 && found.size() >= 2 * max) {
            cut();
        }
    }

    boolean isEmpty() {
        return found.isEmpty();
    }

    /** The events kept, in the {@code keep} order. */
    List<InngestEvent> kept() {
        if (max > 0 && found.size() > max) {
            cut();
        } else {
            found.sort(keep);
        }
        return found;
    }

    /** Keeps the first {@code max} events in the {@code keep} order, noting the least ID and time of the rest. */
    private void cut() {
        found.sort(keep);
        List<InngestEvent> rest = found.subList(max, found.size());
        for (InngestEvent drop : rest) {
            String id = drop.internalId();
            Instant at = drop.receivedAt().toInstant();
            dropped = dropped == null || id.compareTo(dropped) < 0 ? id : dropped;
            droppedFrom = droppedFrom == null || at.isBefore(droppedFrom) ? at : droppedFrom;
        }
        rest.clear();
    }
}
