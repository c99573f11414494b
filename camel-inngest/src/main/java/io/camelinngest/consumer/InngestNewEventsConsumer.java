package io.camelinngest.consumer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.camel.Processor;

import io.camelinngest.InngestConfiguration;
import io.camelinngest.InngestConstants;
import io.camelinngest.InngestEndpoint;
import io.camelinngest.model.InngestEvent;

/**
 * {@code from("inngest:newEvents")}: each new event once, oldest first, at least once and with no gap. The position
 * (watermark and the IDs in the overlap window) is saved in the state repository after each delivered event.
 */
public class InngestNewEventsConsumer extends AbstractInngestConsumer {

    /** What is saved under the state key. */
    public record State(Watermark events) {
    }

    private final Duration overlap;
    private StateStore<State> store;
    private Watermark watermark;
    private EventScanner scanner;
    private volatile Map<String, Object> position = Map.of();

    public InngestNewEventsConsumer(InngestEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
        InngestConfiguration config = endpoint.getConfiguration();
        this.overlap = Duration.ofMillis(config.getOverlap());
    }

    @Override
    protected void restoreState() {
        store = stateStore(State.class);
        InngestConfiguration config = getEndpoint().getConfiguration();
        scanner = new EventScanner(client(), config.eventNameFilter(), overlap, config.getPageSize());
        State saved = store.load();
        watermark = saved != null && saved.events() != null
                ? saved.events()
                : Watermark.startingAt(StartFrom.parse(getEndpoint().getConfiguration().getStartFrom()).instant());
        updatePosition();
    }

    private void updatePosition() {
        position = Map.of("watermark", watermark.watermark().toString(), "idsInOverlapWindow", watermark.recent().size());
    }

    @Override
    public Map<String, Object> position() {
        return position;
    }

    @Override
    protected List<Delivery> fetch() {
        List<Delivery> deliveries = new ArrayList<>();
        for (InngestEvent event : scanner.newEvents(watermark, getMaxMessagesPerPoll())) {
            deliveries.add(new Delivery(event, Map.of(
                    InngestConstants.EVENT_ID, event.internalId(),
                    InngestConstants.EVENT_NAME, event.name(),
                    InngestConstants.RECEIVED_AT, event.receivedAt()),
                    () -> {
                        watermark.delivered(event.internalId(), event.receivedAt().toInstant(), overlap);
                        store.save(new State(watermark));
                        updatePosition();
                    }));
        }
        return deliveries;
    }
}
