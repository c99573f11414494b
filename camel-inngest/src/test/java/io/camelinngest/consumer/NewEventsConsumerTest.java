package io.camelinngest.consumer;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import io.camelinngest.model.InngestEvent;
import io.camelinngest.testing.FakeInngest.StoredEvent;
import io.camelinngest.testing.Ulids;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePropertyKey;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code inngest:newEvents}: every event delivered once, oldest first, across pages and restarts; failed exchanges
 * delivered again; the name filter and the option checks at route start. Catching up on a backlog is in
 * {@link NewEventsCatchUpTest}.
 */
class NewEventsConsumerTest extends NewEventsTestSupport {

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
}
