package io.camelinngest.tracking;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

import io.camelinngest.model.InngestEvent;

/**
 * Holds back the newest events of a read so that they are delivered in send order (option {@code settleWindow}).
 * <p>
 * Under a burst the server stores events out of send order: an event can be stored (and listed) a while after events
 * sent after it, while internal IDs keep the send order. Say every event is stored within {@code settle} of any event
 * sent after it. Then an event is settled once its {@code received_at} lies {@code settle} behind the newest
 * {@code received_at} seen or behind this host's clock when the read began, or once this host first saw it
 * {@code settle} ago: every event sent before it is stored by then. Settled events are delivered in send order, up to
 * the first that is not settled, or that comes after an event sent before it which the read found but did not keep
 * (beyond the batch it may deliver, or stored after the read's {@code received_before} bound: the scanner asks for
 * those): what is delivered is always a prefix in send order.
 * <p>
 * An event stored later than that is still delivered when it shows up, marked late by the consumer. Times of first
 * sight are kept for the events held back only, in memory (a restart sees them anew: they wait up to {@code settle}).
 */
final class SettleWindow {

    private final Duration settle;
    private final LongSupplier nanoClock;
    private Map<String, Long> firstSeen = new HashMap<>();
    /** The least {@code received_at} of the events the last call held back, or {@code null}. */
    private Instant heldFrom;

    SettleWindow(Duration settle, LongSupplier nanoClock) {
        this.settle = settle;
        this.nanoClock = nanoClock;
    }

    /**
     * The events of a read that may be delivered now: a prefix of {@code events}.
     *
     * @param events  the new events the read kept, in send order
     * @param dropped the least internal ID of the new events the read found but did not keep (beyond its
     *                {@code maxMessagesPerPoll}), or {@code null}
     * @param beyond  the least internal ID of the events stored after the read's {@code received_before} bound that
     *                were sent before one it kept, or {@code null}
     * @param newest  the newest {@code received_at} any read showed, or {@code null}
     * @param readAt  this host's time when the read began
     */
    List<InngestEvent> settled(
            List<InngestEvent> events, String dropped, String beyond, Instant newest,
            Instant readAt) {
        heldFrom = null;
        if (settle.isZero() || events.isEmpty()) {
            firstSeen.clear();
            return events;
        }
        long now = nanoClock.getAsLong();
        Instant settledUpTo = (newest != null && newest.isAfter(readAt) ? newest : readAt).minus(settle);
        // first sights are kept for the events inside the window only: one behind it is settled whenever it was seen
        // (while catching up on a backlog, none is kept)
        Map<String, Long> seen = new HashMap<>();
        int count = 0;
        boolean stopped = false;
        for (InngestEvent event : events) {
            boolean behind = !event.receivedAt().toInstant().isAfter(settledUpTo);
            boolean aged = false;
            if (!behind) {
                Long first = firstSeen.get(event.internalId());
                long at = first == null ? now : first;
                seen.put(event.internalId(), at);
                aged = now - at >= settle.toNanos();
            }
            if (stopped) {
                continue;
            }
            // an event found but not kept that was sent before this one must come first; unless this is the first
            // of the read (stored later than a whole batch sent after it, it is late anyway: the read moves on)
            boolean nothingDroppedBefore = dropped == null || event.internalId().compareTo(dropped) < 0 || count == 0;
            boolean nothingBeyondBefore = beyond == null || event.internalId().compareTo(beyond) < 0;
            if (!(behind || aged) || !nothingDroppedBefore || !nothingBeyondBefore) {
                stopped = true;
            } else {
                count++;
            }
        }
        firstSeen = seen;
        for (int i = count; i < events.size(); i++) {
            Instant at = events.get(i).receivedAt().toInstant();
            heldFrom = heldFrom == null || at.isBefore(heldFrom) ? at : heldFrom;
        }
        return count == events.size() ? events : events.subList(0, count);
    }

    /** The least {@code received_at} the last {@link #settled} held back: the watermark must stay below it. */
    Instant heldFrom() {
        return heldFrom;
    }
}
