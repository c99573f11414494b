package io.camelinngest;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.camelinngest.client.InngestApiException;
import io.camelinngest.consumer.ConsumerTestSupport;
import io.camelinngest.model.FunctionRun;
import io.camelinngest.model.RunStatus;
import io.camelinngest.testing.FakeInngest.StoredEvent;
import io.camelinngest.testing.FakeInngest.StoredRun;
import io.camelinngest.testing.Ulids;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Request-reply on top of Inngest: {@code sendEvents?awaitRuns=true} answers with the ended runs the events started,
 * {@code getRun?awaitTerminal=true} with the run once it ended; both against the fake server, with runs that appear and
 * end while the producer waits.
 */
class AwaitRunsTest extends ConsumerTestSupport {

    private static final String HASHED_BEARER
            = "Bearer signkey-test-b2ed992186a5cb19f6668aade821f502c1d00970dfd0e35128d51bac4649916c";
    private static final String FAST = "runPollInterval=50&eventRunsInterval=50";

    private CompletableFuture<Void> mover = CompletableFuture.completedFuture(null);

    @AfterEach
    void waitForMover() {
        mover.join();
    }

    /** The event API accepts the send and answers with the internal IDs of events the fake already holds. */
    private static void acceptSend(StoredEvent... events) {
        StringBuilder ids = new StringBuilder();
        for (StoredEvent e : events) {
            ids.append(ids.isEmpty() ? "" : ",").append('"').append(e.internalId()).append('"');
        }
        INNGEST.stubFor(post(urlPathEqualTo("/e/test-event-key")).atPriority(1).willReturn(aResponse()
                .withStatus(200)
                .withHeader("Content-Type", "text/plain; charset=utf-8")
                .withBody("{\"ids\":[" + ids + "],\"status\":200}\n")));
    }

    private static StoredRun run(String eventId, String functionId) {
        return FAKE.putRun(new StoredRun(
                Ulids.at(Instant.now()), eventId, functionId, "my-app", "Running", Instant.now(),
                null, null));
    }

    private static int requestsFor(String path) {
        return INNGEST.findAll(getRequestedFor(urlPathEqualTo(path))).size();
    }

    private Exchange send(String uri, Object body, Map<String, Object> headers) {
        return template.send(uri, e -> {
            e.getMessage().setBody(body);
            e.getMessage().setHeaders(new java.util.HashMap<>(headers));
        });
    }

    // -------------------------------------------------------------------------------------------------------------
    // sendEvents?awaitRuns=true

