package io.camelinngest.function;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.camelinngest.model.NewEvent;
import io.camelinngest.testing.FakeInngest;
import io.camelinngest.testing.FakeInngestServer;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The live suite's function flows in CI: the fake Inngest takes the app's sync and calls the routes the way the Dev
 * Server does (its call requests are shaped like those recorded from Dev Server v1.43.0).
 */
class FunctionsOnFakeTest extends CamelTestSupport {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private final String app = "ci-" + UUID.randomUUID().toString().substring(0, 8);
    private final FunctionFlows flows = new FunctionFlows(app, app + "-ship-order");
    private FakeInngestServer server;

    @Override
    protected CamelContext createCamelContext() throws Exception {
        server = FakeInngestServer.start();
        CamelContext context = super.createCamelContext();
        ServedApp.serveWithDevServer(context, server.url(), app);
        return context;
    }

    @AfterEach
    void stopFake() {
        server.close();
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return flows.routes();
    }

    @Test
    void theAppSyncsItsFunctionsWithTheirConfiguration() {
        awaitSynced();

        assertThat(fake().functions().functionIds()).contains(app + "-greet", app + "-checkout", app + "-serial");
        assertThat(fake().functions().config(app + "-serial").path("concurrency").get(0).path("limit").asInt()).isEqualTo(1);
        assertThat(fake().functions().config(app + "-cancellable").path("cancel").get(0).path("if").asText())
                .isEqualTo("event.data.order == async.data.order");
        assertThat(fake().functions().config(app + "-flaky").path("steps").path("step").path("retries").path("attempts")
                .asInt()).isEqualTo(3);
    }

    @Test
    void anEventRunsARouteFunctionToCompletedWithItsResult() {
        awaitSynced();

        FakeInngest.StoredRun run = ended(send("greet", Map.of("name", "Ada")));

        assertThat(run.status()).isEqualTo("Completed");
        assertThat(run.output()).isEqualTo(Map.of("greeting", "hello Ada"));
    }

    @Test
    void eachStepRunsOnceAndItsResultIsHandedOn() {
        awaitSynced();

        FakeInngest.StoredRun run = ended(send("checkout", Map.of("order", "o1")));

        assertThat(run.output()).isEqualTo(Map.of("done", Map.of("order", "o1", "reserved", true, "charged", true)));
        assertThat(flows.executions("reserve", "o1")).isEqualTo(1);
        assertThat(flows.executions("charge", "o1")).isEqualTo(1);
    }

    @Test
    void aSleepResumesAfterItsDuration() {
        awaitSynced();
        Instant sent = Instant.now();

        FakeInngest.StoredRun run = ended(send("nap", Map.of("n", 1)));

        assertThat(run.output()).isEqualTo(Map.of("woke", true));
        assertThat(Duration.between(sent, run.endedAt())).isGreaterThanOrEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void aWaitForEventResumesOnTheMatchingEventAndTimesOutWithoutOne() {
        awaitSynced();
        String waiting = send("approval", Map.of("order", "o2"));
        String timingOut = send("quick-approval", Map.of("order", "o3"));
        await().atMost(PATIENCE).until(() -> waitingRuns() >= 2);
        // the quick wait matches any approval: let it time out before any is sent
        assertThat(ended(timingOut).output()).isEqualTo(Map.of("approved", false));

        signal("approved", Map.of("order", "someone-else", "by", "mallory"));
        signal("approved", Map.of("order", "o2", "by", "grace"));

        java.util.Map<String, Object> expected = new java.util.HashMap<>();
        expected.put("approved", true);
        expected.put("by", "grace");
        expected.put("timedOut", false);
        assertThat(ended(waiting).output()).isEqualTo(expected);
    }

    @Test
    void aFailingStepIsRetriedAndThenSucceedsAndANonRetriableFailureIsNot() {
        awaitSynced();

        FakeInngest.StoredRun flaky = ended(send("flaky", Map.of("order", "o4")));
        FakeInngest.StoredRun refused = ended(send("refuse", Map.of("order", "o5")));

        assertThat(flaky.status()).isEqualTo("Completed");
        assertThat(flaky.output()).isEqualTo(Map.of("answer", "partner up"));
        assertThat(flows.executions("flaky", "o4")).isEqualTo(2);
        assertThat(refused.status()).isEqualTo("Failed");
        assertThat(((Map<?, ?>) refused.output()).get("message")).isEqualTo("order is invalid");
        assertThat(flows.executions("refuse", "o5")).isEqualTo(1);
    }

    @Test
    void aConcurrencyLimitOfOneRunsTwoEventsOneAfterTheOther() {
        awaitSynced();

        String first = send("serial", Map.of("n", 1));
        String second = send("serial", Map.of("n", 2));
        ended(first);
        ended(second);

        assertThat(flows.intervals).hasSize(2);
        Instant[] a = flows.intervals.get(0);
        Instant[] b = flows.intervals.get(1);
        assertThat(b[0]).isAfterOrEqualTo(a[1]);
    }

    @Test
    void aCancelOnEventCancelsASleepingRun() {
        awaitSynced();
        String sleeping = send("long", Map.of("order", "o6"));
        await().atMost(PATIENCE).until(() -> waitingRuns() >= 1);

        signal("stop", Map.of("order", "o6"));

        assertThat(ended(sleeping).status()).isEqualTo("Cancelled");
    }

    @Test
    void anInvokeStepRunsAnotherFunctionAndHandsOnItsOutput() {
        awaitSynced();

        FakeInngest.StoredRun run = ended(send("invoke", Map.of("order", "o7")));

        assertThat(run.output()).isEqualTo(Map.of("invoked", Map.of("shipped", true, "tracking", "TRK-o7")));
    }

    @Test
    @SuppressWarnings("unchecked")
    void aSendEventStepSendsTheEventOnceAndHandsOnItsId() {
        awaitSynced();

        FakeInngest.StoredRun run = ended(send("notify", Map.of("order", "o8")));

        assertThat(run.status()).isEqualTo("Completed");
        List<FakeInngest.StoredEvent> notified = fake().events().stream()
                .filter(e -> e.name().equals(app + "/notified")).toList();
        assertThat(notified).hasSize(1);
        assertThat(notified.get(0).data()).isEqualTo(Map.of("order", "o8"));
        assertThat((List<String>) ((Map<String, Object>) run.output()).get("sent"))
                .containsExactly(notified.get(0).internalId());
    }

    private FakeInngest fake() {
        return server.fake();
    }

    private void awaitSynced() {
        await("sync").atMost(PATIENCE).until(() -> fake().functions().functionIds().contains(app + "-greet"));
    }

    private long waitingRuns() {
        return fake().functions().waitingRuns();
    }

    /** Sends {@code <app>/<name>}, an event that starts no run. */
    private void signal(String name, Map<String, Object> data) {
        template.requestBody("inngest:sendEvents", NewEvent.of(app + "/" + name, data), List.class);
    }

    /** Sends {@code <app>/<name>} and returns the ID of the run it starts. */
    @SuppressWarnings("unchecked")
    private String send(String name, Map<String, Object> data) {
        List<String> ids = template.requestBody("inngest:sendEvents", NewEvent.of(app + "/" + name, data), List.class);
        return await("run of " + name).atMost(PATIENCE).until(() -> fake().runsOf(ids.get(0)), runs -> !runs.isEmpty())
                .get(0).runId();
    }

    private FakeInngest.StoredRun ended(String runId) {
        return await("end of run " + runId).atMost(PATIENCE).pollInterval(Duration.ofMillis(50))
                .until(() -> fake().run(runId), run -> !"Running".equals(run.status()));
    }
}
