package io.camelinngest.consumer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.camelinngest.model.FunctionRun;
import io.camelinngest.model.RunStatus;
import io.camelinngest.testing.FakeInngest.StoredEvent;
import io.camelinngest.testing.FakeInngest.StoredRun;
import io.camelinngest.testing.Ulids;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.processor.state.FileStateRepository;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code from("inngest:runStatus")} with {@code source=v1} against the fake Inngest server: which runs are followed
 * (from events, {@code runId}, hand-overs), which changes are delivered, in which order, and what survives failures and
 * restarts. The v2 listings are in {@link RunStatusV2ConsumerTest}.
 */
class RunStatusConsumerTest extends RunStatusTestSupport {

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

    @Test
    void anUnknownStatusNameFailsAtRouteStartListingTheValidOnes() throws Exception {
        assertStartFails("inngest:runStatus?runId=01JWNNSWC44J3CY2ENV158DQX8&statuses=Completed,Done&delay=50",
                "unknown run status 'Done'; valid: Running, Completed, Failed, Cancelled, Overflowed, Scheduled, Unknown,"
                                                                                                                + " Skipped");
    }
}
