package io.camelinngest.consumer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.camel.Processor;

import io.camelinngest.InngestConfiguration;
import io.camelinngest.InngestConstants;
import io.camelinngest.InngestEndpoint;
import io.camelinngest.model.InngestEvent;
import io.camelinngest.tracking.EventScanner;
import io.camelinngest.tracking.Watermark;

/**
 * {@code from("inngest:newEvents")}: each new event once, in the order sent, at least once and with no gap. The position
 * (watermark and the IDs in the overlap window) is saved in the state repository after each delivered event.
 */
public class InngestNewEventsConsumer extends AbstractInngestConsumer<InngestNewEventsConsumer.Session> {

    /** The prefix of the watermark's entries in the state store. */
    static final String EVENTS = "events.";

    /** One start's position: the watermark of delivered events and the scanner reading what comes after it. */
    static final class Session extends ConsumerSession {
        private final Watermark watermark;
        private final EventScanner scanner;

        Session(StateStore store, Watermark watermark, EventScanner scanner) {
            super(store);
            this.watermark = watermark;
            this.scanner = scanner;
        }
    }

    private final Duration overlap;
    /** The position shown by {@link #position()}: the watermark delivered up to and the IDs in the window behind it. */
    private volatile Instant delivered;
    private volatile int idsInOverlapWindow;

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
        Session session = new Session(store, watermark,
                new EventScanner(client(), config.eventNameFilter(), overlap, config.getPageSize()));
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
        return mark == null ? Map.of() : Map.of("watermark", mark.toString(), "idsInOverlapWindow", idsInOverlapWindow);
    }

    @Override
    protected List<Delivery> fetch(Session session) {
        List<Delivery> deliveries = new ArrayList<>();
        List<InngestEvent> events = session.scanner.newEvents(session.watermark, getMaxMessagesPerPoll());
        List<Instant> marks = EventScanner.safeMarks(events);
        for (int i = 0; i < events.size(); i++) {
            InngestEvent event = events.get(i);
            Instant mark = marks.get(i);
            deliveries.add(new Delivery(session, event, Map.of(
                    InngestConstants.EVENT_ID, event.internalId(),
                    InngestConstants.EVENT_NAME, event.name(),
                    InngestConstants.RECEIVED_AT, event.receivedAt()),
                    () -> {
                        session.watermark.delivered(event.internalId(), event.receivedAt().toInstant(), mark, overlap);
                        StateStore.Edit edit = session.store().edit();
                        session.watermark.saveTo(edit, EVENTS);
                        edit.commit();
                        updatePosition(session);
                    }));
        }
        return deliveries;
    }
}
