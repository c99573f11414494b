package io.camelinngest.consumer;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.camelinngest.model.InngestEvent;
import io.camelinngest.testing.FakeInngest.StoredEvent;
import io.camelinngest.testing.Ulids;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePropertyKey;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class NewEventsConsumerTest extends ConsumerTestSupport {

    private final List<Exchange> exchanges = new ArrayList<>();

    @Override
    public boolean isUseRouteBuilder() {
        return false;
    }

    private void startRoute(String uri, org.apache.camel.Processor processor) throws Exception {
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(uri).routeId("events").process(processor);
            }
        });
        context.start();
    }

    private void record(Exchange exchange) {
        synchronized (exchanges) {
            exchanges.add(exchange.copy());
        }
        received.add(idOf(exchange));
    }

    /** {@code count} events named {@code order}, received 10 ms apart from {@code start}. */
    private static List<StoredEvent> ordersTenMillisecondsApart(Instant start, int count) {
        List<StoredEvent> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            events.add(FAKE.addEvent("order", start.plusMillis(10L * i), Map.of()));
        }
        return events;
    }

    private static List<String> ids(List<StoredEvent> events) {
        return events.stream().map(StoredEvent::internalId).toList();
    }

    @Test
    void deliversEveryEventOnceOldestFirstAcrossManyPages() throws Exception {
        Instant start = Instant.now().minusSeconds(30);
        List<StoredEvent> events = new ArrayList<>();
        for (int i = 0; i < 23; i++) {
            events.add(FAKE.addEvent("shop/order.created", start.plusMillis(100L * i), Map.of("n", i)));
        }

        startRoute("inngest:newEvents?startFrom=" + start + "&pageSize=5&delay=100&initialDelay=0", this::record);

        await().atMost(Duration.ofSeconds(30)).until(() -> received.size() >= 23);
        awaitPolls("events", 3); // nothing more comes (twice) in three more polls
        assertThat(received).containsExactlyElementsOf(ids(events));

        Exchange first = exchanges.get(0);
        InngestEvent body = first.getMessage().getBody(InngestEvent.class);
        assertThat(body.name()).isEqualTo("shop/order.created");
        assertThat(body.data()).containsEntry("n", 0);
        assertThat(first.getMessage().getHeader("CamelInngestEventName")).isEqualTo("shop/order.created");
        assertThat(first.getMessage().getHeader("CamelInngestReceivedAt", OffsetDateTime.class).toInstant())
                .isEqualTo(start);
        // pages of 5 were followed with the cursor, and received_after is always sent
        INNGEST.verify(getRequestedFor(urlPathEqualTo("/v1/events")).withQueryParam("cursor", matching("[0-9A-Z]{26}")));
        assertThat(INNGEST.findAll(getRequestedFor(urlPathEqualTo("/v1/events"))))
                .allSatisfy(r -> assertThat(r.queryParameter("received_after").isPresent()).isTrue());
    }

    @Test
    void startFromNowDeliversOnlyWhatArrivesAfterTheStart() throws Exception {
        FAKE.addEvent("old", Instant.now().minusSeconds(60), Map.of());

        startRoute("inngest:newEvents?delay=100&initialDelay=0", this::record);
        await().until(() -> INNGEST.findAll(getRequestedFor(urlPathEqualTo("/v1/events"))).size() >= 2);
        StoredEvent fresh = FAKE.addEvent("new", Instant.now(), Map.of());

        await().atMost(Duration.ofSeconds(30)).until(() -> received.size() >= 1);
        awaitPolls("events", 3); // nothing more comes (twice) in three more polls
        assertThat(received).containsExactly(fresh.internalId());
    }

    @Test
    void aFailedExchangeIsDeliveredAgainAndTheEventsAfterItWait() throws Exception {
        Instant start = Instant.now().minusSeconds(10);
        List<StoredEvent> events = ordersTenMillisecondsApart(start, 5);
        AtomicBoolean failedOnce = new AtomicBoolean();
        String third = events.get(2).internalId();

        startRoute("inngest:newEvents?startFrom=" + start + "&delay=100&initialDelay=0", exchange -> {
            record(exchange);
            if (idOf(exchange).equals(third) && failedOnce.compareAndSet(false, true)) {
                throw new IllegalStateException("downstream system is down");
            }
        });

        await().atMost(Duration.ofSeconds(30)).until(() -> received.size() >= 6);
        awaitPolls("events", 3); // nothing more comes (twice) in three more polls
        List<String> ids = ids(events);
        assertThat(received).containsExactly(ids.get(0), ids.get(1), ids.get(2), ids.get(2), ids.get(3), ids.get(4));
    }

    @Test
    void eventsComeInTheOrderSentEvenWhenTheServerStoredThemAFewMillisecondsOutOfOrder() throws Exception {
        // seen against the Dev Server: received_at is the storage time, so the 3rd event sent can be stored after the 4th
        Instant start = Instant.now().minusSeconds(10);
        List<StoredEvent> sent = new ArrayList<>();
        long[] storedAfterMs = { 0, 1, 5, 2, 3 };
        for (int i = 0; i < storedAfterMs.length; i++) {
            sent.add(FAKE.addEvent(Ulids.at(start.plusMillis(i)), "order", start.plusMillis(10 + storedAfterMs[i]),
                    Map.of("n", i)));
        }
        AtomicBoolean failedOnce = new AtomicBoolean();
        String fourth = sent.get(3).internalId();

        // the 4th fails once after the 3rd (stored last) was delivered: the watermark must not have passed the 4th
        startRoute("inngest:newEvents?startFrom=" + start + "&delay=100&initialDelay=0&overlap=0", exchange -> {
            record(exchange);
            if (idOf(exchange).equals(fourth) && failedOnce.compareAndSet(false, true)) {
                throw new IllegalStateException("downstream system is down");
            }
        });

        await().atMost(Duration.ofSeconds(30)).until(() -> received.size() >= 6);
        awaitPolls("events", 3);
        List<String> ids = ids(sent);
        assertThat(received).containsExactly(ids.get(0), ids.get(1), ids.get(2), ids.get(3), ids.get(3), ids.get(4));
    }

    @Test
    void anEventStoredLateBehindTheWatermarkButWithinTheOverlapIsDeliveredOnce() throws Exception {
        Instant t = Instant.now().minusSeconds(5);
        String earlierId = io.camelinngest.testing.Ulids.at(t.minusMillis(500));
        StoredEvent first = FAKE.addEvent("order", t, Map.of());

        startRoute("inngest:newEvents?startFrom=" + t.minusSeconds(10) + "&overlap=3000&delay=100&initialDelay=0",
                this::record);
        await().until(() -> received.size() >= 1);

        // written late: its received_at and internal ID lie behind the event already delivered
        StoredEvent late = FAKE.addEvent(earlierId, "order", t.minusMillis(500), Map.of());
        await().atMost(Duration.ofSeconds(30)).until(() -> received.size() >= 2);
        awaitPolls("events", 3); // nothing more comes (twice) in three more polls
        assertThat(received).containsExactly(first.internalId(), late.internalId());
    }

    @Test
    void theNameFilterIsAppliedByTheServer() throws Exception {
        Instant start = Instant.now().minusSeconds(10);
        StoredEvent wanted = FAKE.addEvent("shop/order.created", start.plusMillis(1), Map.of());
        FAKE.addEvent("shop/order.cancelled", start.plusMillis(2), Map.of());

        startRoute("inngest:newEvents?name=shop/order.created&startFrom=" + start + "&delay=100&initialDelay=0",
                this::record);

        await().until(() -> received.size() >= 1);
        awaitPolls("events", 3); // nothing more comes (twice) in three more polls
        assertThat(received).containsExactly(wanted.internalId());
        INNGEST.verify(getRequestedFor(urlPathEqualTo("/v1/events")).withQueryParam("name", equalTo("shop/order.created")));
    }

    @Test
    void maxMessagesPerPollSpreadsABacklogOverPollsInOrder() throws Exception {
        Instant start = Instant.now().minusSeconds(30);
        List<StoredEvent> events = ordersTenMillisecondsApart(start, 30);

        startRoute("inngest:newEvents?startFrom=" + start + "&maxMessagesPerPoll=7&delay=50&initialDelay=0",
                this::record);

        await().atMost(Duration.ofSeconds(30)).until(() -> received.size() >= 30);
        awaitPolls("events", 3); // nothing more comes (twice) in three more polls
        assertThat(received).containsExactlyElementsOf(ids(events));
        assertThat(exchanges).allSatisfy(e -> assertThat(e.getProperty(ExchangePropertyKey.BATCH_SIZE, Integer.class))
                .isBetween(1, 7));
        assertThat(exchanges.get(6).getProperty(ExchangePropertyKey.BATCH_COMPLETE, Boolean.class)).isTrue();
    }

    @Test
    void theDefaultInMemoryPositionSurvivesARouteRestart() throws Exception {
        Instant start = Instant.now().minusSeconds(10);
        List<StoredEvent> before = ordersTenMillisecondsApart(start, 3);
        startRoute("inngest:newEvents?startFrom=" + start + "&delay=50&initialDelay=0", this::record);
        await().atMost(Duration.ofSeconds(30)).until(() -> received.size() >= 3);

        context.getRouteController().stopRoute("events");
        StoredEvent after = FAKE.addEvent("order", Instant.now(), Map.of());
        context.getRouteController().startRoute("events");

        await().atMost(Duration.ofSeconds(30)).until(() -> received.size() >= 4);
        awaitPolls("events", 3); // nothing more comes (twice) in three more polls
        List<String> expected = new ArrayList<>(ids(before));
        expected.add(after.internalId());
        assertThat(received).containsExactlyElementsOf(expected);
    }

    @Test
    void aPageSizeAboveTheServersMaximumFailsAtRouteStart() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> startRoute("inngest:newEvents?pageSize=100", this::record))
                .rootCause().isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("pageSize").hasMessageContaining("51");
        assertThat(INNGEST.getAllServeEvents()).isEmpty();
    }

    @Test
    void aMemoryStateRepositoryOfTheUserKeepsThePositionAcrossARouteRestart() throws Exception {
        context.getRegistry().bind("mem", new org.apache.camel.support.processor.state.MemoryStateRepository());
        Instant start = Instant.now().minusSeconds(10);
        StoredEvent first = FAKE.addEvent("order", start.plusMillis(1), Map.of());
        startRoute("inngest:newEvents?stateRepository=#mem&startFrom=" + start + "&delay=50&initialDelay=0", this::record);
        await().atMost(Duration.ofSeconds(30)).until(() -> received.size() >= 1);

        context.getRouteController().stopRoute("events");
        StoredEvent second = FAKE.addEvent("order", Instant.now(), Map.of());
        context.getRouteController().startRoute("events");

        await().atMost(Duration.ofSeconds(30)).until(() -> received.size() >= 2);
        awaitPolls("events", 3); // nothing more comes (twice) in three more polls
        assertThat(received).containsExactly(first.internalId(), second.internalId());
    }

    @Test
    void anExchangeMarkedRollbackOnlyIsDeliveredAgain() throws Exception {
        Instant start = Instant.now().minusSeconds(10);
        StoredEvent one = FAKE.addEvent("order", start.plusMillis(1), Map.of());
        StoredEvent two = FAKE.addEvent("order", start.plusMillis(2), Map.of());
        AtomicBoolean rolledBack = new AtomicBoolean();
        startRoute("inngest:newEvents?startFrom=" + start + "&delay=50&initialDelay=0", exchange -> {
            record(exchange);
            if (idOf(exchange).equals(one.internalId()) && rolledBack.compareAndSet(false, true)) {
                exchange.setRollbackOnly(true); // no exception: a route's rollback()/markRollbackOnly()
            }
        });

        await().atMost(Duration.ofSeconds(30)).until(() -> received.size() >= 3);
        awaitPolls("events", 3); // nothing more comes (twice) in three more polls
        assertThat(received).containsExactly(one.internalId(), one.internalId(), two.internalId());
    }

    @Test
    void eventNameIsTheSameFilterAsName() throws Exception {
        Instant start = Instant.now().minusSeconds(10);
        StoredEvent wanted = FAKE.addEvent("shop/order.created", start.plusMillis(1), Map.of());
        FAKE.addEvent("shop/order.cancelled", start.plusMillis(2), Map.of());

        startRoute("inngest:newEvents?eventName=shop/order.created&startFrom=" + start + "&delay=50&initialDelay=0",
                this::record);

        await().until(() -> received.size() >= 1);
        awaitPolls("events", 3); // nothing more comes (twice) in three more polls
        assertThat(received).containsExactly(wanted.internalId());
    }

    @Test
    void nameAndEventNameNamingDifferentEventsFailAtRouteStart() {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> startRoute("inngest:newEvents?name=a&eventName=b", this::record))
                .rootCause().isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("name").hasMessageContaining("eventName");
    }

    @Test
    void whileCatchingUpTheEventsKeptAreTheOldestByReceivedAtNotByInternalId() throws Exception {
        Instant start = Instant.now().minusSeconds(10);
        // stored early, but its internal ID is the newest (a sender's seed set the ID's time)
        StoredEvent earlyWithNewId = FAKE.addEvent(io.camelinngest.testing.Ulids.at(Instant.now()), "order",
                start.plusMillis(1), Map.of());
        List<StoredEvent> others = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            others.add(FAKE.addEvent("order", start.plusMillis(100L + i), Map.of()));
        }

        startRoute("inngest:newEvents?startFrom=" + start + "&maxMessagesPerPoll=2&overlap=0&delay=50&initialDelay=0",
                this::record);

        await().atMost(Duration.ofSeconds(30)).until(() -> received.size() >= 5);
        awaitPolls("events", 3); // nothing more comes (twice) in three more polls
        // the first poll keeps the two stored first (none is cut off behind the watermark) and delivers them in the
        // order of their internal IDs; the rest follow
        List<String> expected = new ArrayList<>();
        expected.add(others.get(0).internalId());
        expected.add(earlyWithNewId.internalId());
        expected.addAll(ids(others.subList(1, 4)));
        assertThat(received).containsExactlyElementsOf(expected);
    }

    @Test
    void catchingUpOnABacklogReadsEachPageAboutOnceNotOncePerPoll() throws Exception {
        Instant start = Instant.now().minusSeconds(60);
        List<StoredEvent> events = ordersTenMillisecondsApart(start, 300);

        startRoute("inngest:newEvents?startFrom=" + start + "&pageSize=10&maxMessagesPerPoll=20&overlap=0"
                   + "&delay=10&initialDelay=0",
                this::record);

        await().atMost(Duration.ofSeconds(20)).until(() -> received.size() >= 300);
        int requests = INNGEST.findAll(getRequestedFor(urlPathEqualTo("/v1/events"))).size();
        awaitPolls("events", 3); // nothing more comes (twice) in three more polls
        assertThat(received).containsExactlyElementsOf(ids(events));
        // 15 polls of 20: the first reads all 30 pages and notes where each 20 end; each later poll reads only up to
        // the next of those (2 or 3 pages). Scanning down to the watermark on every poll would take about 240.
        System.out.println("CATCH-UP: events=300 pageSize=10 maxMessagesPerPoll=20 requests=" + requests);
        assertThat(requests).isLessThan(100);
    }

    @Test
    void catchingUpReadsTheBacklogInWindowsWithoutAFirstScanOfTheWholeBacklog() throws Exception {
        Instant start = Instant.now().minusSeconds(120);
        List<StoredEvent> events = ordersTenMillisecondsApart(start, 1000);

        // a poll reads all its pages before it delivers: the requests made before the first delivery are the first poll's
        AtomicInteger firstPollRequests = new AtomicInteger(-1);
        startRoute("inngest:newEvents?startFrom=" + start + "&pageSize=10&maxMessagesPerPoll=100&overlap=0"
                   + "&delay=10&initialDelay=0",
                exchange -> {
                    if (firstPollRequests.get() < 0) {
                        firstPollRequests.set(INNGEST.findAll(getRequestedFor(urlPathEqualTo("/v1/events"))).size());
                    }
                    record(exchange);
                });

        // the first 100 came from the first page (to learn the density) and a window of about 100 events
        await().atMost(Duration.ofSeconds(30)).until(() -> received.size() >= 1000);
        int firstPoll = firstPollRequests.get();
        int requests = INNGEST.findAll(getRequestedFor(urlPathEqualTo("/v1/events"))).size();
        awaitPolls("events", 3); // nothing more comes (twice) in three more polls
        assertThat(received).containsExactlyElementsOf(ids(events));
        System.out.println("CATCH-UP: events=1000 pageSize=10 maxMessagesPerPoll=100 firstPoll=" + firstPoll
                           + " requests=" + requests);
        // a first scan of the whole backlog alone would take 100 requests; the backlog itself is 100 pages
        assertThat(firstPoll).isLessThan(40);
        assertThat(requests).isLessThan(150);
    }

    /**
     * Catching up with an overlap: the overlap behind the watermark is not read again on every poll where the server's
     * newest event shows that nothing more can show up there, so each page of the backlog is read about once
     * (re-reading a 2 s overlap, 20 pages, on each of the 10 polls would take about 300 requests). At the head of the
     * stream the overlap is read as before: an event stored late within it is still delivered.
     */
    @Test
    void catchingUpWithAnOverlapReadsEachPageAboutOnceAndTheHeadKeepsItsOverlap() throws Exception {
        Instant start = Instant.now().minusSeconds(120);
        List<StoredEvent> events = ordersTenMillisecondsApart(start, 1000);
        Instant newest = events.get(events.size() - 1).receivedAt();

        AtomicInteger catchUpRequests = new AtomicInteger(-1);
        startRoute("inngest:newEvents?startFrom=" + start + "&pageSize=10&maxMessagesPerPoll=100&overlap=2000"
                   + "&delay=10&initialDelay=0",
                exchange -> {
                    record(exchange);
                    if (received.size() == 1000) {
                        catchUpRequests.set(INNGEST.findAll(getRequestedFor(urlPathEqualTo("/v1/events"))).size());
                    }
                });
        await().atMost(Duration.ofSeconds(30)).until(() -> received.size() >= 1000);
        System.out.println("CATCH-UP: events=1000 pageSize=10 maxMessagesPerPoll=100 overlap=2000 requests="
                           + catchUpRequests.get());
        assertThat(catchUpRequests.get()).as("requests to catch up on 100 pages").isBetween(100, 160);

        // stored late: received 500 ms before the newest event, after the newest was delivered
        StoredEvent late = FAKE.addEvent(io.camelinngest.testing.Ulids.at(newest.minusMillis(500)), "order",
                newest.minusMillis(500), Map.of());
        await().atMost(Duration.ofSeconds(30)).until(() -> received.size() >= 1001);
        awaitPolls("events", 3); // nothing more comes (twice) in three more polls
        List<String> expected = new ArrayList<>(ids(events));
        expected.add(late.internalId());
        assertThat(received).containsExactlyElementsOf(expected);
    }

    /**
     * Bursts of events caught up in polls smaller than a burst: the polls after the first read up to the time of an
     * event (a ceiling), which {@code received_before} leaves out on the real server (it compares with {@code <}). The
     * event at the ceiling is still delivered, and the consumer goes on past it (it once read up to that ceiling
     * forever, found against the Dev Server).
     */
    @Test
    void burstsCaughtUpInSmallPollsGetPastTheEventAtEachCeiling() throws Exception {
        Instant start = Instant.now().minusSeconds(60);
        List<StoredEvent> events = new ArrayList<>();
        for (int burst = 0; burst < 3; burst++) {
            for (int i = 0; i < 10; i++) {
                events.add(FAKE.addEvent("order", start.plusMillis(500L * burst).plusNanos(100_000L * i), Map.of()));
            }
        }

        startRoute("inngest:newEvents?startFrom=" + start.minusSeconds(1) + "&pageSize=5&maxMessagesPerPoll=10"
                   + "&delay=10&initialDelay=0",
                this::record);

        await().atMost(Duration.ofSeconds(20)).until(() -> received.size() >= events.size());
        awaitPolls("events", 3); // nothing more comes (twice) in three more polls
        assertThat(received).containsExactlyElementsOf(ids(events));
    }

    @Test
    void aBurstOfRecentEventsIsReadOnceWithoutAWindow() throws Exception {
        Instant start = Instant.now().minusSeconds(2);
        List<StoredEvent> events = ordersTenMillisecondsApart(start, 60);

        // one poll: the first page is full, but a window of 1,000 events at this density would end in the future
        startRoute("inngest:newEvents?startFrom=" + start + "&delay=60000&initialDelay=0", this::record);

        await().atMost(Duration.ofSeconds(30)).until(() -> received.size() >= 60);
        assertThat(received).containsExactlyElementsOf(ids(events));
        // two pages (51 and 9 events), each read once
        assertThat(INNGEST.findAll(getRequestedFor(urlPathEqualTo("/v1/events")))).hasSize(2);
    }
}
