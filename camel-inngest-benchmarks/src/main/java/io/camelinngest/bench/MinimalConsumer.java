package io.camelinngest.bench;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.camelinngest.InngestConstants;
import io.camelinngest.client.InngestJson;
import io.camelinngest.model.InngestEvent;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePropertyKey;
import org.apache.camel.Producer;
import org.apache.camel.spi.StateRepository;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.net.URIBuilder;

/**
 * The catch-up baseline: the least a correct consumer of {@code GET /v1/events} does, written plainly. It reads the
 * backlog in the component's windows (the first page, newest first, gives the density of events; each window then holds
 * about {@code max} events after the position, read with {@code received_before} and the cursor, 51 a page), delivers
 * each window's new events oldest first, one Camel exchange each (the event as body, the component's three headers and
 * the batch properties) into a route, and writes its position (the last {@code received_at} delivered and the IDs
 * delivered at that instant) to the state repository after each event or once per window. An exchange that fails stops
 * it before the position moves. It does not re-read an overlap for events the server shows late, nor survive a server
 * that repeats a cursor: a floor for a static backlog, not a product.
 */
final class MinimalConsumer {

    private static final int PAGE = 51;
    private static final Comparator<InngestEvent> OLDEST_FIRST = Comparator
            .comparing((InngestEvent e) -> e.receivedAt().toInstant()).thenComparing(InngestEvent::internalId);

    /** The shape of a listEvents page. */
    record EventsPage(List<InngestEvent> data) {
    }

    private final CloseableHttpClient http;
    private final String url;
    private final StateRepository<String, String> repository;
    private final String key;
    private final boolean perMessage;
    private final int max;
    private Instant mark;
    private final Set<String> idsAtMark = new HashSet<>();
    /** New events per nanosecond of the last read, 0 when not known. */
    private double density;

    MinimalConsumer(CloseableHttpClient http, String url, StateRepository<String, String> repository, String key,
                    boolean perMessage, int max) {
        this.http = http;
        this.url = url;
        this.repository = repository;
        this.key = key;
        this.perMessage = perMessage;
        this.max = max;
    }

    /** Delivers everything received from {@code from} on to {@code endpoint}, then returns. */
    void drain(Instant from, Endpoint endpoint, Producer producer) throws Exception {
        mark = from;
        while (true) {
            if (density == 0) {
                List<InngestEvent> newest = page(mark, null, null).data();
                density = newest.size() == PAGE ? density(newest) : 0;
            }
            Instant end = density > 0 ? windowEnd() : null;
            List<InngestEvent> fresh = read(end);
            if (fresh.isEmpty() && end != null) {
                fresh = read(null); // a gap in the stream: up to the newest event
            }
            if (fresh.isEmpty()) {
                return;
            }
            density = density(fresh);
            fresh.sort(OLDEST_FIRST);
            deliver(fresh.size() > max ? fresh.subList(0, max) : fresh, endpoint, producer);
        }
    }

    /** The new events from the position up to {@code end} (or the newest), every page of them. */
    private List<InngestEvent> read(Instant end) throws Exception {
        List<InngestEvent> fresh = new ArrayList<>();
        String cursor = null;
        while (true) {
            List<InngestEvent> events = page(mark, end == null ? null : end.plusMillis(1), cursor).data();
            for (InngestEvent event : events) {
                Instant at = event.receivedAt().toInstant();
                if (at.isAfter(mark) || at.equals(mark) && !idsAtMark.contains(event.internalId())) {
                    fresh.add(event);
                }
            }
            if (events.size() < PAGE) {
                return fresh;
            }
            cursor = events.get(events.size() - 1).internalId();
        }
    }

    private void deliver(List<InngestEvent> batch, Endpoint endpoint, Producer producer) throws Exception {
        for (int i = 0; i < batch.size(); i++) {
            InngestEvent event = batch.get(i);
            Exchange exchange = endpoint.createExchange();
            exchange.getMessage().setBody(event);
            exchange.getMessage().setHeader(InngestConstants.EVENT_ID, event.internalId());
            exchange.getMessage().setHeader(InngestConstants.EVENT_NAME, event.name());
            exchange.getMessage().setHeader(InngestConstants.RECEIVED_AT, event.receivedAt());
            exchange.setProperty(ExchangePropertyKey.BATCH_INDEX, i);
            exchange.setProperty(ExchangePropertyKey.BATCH_SIZE, batch.size());
            exchange.setProperty(ExchangePropertyKey.BATCH_COMPLETE, i == batch.size() - 1);
            producer.process(exchange);
            if (exchange.isFailed()) {
                throw new IllegalStateException("delivery of " + event.internalId() + " failed", exchange.getException());
            }
            Instant at = event.receivedAt().toInstant();
            if (at.isAfter(mark)) {
                mark = at;
                idsAtMark.clear();
            }
            idsAtMark.add(event.internalId());
            if (perMessage) {
                save();
            }
        }
        if (!perMessage) {
            save();
        }
    }

    /** The position as JSON: {"mark":"...","ids":["...",...]}. */
    private void save() {
        StringBuilder json = new StringBuilder(64 + 32 * idsAtMark.size()).append("{\"mark\":\"").append(mark)
                .append("\",\"ids\":[");
        boolean first = true;
        for (String id : idsAtMark) {
            json.append(first ? "\"" : ",\"").append(id).append('"');
            first = false;
        }
        repository.setState(key, json.append("]}").toString());
    }

    private Instant windowEnd() {
        Instant end = mark.plusNanos(Math.max(1_000_000L, (long) Math.min(max / density, Duration.ofDays(30).toNanos())));
        return end.isBefore(Instant.now()) ? end : null;
    }

    /** Events per nanosecond between the oldest and the newest {@code received_at}. */
    private static double density(List<InngestEvent> events) {
        long least = Long.MAX_VALUE;
        long most = Long.MIN_VALUE;
        for (InngestEvent event : events) {
            Instant at = event.receivedAt().toInstant();
            long nanos = at.getEpochSecond() * 1_000_000_000L + at.getNano();
            least = Math.min(least, nanos);
            most = Math.max(most, nanos);
        }
        return events.size() < 2 || most == least ? 0 : (events.size() - 1) / (double) (most - least);
    }

    private EventsPage page(Instant after, Instant before, String cursor) throws Exception {
        URIBuilder uri = new URIBuilder(URI.create(url + "/v1/events"))
                .addParameter("received_after", after.toString()).addParameter("limit", Integer.toString(PAGE));
        if (before != null) {
            uri.addParameter("received_before", before.toString());
        }
        if (cursor != null) {
            uri.addParameter("cursor", cursor);
        }
        return http.execute(new HttpGet(uri.build()),
                response -> InngestJson.mapper().readValue(response.getEntity().getContent(), EventsPage.class));
    }
}
