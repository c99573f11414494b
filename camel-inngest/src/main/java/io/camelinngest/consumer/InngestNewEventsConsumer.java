package io.camelinngest.consumer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import io.camelinngest.InngestConfiguration;
import io.camelinngest.InngestConstants;
import io.camelinngest.InngestEndpoint;
import io.camelinngest.model.InngestEvent;
import io.camelinngest.tracking.EventScanner;
import io.camelinngest.tracking.Watermark;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * {@code from("inngest:newEvents")}: each new event once, in the order sent (within {@code settleWindow}, see
 * {@link io.camelinngest.tracking.SettleWindow}; a later one is delivered marked late), at least once and with no gap.
 * The position (watermark and the IDs in the overlap window) is saved in the state repository after each delivered
 * event, or once per poll with {@code positionCommit=poll}.
 */
public class InngestNewEventsConsumer extends AbstractInngestConsumer<InngestNewEventsConsumer.Session> {

    /** The prefix of the watermark's entries in the state store. */
    static final String EVENTS = "events.";

    /** One start's position: the watermark of delivered events and the scanner reading what comes after it. */
    static final class Session extends ConsumerSession {
        private final Watermark watermark;
        private final EventScanner scanner;
        /** The greatest internal ID delivered in this session: an event below it comes late. */
        private String newestDelivered;

        Session(StateStore store, PositionCommit commit, Watermark watermark, EventScanner scanner) {
            super(store, commit);
            this.watermark = watermark;
            this.scanner = scanner;
        }

        @Override
        protected void collect(StateStore.Edit edit) {
            watermark.saveTo(edit, EVENTS);
        }
    }

    private final Duration overlap;
    /** The position shown by {@link #position()}: the watermark delivered up to and the IDs in the window behind it. */
    private volatile Instant delivered;
    private volatile int idsInOverlapWindow;
    /** Events delivered after an event sent after them, since this consumer was created. */
    private final AtomicLong lateEvents = new AtomicLong();

    public InngestNewEventsConsumer(InngestEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
        InngestConfiguration config = endpoint.getConfiguration();
        this.overlap = Duration.ofMillis(config.getOverlap());
    }

    @Override
    protected Session openSession(StateStore store) {
        InngestConfiguration config = getEndpoint().getConfiguration();
        Watermark saved = Watermark.fromEntries(EVENTS, store.load());
        Watermark watermark = saved != null
                ? saved
                : Watermark.startingAt(StartFrom.parse(config.getStartFrom()).instant());
        Session session = new Session(
                store, positionCommit(), watermark, new EventScanner(
                        client(),
                        config.eventNameFilter(), overlap, config.getPageSize(), Duration.ofMillis(config.getSettleWindow())));
        updatePosition(session);
        return session;
    }

    /** Two fields per delivery; the map is made when asked for (the dev console), not for every event. */
    private void updatePosition(Session session) {
        delivered = session.watermark.watermark();
        idsInOverlapWindow = session.watermark.recent().size();
    }

    @Override
    public Map<String, Object> position() {
        Instant mark = delivered;
        return mark == null
                ? Map.of()
                : Map.of("watermark", mark.toString(), "idsInOverlapWindow", idsInOverlapWindow, "lateEvents",
                        lateEvents.get());
    }

    @Override
    public long lateDeliveries() {
        return lateEvents.get();
    }

    @Override
    protected boolean isBehind(Session session, int fetched, int processed) {
        return super.isBehind(session, fetched, processed)
                || fetched > 0 && processed == fetched && session.scanner.moreBehind();
    }

    @Override
    protected List<Delivery> fetch(Session session) {
        List<Delivery> deliveries = new ArrayList<>();
        List<InngestEvent> events = session.scanner.newEvents(session.watermark, getMaxMessagesPerPoll());
        List<Instant> marks = EventScanner.safeMarks(events, session.scanner.heldFrom());
        // while catching up, the position holds the IDs of the watermark's last millisecond, not the whole overlap
        Instant settledUpTo = session.scanner.settledUpTo();
        for (int i = 0; i < events.size(); i++) {
            InngestEvent event = events.get(i);
            Instant mark = marks.get(i);
            // events come in send order within a poll, so only one sent before an earlier poll's can be late
            boolean late = session.newestDelivered != null && event.internalId().compareTo(session.newestDelivered) < 0;
            Consumer<Message> headers = message -> {
                message.setHeader(InngestConstants.EVENT_ID, event.internalId());
                message.setHeader(InngestConstants.EVENT_NAME, event.name());
                message.setHeader(InngestConstants.RECEIVED_AT, event.receivedAt());
                if (late) {
                    message.setHeader(InngestConstants.LATE, true);
                }
            };
            deliveries.add(new Delivery(
                    session, event, headers,
                    () -> {
                        if (late) {
                            lateEvents.incrementAndGet();
                        } else if (session.newestDelivered == null
                                || event.internalId().compareTo(session.newestDelivered) > 0) {
                            session.newestDelivered = event.internalId();
                        }
                        session.watermark.delivered(
                                event.internalId(), event.receivedAt().toInstant(), mark, overlap, settledUpTo);
                        updatePosition(session); // the session's flush writes the watermark
                    }));
        }
        return deliveries;
    }
}