    @Test
    void sendEventsAwaitsTheRunsTheEventsStartedIncludingOneThatAppearsLate() {
        StoredEvent created = FAKE.addEvent("shop/order.created", Instant.now(), Map.of("orderId", 1));
        StoredEvent paid = FAKE.addEvent("shop/order.paid", Instant.now(), Map.of("orderId", 1));
        StoredRun ship = run(created.internalId(), "fn-ship");
        acceptSend(created, paid);
        StoredRun[] bill = new StoredRun[1];
        mover = CompletableFuture.runAsync(() -> {
            // the paid event's run is not there when first asked for
            await().atMost(Duration.ofSeconds(5)).until(() -> requestsFor("/v2/events/" + paid.internalId() + "/runs") >= 1);
            bill[0] = run(paid.internalId(), "fn-bill");
            await().atMost(Duration.ofSeconds(5)).until(() -> requestsFor("/v2/runs/" + ship.runId()) >= 2);
            FAKE.setStatus(ship.runId(), "Completed", Map.of("shipped", true));
            await().atMost(Duration.ofSeconds(5)).until(() -> requestsFor("/v2/runs/" + bill[0].runId()) >= 2);
            FAKE.setStatus(bill[0].runId(), "Failed", Map.of("name", "Error", "message", "card declined"));
        });

        List<Map<String, Object>> events = List.of(
                Map.of("name", "shop/order.created", "data", Map.of("orderId", 1)),
                Map.of("name", "shop/order.paid", "data", Map.of("orderId", 1)));
        Exchange exchange = send("inngest:sendEvents?awaitRuns=true&awaitTimeout=5000&" + FAST, events, Map.of());
        mover.join();

        assertThat(exchange.getException()).isNull();
        assertThat(exchange.getMessage().getHeader("CamelInngestEventIds"))
                .isEqualTo(List.of(created.internalId(), paid.internalId()));
        List<?> body = exchange.getMessage().getBody(List.class);
        assertThat(body).hasSize(2);
        FunctionRun shipped = (FunctionRun) body.get(0);
        FunctionRun billed = (FunctionRun) body.get(1);
        assertThat(shipped.runId()).isEqualTo(ship.runId());
        assertThat(shipped.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(shipped.eventId()).isEqualTo(created.internalId());
        assertThat(shipped.output()).isEqualTo(Map.of("shipped", true));
        assertThat(billed.runId()).isEqualTo(bill[0].runId());
        assertThat(billed.status()).isEqualTo(RunStatus.FAILED);
        assertThat(billed.output()).isEqualTo(Map.of("name", "Error", "message", "card declined"));

        INNGEST.verify(1, postRequestedFor(urlPathEqualTo("/e/test-event-key"))
                .withRequestBody(equalToJson("""
                        [{"name":"shop/order.created","data":{"orderId":1}},
                         {"name":"shop/order.paid","data":{"orderId":1}}]""")));
        INNGEST.verify(getRequestedFor(urlPathEqualTo("/v2/runs/" + ship.runId()))
                .withHeader("Authorization", equalTo(HASHED_BEARER)));
        INNGEST.verify(getRequestedFor(urlPathEqualTo("/v2/events/" + paid.internalId() + "/runs"))
                .withHeader("Authorization", equalTo(HASHED_BEARER)));
    }

    @Test
    void sendEventsTimesOutNamingTheRunStillOpenAndTheEventWithoutARun() {
        StoredEvent created = FAKE.addEvent("shop/order.created", Instant.now(), Map.of());
        StoredEvent paid = FAKE.addEvent("shop/order.paid", Instant.now(), Map.of());
        StoredRun ship = run(created.internalId(), "fn-ship");
        acceptSend(created, paid);

        long start = System.nanoTime();
        Exchange exchange = send("inngest:sendEvents?awaitRuns=true&awaitTimeout=400&" + FAST,
                List.of(Map.of("name", "shop/order.created"), Map.of("name", "shop/order.paid")), Map.of());
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;

        InngestApiException e = exchange.getException(InngestApiException.class);
        assertThat(e).isNotNull();
        assertThat(e.getOperation()).isEqualTo("sendEvents");
        assertThat(e.getMessage())
                .contains("timed out after 400 ms")
                .contains("run " + ship.runId() + " (Running)")
                .contains("event " + paid.internalId() + " (no run yet)")
                .doesNotContain(created.internalId() + " (no run yet)")
                .doesNotContain("test-event-key");
        assertThat(elapsedMillis).isBetween(400L, 3000L);
        // the events were sent all the same: their IDs are on the message
        assertThat(exchange.getMessage().getHeader("CamelInngestEventIds"))
                .isEqualTo(List.of(created.internalId(), paid.internalId()));
    }

    // -------------------------------------------------------------------------------------------------------------
    // getRun?awaitTerminal=true

    @Test
    void getRunAwaitsTheEndOfTheRun() {
        StoredRun ship = run(null, "fn-ship");
        mover = CompletableFuture.runAsync(() -> {
            await().atMost(Duration.ofSeconds(5)).until(() -> requestsFor("/v2/runs/" + ship.runId()) >= 3);
            FAKE.setStatus(ship.runId(), "Completed", Map.of("trackingId", "TRK-99"));
        });

        Exchange exchange = send("inngest:getRun?awaitTerminal=true&awaitTimeout=5000&" + FAST, null,
                Map.of(InngestConstants.RUN_ID, ship.runId()));
        mover.join();

        assertThat(exchange.getException()).isNull();
        FunctionRun run = exchange.getMessage().getBody(FunctionRun.class);
        assertThat(run.runId()).isEqualTo(ship.runId());
        assertThat(run.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(run.endedAt()).isNotNull();
        assertThat(run.output()).isEqualTo(Map.of("trackingId", "TRK-99"));
        int polls = requestsFor("/v2/runs/" + ship.runId());
        assertThat(polls).isGreaterThanOrEqualTo(4);
        INNGEST.verify(polls, getRequestedFor(urlPathEqualTo("/v2/runs/" + ship.runId()))
                .withHeader("Authorization", equalTo(HASHED_BEARER)));
        INNGEST.verify(0, getRequestedFor(urlPathMatching("/v[12]/events.*")));
    }

    @Test
    void getRunTimesOutNamingTheRunAndItsStatus() {
        StoredRun ship = run(null, "fn-ship");

        long start = System.nanoTime();
        Exchange exchange = send("inngest:getRun?awaitTerminal=true&awaitTimeout=300&runId=" + ship.runId() + "&" + FAST,
                null, Map.of());
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;

        InngestApiException e = exchange.getException(InngestApiException.class);
        assertThat(e).isNotNull();
        assertThat(e.getOperation()).isEqualTo("getRun");
        assertThat(e.getMessage()).contains("getRun failed: timed out after 300 ms")
                .contains("run " + ship.runId() + " (Running)");
        assertThat(elapsedMillis).isBetween(300L, 3000L);
        assertThat(requestsFor("/v2/runs/" + ship.runId())).isGreaterThanOrEqualTo(2);
    }
}
