package io.camelinngest.consumer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.camelinngest.model.FunctionRun;
import io.camelinngest.model.RunStatus;
import io.camelinngest.testing.FakeInngest.StoredEvent;
import io.camelinngest.testing.FakeInngest.StoredRun;
import io.camelinngest.testing.Ulids;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.processor.state.FileStateRepository;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * {@code from("inngest:runStatus")} against the fake Inngest server: which runs are followed, which changes are
 * delivered, in which order, and what survives failures and restarts. Each delivered change is recorded as
 * {@code runId:previous->status} from the headers ({@code previous} empty on first sight).
 */
class RunStatusConsumerTest extends ConsumerTestSupport {

    private static final String FAST = "delay=50&initialDelay=0&runPollInterval=50&eventRunsInterval=50";

    private final List<Exchange> exchanges = new CopyOnWriteArrayList<>();

    @Override
    public boolean isUseRouteBuilder() {
        return false;
    }

    private void startRoute(String uri, Processor processor) throws Exception {
        startRoute(context, uri, processor);
        context.start();
    }

    private static void startRoute(CamelContext camel, String uri, Processor processor) throws Exception {
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(uri).routeId("runs").process(processor);
            }
        });
    }

    private void record(Exchange exchange) {
        exchanges.add(exchange.copy());
        received.add(change(exchange));
    }

    private static String change(Exchange exchange) {
        String previous = exchange.getMessage().getHeader("CamelInngestPreviousRunStatus", String.class);
        return exchange.getMessage().getHeader("CamelInngestRunId", String.class) + ":" + (previous == null ? "" : previous)
               + "->" + exchange.getMessage().getHeader("CamelInngestRunStatus", String.class);
    }

    private Exchange delivered(String change) {
        return exchanges.stream().filter(e -> change(e).equals(change)).findFirst().orElseThrow();
    }

    private static StoredRun running(String eventId, String functionId) {
        return FAKE.putRun(new StoredRun(
                Ulids.at(Instant.now()), eventId, functionId, "my-app", "Running", Instant.now(),
                null, null));
    }

    private static int requestsFor(String path) {
        return INNGEST.findAll(getRequestedFor(urlPathEqualTo(path))).size();
    }

    private static String c(StoredRun run, String previous, String status) {
        return run.runId() + ":" + previous + "->" + status;
    }

    // -------------------------------------------------------------------------------------------------------------
    // source=v1, runs of new events

    @Test
    void followsTheRunsOfNewEventsThatAppearLateUntilTheyEnd() throws Exception {
        startRoute("inngest:runStatus?eventName=shop/order.created&" + FAST, this::record);
        await().until(() -> requestsFor("/v1/events") >= 1);

        StoredEvent order = FAKE.addEvent("shop/order.created", Instant.now(), Map.of("orderId", 7));
        StoredEvent other = FAKE.addEvent("shop/order.cancelled", Instant.now(), Map.of());
        StoredRun otherRun = running(other.internalId(), "fn-refund");
        String eventRuns = "/v2/events/" + order.internalId() + "/runs";
        // the event is seen, but its runs are not there yet: the event runs list is empty for a while
        await().atMost(Duration.ofSeconds(30)).until(() -> requestsFor(eventRuns) >= 2);
        assertThat(received).isEmpty();

        StoredRun ship = running(order.internalId(), "fn-ship");
        await().atMost(Duration.ofSeconds(30)).until(() -> received.size() >= 1);
        StoredRun bill = running(order.internalId(), "fn-bill"); // a second function's run, later still
        await().atMost(Duration.ofSeconds(30)).until(() -> received.size() >= 2);

        FAKE.setStatus(ship.runId(), "Completed", Map.of("shipped", true, "trackingId", "TRK-99"));
        await().atMost(Duration.ofSeconds(30)).until(() -> received.size() >= 3);
        FAKE.setStatus(bill.runId(), "Completed", Map.of("charged", 42));
        await().atMost(Duration.ofSeconds(30)).until(() -> received.size() >= 4);
        FAKE.setStatus(otherRun.runId(), "Completed", Map.of());

        // a terminal run is no longer asked for, while the consumer keeps polling
        awaitPolls("runs", 2);
        int shipPolls = requestsFor("/v2/runs/" + ship.runId());
        int billPolls = requestsFor("/v2/runs/" + bill.runId());
        int eventPolls = requestsFor("/v1/events");
        awaitPolls("runs", 5); // each longer than runPollInterval: a watched run would be asked for again
        assertThat(requestsFor("/v1/events")).isGreaterThan(eventPolls);
        assertThat(requestsFor("/v2/runs/" + ship.runId())).isEqualTo(shipPolls);
        assertThat(requestsFor("/v2/runs/" + bill.runId())).isEqualTo(billPolls);

        assertThat(received).containsExactly(
                c(ship, "", "Running"),
                c(bill, "", "Running"),
                c(ship, "Running", "Completed"),
                c(bill, "Running", "Completed"));

        Exchange firstSight = delivered(c(ship, "", "Running"));
        assertThat(firstSight.getMessage().getHeaders()).doesNotContainKey("CamelInngestPreviousRunStatus");
        assertThat(firstSight.getMessage().getHeader("CamelInngestEventId")).isEqualTo(order.internalId());
        assertThat(firstSight.getMessage().getHeader("CamelInngestFunctionId")).isEqualTo("fn-ship");
        assertThat(firstSight.getMessage().getBody(FunctionRun.class).status()).isEqualTo(RunStatus.RUNNING);

        Exchange shipped = delivered(c(ship, "Running", "Completed"));
        FunctionRun body = shipped.getMessage().getBody(FunctionRun.class);
        assertThat(body.runId()).isEqualTo(ship.runId());
        assertThat(body.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(body.endedAt()).isNotNull();
        assertThat(body.output()).isEqualTo(Map.of("shipped", true, "trackingId", "TRK-99"));
        assertThat(shipped.getMessage().getHeader("CamelInngestEventId")).isEqualTo(order.internalId());
        assertThat(shipped.getMessage().getHeader("CamelInngestFunctionId")).isEqualTo("fn-ship");
        assertThat(delivered(c(bill, "Running", "Completed")).getMessage().getHeader("CamelInngestFunctionId"))
                .isEqualTo("fn-bill");

        // events of another name are not even looked at: the name filter goes to the server
        assertThat(INNGEST.findAll(getRequestedFor(urlPathEqualTo("/v1/events"))))
                .allSatisfy(r -> assertThat(r.queryParameter("name").firstValue()).isEqualTo("shop/order.created"));
        assertThat(requestsFor("/v2/events/" + other.internalId() + "/runs")).isZero();
        assertThat(requestsFor("/v2/runs/" + otherRun.runId())).isZero();
    }

    @Test
    void statusesFilterDeliversOnlyThoseChangesAndStillTracksTheOthers() throws Exception {
        StoredRun completed = running(null, "fn-a");
        StoredRun failed = running(null, "fn-b");
        StoredRun cancelled = running(null, "fn-c");

        startRoute("inngest:runStatus?runId=" + completed.runId() + "," + failed.runId() + "," + cancelled.runId()
                   + "&statuses=Completed,Failed&" + FAST,
                this::record);
        await().until(() -> requestsFor("/v2/runs/" + cancelled.runId()) >= 2);

        FAKE.setStatus(completed.runId(), "Completed", Map.of("ok", true));
        FAKE.setStatus(failed.runId(), "Failed", Map.of("name", "Error", "message", "boom"));
        FAKE.setStatus(cancelled.runId(), "Cancelled", null);
        await().atMost(Duration.ofSeconds(30)).until(() -> received.size() >= 2);

        // the Cancelled run was seen ending (no longer polled) but not delivered
        awaitPolls("runs", 2);
        int cancelledPolls = requestsFor("/v2/runs/" + cancelled.runId());
        awaitPolls("runs", 5);
        assertThat(requestsFor("/v2/runs/" + cancelled.runId())).isEqualTo(cancelledPolls);
        // two runs that end in the same moment are reported in either order: each run is polled on its own schedule
        assertThat(received).containsExactlyInAnyOrder(
                c(completed, "Running", "Completed"),
                c(failed, "Running", "Failed"));
    }

    // -------------------------------------------------------------------------------------------------------------
    // source=v1, given runs

    @Test
    void runIdOptionWatchesExactlyThoseRunsAndDeliversTheErrorOfAFailedRun() throws Exception {
        StoredRun ok = running(null, "fn-ship");
        StoredRun broken = running(null, "fn-ship");
        StoredRun notWatched = running(null, "fn-ship");

        startRoute("inngest:runStatus?runId=" + ok.runId() + "," + broken.runId() + "&" + FAST, this::record);
        await().atMost(Duration.ofSeconds(30)).until(() -> received.size() >= 2);
        FAKE.setStatus(ok.runId(), "Completed", Map.of("done", 1));
        FAKE.setStatus(broken.runId(), "Failed",
                Map.of("name", "Error", "message", "card declined", "stack", "Error: card declined\n at charge"));
        await().atMost(Duration.ofSeconds(30)).until(() -> received.size() >= 4);
        awaitPolls("runs", 3);

        assertThat(received.subList(0, 2)).containsExactly(
                c(ok, "", "Running"),
                c(broken, "", "Running"));
        // both end in the same moment: either may be reported first
        assertThat(received.subList(2, 4)).containsExactlyInAnyOrder(
                c(ok, "Running", "Completed"),
                c(broken, "Running", "Failed"));
        FunctionRun failure = delivered(c(broken, "Running", "Failed")).getMessage().getBody(FunctionRun.class);
        assertThat(failure.status()).isEqualTo(RunStatus.FAILED);
        assertThat(failure.output()).isEqualTo(
                Map.of("name", "Error", "message", "card declined", "stack", "Error: card declined\n at charge"));

        INNGEST.verify(0, getRequestedFor(urlPathMatching("/v[12]/events.*")));
        assertThat(requestsFor("/v2/runs/" + notWatched.runId())).isZero();
    }

    @Test
    void runsHandedOverByTheProducerAreWatchedByTheConsumerOfTheSameEndpoint() throws Exception {
        StoredRun one = running(null, "fn-a");
        StoredRun two = running(null, "fn-b");
        StoredRun three = running(null, "fn-c");
        String uri = "inngest:runStatus?stateKey=k&" + FAST;
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:watch").to(uri);
            }
        });
        startRoute(uri, this::record);

        // the consumer polls but has nothing to watch yet
        awaitPolls("runs", 3);
        assertThat(received).isEmpty();
        INNGEST.verify(0, anyRequestedFor(urlPathMatching("/v[12]/.*")));

        template.sendBodyAndHeader("direct:watch", null, "CamelInngestRunId", one.runId());
        template.sendBodyAndHeader("direct:watch", null, "CamelInngestRunId", List.of(two.runId(), three.runId()));
        await().atMost(Duration.ofSeconds(30)).until(() -> received.size() >= 3);
        FAKE.setStatus(two.runId(), "Completed", Map.of("n", 2));
        await().atMost(Duration.ofSeconds(30)).until(() -> received.size() >= 4);
        awaitPolls("runs", 3);

        assertThat(received).containsExactly(
                c(one, "", "Running"),
                c(two, "", "Running"),
                c(three, "", "Running"),
                c(two, "Running", "Completed"));
    }

    @Test
    void aRunMovingFromScheduledThroughRunningToCompletedIsDeliveredAtEachStep() throws Exception {
        StoredRun run = FAKE.putRun(new StoredRun(
                Ulids.at(Instant.now()), null, "fn-ship", "my-app", "Scheduled",
                Instant.now(), null, null));
        startRoute("inngest:runStatus?runId=" + run.runId() + "&" + FAST, this::record);

        await().atMost(Duration.ofSeconds(30)).until(() -> received.size() >= 1);
        FAKE.setStatus(run.runId(), "Running", null);
        await().atMost(Duration.ofSeconds(30)).until(() -> received.size() >= 2);
        FAKE.setStatus(run.runId(), "Completed", Map.of("shipped", true));
        await().atMost(Duration.ofSeconds(30)).until(() -> received.size() >= 3);
        awaitPolls("runs", 3);

        assertThat(received).containsExactly(
                c(run, "", "Scheduled"),
                c(run, "Scheduled", "Running"),
                c(run, "Running", "Completed"));
        assertThat(delivered(c(run, "Running", "Completed")).getMessage().getBody(FunctionRun.class).output())
                .isEqualTo(Map.of("shipped", true));
    }

    @Test
    void aRejectedSigningKeyFailsThePollsButDropsNoWatchedRun() throws Exception {
        StoredRun run = running(null, "fn-ship");
        startRoute("inngest:runStatus?runId=" + run.runId() + "&" + FAST, this::record);
        await().atMost(Duration.ofSeconds(30)).until(() -> received.size() >= 1);

        // the key is rejected for a while (a rotation gone wrong): far more failed reads than a run may have
        var rejected = INNGEST.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(urlPathMatching("/v2/runs/.*"))
                .atPriority(1).willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(401)
                        .withHeader("Content-Type", "text/plain; charset=utf-8").withBody("Authentication failed\n")));
        await().atMost(Duration.ofSeconds(30)).until(() -> requestsFor("/v2/runs/" + run.runId()) >= 10);
        INNGEST.removeStub(rejected);
        FAKE.setStatus(run.runId(), "Completed", Map.of("ok", true));

        await().atMost(Duration.ofSeconds(30)).until(() -> received.size() >= 2);
        assertThat(received).containsExactly(c(run, "", "Running"), c(run, "Running", "Completed"));
    }

    @Test
    void aHandOverToAUriWithoutItsConsumerFailsInsteadOfQueueingForNobody() throws Exception {
        StoredRun one = running(null, "fn-a");
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:watch").to("inngest:runStatus?stateKey=k");
            }
        });
        // the consumer's URI differs (one more option): another endpoint
        startRoute("inngest:runStatus?stateKey=k&" + FAST, this::record);

        Exchange exchange = template.send("direct:watch",
                e -> e.getMessage().setHeader("CamelInngestRunId", one.runId()));

        assertThat(exchange.getException()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("same URI");
        awaitPolls("runs", 3);
        assertThat(received).isEmpty();
    }

    // -------------------------------------------------------------------------------------------------------------
    // failures, limits, restarts

    @Test
    void aFailedExchangeDeliversTheSameChangeAgainAndTheStatusIsRecordedOnlyOnSuccess() throws Exception {
        StoredRun run = running(null, "fn-ship");
        AtomicInteger attempts = new AtomicInteger();

        startRoute("inngest:runStatus?runId=" + run.runId() + "&" + FAST, exchange -> {
            record(exchange);
            // the first attempt of each change fails
            if (attempts.incrementAndGet() % 2 == 1) {
                throw new IllegalStateException("downstream system is down");
            }
        });
        await().atMost(Duration.ofSeconds(30)).until(() -> received.size() >= 2);
        // the run keeps being polled and nothing else comes while the change has not been taken
        awaitPolls("runs", 3);
        assertThat(received).containsExactly(c(run, "", "Running"), c(run, "", "Running"));

        FAKE.setStatus(run.runId(), "Completed", Map.of("ok", true));
        await().atMost(Duration.ofSeconds(30)).until(() -> received.size() >= 4);
        awaitPolls("runs", 2);
        int polls = requestsFor("/v2/runs/" + run.runId());
        awaitPolls("runs", 5);

        assertThat(received).containsExactly(
                c(run, "", "Running"),
                c(run, "", "Running"),
                c(run, "Running", "Completed"),
                c(run, "Running", "Completed"));
        assertThat(requestsFor("/v2/runs/" + run.runId())).isEqualTo(polls);
    }

    @Test
    void maxWatchedRunsDropsTheOldestRunWithAWarning() throws Exception {
        StoredRun first = running(null, "fn-a");
        StoredRun second = running(null, "fn-b");
        StoredRun third = running(null, "fn-c");
        LogCapture log = LogCapture.capture();
        try {
            startRoute("inngest:runStatus?runId=" + first.runId() + "," + second.runId() + "," + third.runId()
                       + "&maxWatchedRuns=2&" + FAST,
                    this::record);
            await().atMost(Duration.ofSeconds(30)).until(() -> received.size() >= 2);
            awaitPolls("runs", 3);
        } finally {
            log.release();
        }

        assertThat(received).containsExactly(c(second, "", "Running"), c(third, "", "Running"));
        assertThat(requestsFor("/v2/runs/" + first.runId())).isZero();
        List<String> warnings = log.messages(Level.WARN);
        assertThat(warnings).hasSize(1);
        assertThat(warnings.get(0)).contains("maxWatchedRuns").contains("run " + first.runId());
    }

    @Test
    void watchedRunsAndTheirStatusesSurviveARestart(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("inngest-state.properties");
        StoredRun staysOpen = running(null, "fn-a");
        StoredRun endsBefore = running(null, "fn-b");
        String uri = "inngest:runStatus?eventName=order&stateRepository=#repo&runId=" + staysOpen.runId() + ","
                     + endsBefore.runId() + "&" + FAST;

        CamelContext first = restartable(file);
        startRoute(first, uri, this::record);
        first.start();
        StoredEvent order;
        StoredRun eventRunOpen;
        StoredRun eventRunEnds;
        try {
            await().until(() -> INNGEST.findAll(getRequestedFor(urlPathEqualTo("/v1/events"))).size() >= 1);
            order = FAKE.addEvent("order", Instant.now(), Map.of());
            eventRunOpen = running(order.internalId(), "fn-c");
            eventRunEnds = running(order.internalId(), "fn-d");
            await().atMost(Duration.ofSeconds(30)).until(() -> received.size() >= 4);
            FAKE.setStatus(endsBefore.runId(), "Completed", Map.of());
            FAKE.setStatus(eventRunEnds.runId(), "Failed", Map.of("message", "x"));
            await().atMost(Duration.ofSeconds(30)).until(() -> received.size() >= 6);
            awaitPolls(first, "runs", 3);
        } finally {
            first.stop();
        }
        // each run's changes come in order; runs are polled on their own schedules, so two runs that end in the
        // same moment may be reported in either order
        assertThat(received).containsExactlyInAnyOrder(
                c(staysOpen, "", "Running"),
                c(endsBefore, "", "Running"),
                c(eventRunOpen, "", "Running"),
                c(eventRunEnds, "", "Running"),
                c(endsBefore, "Running", "Completed"),
                c(eventRunEnds, "Running", "Failed"));
        assertThat(received.indexOf(c(endsBefore, "", "Running")))
                .isLessThan(received.indexOf(c(endsBefore, "Running", "Completed")));
        assertThat(received.indexOf(c(eventRunEnds, "", "Running")))
                .isLessThan(received.indexOf(c(eventRunEnds, "Running", "Failed")));
        assertThat(Files.readString(file)).contains(staysOpen.runId());

        // while down, the open runs end, and the event starts one more run
        FAKE.setStatus(staysOpen.runId(), "Completed", Map.of("late", true));
        FAKE.setStatus(eventRunOpen.runId(), "Completed", Map.of());
        StoredRun lateRun = running(order.internalId(), "fn-e");
        received.clear();
        INNGEST.resetRequests();

        CamelContext second = restartable(file);
        startRoute(second, uri, this::record);
        second.start();
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> received.size() >= 3);
            awaitPolls(second, "runs", 3);
        } finally {
            second.stop();
        }
        // the event whose runs were still being looked for is looked at again: its late run is found, the runs
        // already found are not taken for new ones
        assertThat(received).containsExactlyInAnyOrder(
                c(staysOpen, "Running", "Completed"),
                c(eventRunOpen, "Running", "Completed"),
                c(lateRun, "", "Running"));
        assertThat(requestsFor("/v2/runs/" + endsBefore.runId())).isZero();
        assertThat(requestsFor("/v2/runs/" + eventRunEnds.runId())).isZero();
    }

    private static CamelContext restartable(Path file) {
        CamelContext camel = new DefaultCamelContext();
        camel.addComponent("inngest", component(INNGEST.baseUrl()));
        camel.getRegistry().bind("repo", FileStateRepository.fileStateRepository(file.toFile()));
        return camel;
    }

    // -------------------------------------------------------------------------------------------------------------
    // source=v2

    @Test
    void v2DeliversEachNewRunOnceAndEachEndOnceInTimeOrderAcrossPages() throws Exception {
        Instant start = Instant.now().minusSeconds(60);
        StoredRun shipped = FAKE.putRun(new StoredRun(
                Ulids.at(start), "01JWNNSVKR5DW3DMHK620M933E", "ship-order",
                "my-app", "Completed", start, start.plusSeconds(3), Map.of("trackingId", "TRK-99")));
        StoredRun charged = FAKE.putRun(new StoredRun(
                Ulids.at(start), null, "charge", "my-app", "Failed", start,
                start.plusSeconds(1), Map.of("message", "card declined")));
        StoredRun cancelled = FAKE.putRun(new StoredRun(
                Ulids.at(start), null, "charge", "my-app", "Cancelled", start,
                start.plusSeconds(2), null));
        FAKE.putRun(new StoredRun(
                Ulids.at(start), null, "ship-order", "other-app", "Completed", start,
                start.plusSeconds(2), null));
        StoredRun open = running(null, "ship-order");

        startRoute("inngest:runStatus?source=v2&appId=my-app&startFrom=" + start + "&pageSize=2&delay=50&initialDelay=0",
                this::record);
        await().atMost(Duration.ofSeconds(30)).until(() -> received.size() >= 4);
        awaitPolls("runs", 3);
        // the ended runs by endedAt, then the one still running, first seen in the listing by queuedAt
        assertThat(received).containsExactly(
                c(charged, "", "Failed"),
                c(cancelled, "", "Cancelled"),
                c(shipped, "", "Completed"),
                c(open, "", "Running"));

        FAKE.setStatus(open.runId(), "Completed", Map.of("late", true));
        await().atMost(Duration.ofSeconds(30)).until(() -> received.size() >= 5);
        awaitPolls("runs", 3);
        assertThat(received).containsExactly(
                c(charged, "", "Failed"),
                c(cancelled, "", "Cancelled"),
                c(shipped, "", "Completed"),
                c(open, "", "Running"),
                c(open, "Running", "Completed"));

        Exchange done = delivered(c(shipped, "", "Completed"));
        FunctionRun body = done.getMessage().getBody(FunctionRun.class);
        assertThat(body.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(body.output()).isEqualTo(Map.of("trackingId", "TRK-99"));
        assertThat(done.getMessage().getHeader("CamelInngestFunctionId")).isEqualTo("ship-order");
        assertThat(done.getMessage().getHeader("CamelInngestEventId")).isEqualTo("01JWNNSVKR5DW3DMHK620M933E");
        assertThat(delivered(c(charged, "", "Failed")).getMessage().getBody(FunctionRun.class).output())
                .isEqualTo(Map.of("message", "card declined"));

        List<LoggedRequest> requests = INNGEST.findAll(getRequestedFor(urlPathEqualTo("/v2/runs")));
        assertThat(requests).allSatisfy(r -> {
            assertThat(r.queryParameter("order").values()).containsExactly("ASC");
            assertThat(r.queryParameter("appId").values()).containsExactly("my-app");
            assertThat(r.queryParameter("functionId").isPresent()).isFalse();
            assertThat(r.queryParameter("from").isPresent()).isTrue();
            assertThat(r.getHeader("Authorization")).isEqualTo(
                    "Bearer signkey-test-b2ed992186a5cb19f6668aade821f502c1d00970dfd0e35128d51bac4649916c");
            if (r.queryParameter("timeField").firstValue().equals("endedAt")) {
                assertThat(r.queryParameter("status").values()).containsExactlyInAnyOrder("COMPLETED", "FAILED", "CANCELLED");
            } else {
                assertThat(r.queryParameter("timeField").values()).containsExactly("queuedAt");
                assertThat(r.queryParameter("status").values()).containsExactlyInAnyOrder("QUEUED", "RUNNING");
            }
        });
        assertThat(requests).extracting(r -> r.queryParameter("timeField").firstValue())
                .contains("endedAt", "queuedAt");
        assertThat(requests).anySatisfy(r -> assertThat(r.queryParameter("cursor").isPresent()).isTrue());
        INNGEST.verify(0, anyRequestedFor(urlPathMatching("/v1/.*")));
    }

    @Test
    void v2SendsTheFunctionAndTheStatusesAsked() throws Exception {
        Instant start = Instant.now().minusSeconds(60);
        StoredRun shipped = FAKE.putRun(new StoredRun(
                Ulids.at(start), null, "ship-order", "my-app", "Completed", start,
                start.plusSeconds(1), Map.of()));
        FAKE.putRun(new StoredRun(
                Ulids.at(start), null, "ship-order", "my-app", "Failed", start, start.plusSeconds(2),
                Map.of()));
        StoredRun cancelled = FAKE.putRun(new StoredRun(
                Ulids.at(start), null, "ship-order", "my-app", "Cancelled", start,
                start.plusSeconds(3), null));
        FAKE.putRun(new StoredRun(
                Ulids.at(start), null, "charge", "my-app", "Completed", start, start.plusSeconds(4),
                Map.of()));

        startRoute("inngest:runStatus?source=v2&appId=my-app&functionId=ship-order&statuses=Cancelled,Completed"
                   + "&startFrom=" + start + "&delay=50&initialDelay=0",
                this::record);
        await().atMost(Duration.ofSeconds(30)).until(() -> received.size() >= 2);
        awaitPolls("runs", 3);

        assertThat(received).containsExactly(c(shipped, "", "Completed"), c(cancelled, "", "Cancelled"));
        assertThat(INNGEST.findAll(getRequestedFor(urlPathEqualTo("/v2/runs")))).allSatisfy(r -> {
            assertThat(r.queryParameter("status").values()).containsExactlyInAnyOrder("COMPLETED", "CANCELLED");
            assertThat(r.queryParameter("appId").values()).containsExactly("my-app");
            assertThat(r.queryParameter("functionId").values()).containsExactly("ship-order");
            assertThat(r.queryParameter("timeField").values()).containsExactly("endedAt");
            assertThat(r.queryParameter("order").values()).containsExactly("ASC");
        });
    }

    @Test
    void v2WithoutAppIdFailsAtRouteStart() throws Exception {
        assertStartFails("inngest:runStatus?source=v2&delay=50",
                "source=v2 needs option appId");
    }

    @Test
    void v2WithAStatusTheV2ApiDoesNotKnowFailsAtRouteStart() throws Exception {
        assertStartFails("inngest:runStatus?source=v2&appId=my-app&statuses=Skipped&delay=50",
                "statuses may hold Scheduled, Running, Completed, Failed and Cancelled, was Skipped");
    }

    @Test
    void v2WithStatusesRunningDeliversOnlyNewRunsAndReadsNoEndedOnes() throws Exception {
        Instant start = Instant.now().minusSeconds(60);
        FAKE.putRun(new StoredRun(
                Ulids.at(start), null, "ship-order", "my-app", "Completed", start, start.plusSeconds(1),
                Map.of()));
        StoredRun open = running(null, "ship-order");

        startRoute("inngest:runStatus?source=v2&appId=my-app&statuses=Running&startFrom=" + start
                   + "&delay=50&initialDelay=0",
                this::record);
        await().atMost(Duration.ofSeconds(30)).until(() -> received.size() >= 1);
        FAKE.setStatus(open.runId(), "Completed", Map.of());
        awaitPolls("runs", 3);

        assertThat(received).containsExactly(c(open, "", "Running"));
        assertThat(INNGEST.findAll(getRequestedFor(urlPathEqualTo("/v2/runs"))))
                .allSatisfy(r -> assertThat(r.queryParameter("timeField").values()).containsExactly("queuedAt"));
    }

    @Test
    void anUnknownStatusNameFailsAtRouteStartListingTheValidOnes() throws Exception {
        assertStartFails("inngest:runStatus?runId=01JWNNSWC44J3CY2ENV158DQX8&statuses=Completed,Done&delay=50",
                "unknown run status 'Done'; valid: Running, Completed, Failed, Cancelled, Overflowed, Scheduled, Unknown,"
                                                                                                                + " Skipped");
    }

    private void assertStartFails(String uri, String message) throws Exception {
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(uri).routeId("runs").process(e -> received.add("unexpected"));
            }
        });
        assertThatThrownBy(() -> context.start()).rootCause()
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
        assertThat(INNGEST.getAllServeEvents()).isEmpty();
        assertThat(received).isEmpty();
    }

    // -------------------------------------------------------------------------------------------------------------

    /** Collects what the component logs, through an appender added to the Log4j2 configuration for the test. */
    private static final class LogCapture extends AbstractAppender {

        private final List<LogEvent> events = new CopyOnWriteArrayList<>();
        private final LoggerConfig loggerConfig;

        private LogCapture(LoggerConfig loggerConfig) {
            super("capture-" + System.nanoTime(), null, null, true, Property.EMPTY_ARRAY);
            this.loggerConfig = loggerConfig;
        }

        static LogCapture capture() {
            LoggerContext logContext = (LoggerContext) LogManager.getContext(false);
            LoggerConfig config = logContext.getConfiguration().getLoggerConfig("io.camelinngest.tracking.RunWatcher");
            LogCapture capture = new LogCapture(config);
            capture.start();
            config.addAppender(capture, Level.ALL, null);
            logContext.updateLoggers();
            return capture;
        }

        @Override
        public void append(LogEvent event) {
            if (event.getLoggerName().startsWith("io.camelinngest")) {
                events.add(event.toImmutable());
            }
        }

        List<String> messages(Level level) {
            List<String> messages = new ArrayList<>();
            for (LogEvent e : events) {
                if (e.getLevel() == level) {
                    messages.add(e.getLoggerName() + ": " + e.getMessage().getFormattedMessage());
                }
            }
            return messages;
        }

        void release() {
            loggerConfig.removeAppender(getName());
            ((LoggerContext) LogManager.getContext(false)).updateLoggers();
            stop();
        }
    }
}
