package io.camelinngest.live;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.camelinngest.client.InngestJson;
import io.camelinngest.function.FunctionFlows;
import io.camelinngest.function.ServedApp;
import io.camelinngest.model.FunctionRun;
import io.camelinngest.model.InngestEvent;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Camel routes served as Inngest functions to the real Dev Server: the app syncs, the server calls the routes, the runs
 * end as the routes say. Each test is its own app (a unique app ID) with its own event names, so other users of the
 * server never trigger these functions.
 */
class LiveFunctionsTest extends LiveTestSupport {

    private static final Logger LOG = LoggerFactory.getLogger(LiveFunctionsTest.class);

    private final String app = DevServer.unique();
    private final FunctionFlows flows = new FunctionFlows(app, DevServer.APP_ID + "-ship-order");

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        ServedApp.serve(context, app);
        return context;
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return flows.routes();
    }

    @Test
    void theAppSyncsAndAnEventRunsARouteFunctionToCompletedWithItsResult() throws Exception {
        JsonNode functions = awaitSynced();
        List<String> ids = new ArrayList<>();
        functions.forEach(f -> ids.add(f.path("id").asText()));
        assertThat(ids).contains(app + "-greet", app + "-checkout", app + "-ship-order");

        FunctionRun run = runFor(app + "/greet", Map.of("name", "Ada"));

        assertThat(run.status().wireName()).isEqualTo("Completed");
        assertThat(run.output()).isEqualTo(Map.of("greeting", "hello Ada"));
    }

    @Test
    void theRouteAndTheTypeScriptFunctionGiveTheSameOutputForTheSameEvent() {
        awaitSynced();
        String order = DevServer.unique();

        FunctionRun route = runFor(app + "/order.paid", order(order));
        FunctionRun typescript = endedRun(request("inngest:invokeFunction?appId=" + DevServer.APP_ID
                                                  + "&functionId=ship-order",
                order(order), Map.of(), String.class));

        assertThat(route.status().wireName()).isEqualTo("Completed");
        assertThat(route.output()).isEqualTo(typescript.output())
                .isEqualTo(Map.of("shipped", true, "tracking", "TRK-" + order));
    }

    @Test
    void eachStepRunsOnceAndTheServerShowsItByName() throws Exception {
        awaitSynced();
        String order = DevServer.unique();

        FunctionRun run = runFor(app + "/checkout", order(order));

        assertThat(run.status().wireName()).isEqualTo("Completed");
        assertThat(run.output()).isEqualTo(Map.of("done", Map.of("order", order, "reserved", true, "charged", true)));
        assertThat(flows.executions("reserve", order)).isEqualTo(1);
        assertThat(flows.executions("charge", order)).isEqualTo(1);
        assertThat(stepNames(run.runId())).contains("reserve", "charge");
    }

    @Test
    void aSleepResumesAfterItsDuration() {
        awaitSynced();
        Instant sent = Instant.now();

        FunctionRun run = runFor(app + "/nap", Map.of("n", 1));

        assertThat(run.status().wireName()).isEqualTo("Completed");
        assertThat(run.output()).isEqualTo(Map.of("woke", true));
        Duration took = Duration.between(sent, run.endedAt().toInstant());
        LOG.info("Sleep of 3s: the run ended {} ms after its event", took.toMillis());
        assertThat(took).isGreaterThanOrEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void aWaitForEventResumesOnTheMatchingEvent() {
        awaitSynced();
        String order = DevServer.unique();
        String runId = runOf(sendEvent(app + "/approval", order(order))).runId();
        awaitWaiting(runId);

        sendEvent(app + "/approved", Map.of("order", "someone-else", "by", "mallory"));
        sendEvent(app + "/approved", Map.of("order", order, "by", "grace"));
        FunctionRun run = endedRun(runId);

        assertThat(run.status().wireName()).isEqualTo("Completed");
        assertThat(run.output()).isEqualTo(Map.of("approved", true, "by", "grace", "timedOut", false));
    }

    @Test
    void aWaitForEventTimesOutWithoutOne() {
        awaitSynced();

        FunctionRun run = runFor(app + "/quick-approval", Map.of("order", DevServer.unique()));

        assertThat(run.status().wireName()).isEqualTo("Completed");
        assertThat(run.output()).isEqualTo(Map.of("approved", false));
    }

    @Test
    void aFailingStepIsRetriedAndThenSucceeds() {
        awaitSynced();
        String order = DevServer.unique();

        FunctionRun run = runFor(app + "/flaky", order(order));

        assertThat(run.status().wireName()).isEqualTo("Completed");
        assertThat(run.output()).isEqualTo(Map.of("answer", "partner up"));
        assertThat(flows.executions("flaky", order)).isEqualTo(2);
    }

    @Test
    void aNonRetriableExceptionFailsTheRunWithoutRetry() throws Exception {
        awaitSynced();
        String order = DevServer.unique();

        FunctionRun run = runFor(app + "/refuse", order(order));

        assertThat(run.status().wireName()).isEqualTo("Failed");
        assertThat(InngestJson.mapper().writeValueAsString(run.output())).contains("order is invalid");
        Thread.sleep(3000); // a retry, if one were scheduled, would come within this time
        assertThat(flows.executions("refuse", order)).isEqualTo(1);
    }

    @Test
    void aConcurrencyLimitOfOneRunsTwoEventsOneAfterTheOther() {
        awaitSynced();

        String first = runOf(sendEvent(app + "/serial", Map.of("n", 1))).runId();
        String second = runOf(sendEvent(app + "/serial", Map.of("n", 2))).runId();
        assertThat(endedRun(first).status().wireName()).isEqualTo("Completed");
        assertThat(endedRun(second).status().wireName()).isEqualTo("Completed");

        assertThat(flows.intervals).hasSize(2);
        Instant[] a = flows.intervals.get(0);
        Instant[] b = flows.intervals.get(1);
        assertThat(b[0]).as("the second work started after the first ended").isAfterOrEqualTo(a[1]);
    }

    @Test
    void aCancelOnEventCancelsASleepingRun() {
        awaitSynced();
        String order = DevServer.unique();
        String runId = runOf(sendEvent(app + "/long", order(order))).runId();
        awaitWaiting(runId);

        sendEvent(app + "/stop", order(order));

        assertThat(endedRun(runId).status().wireName()).isEqualTo("Cancelled");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aSendEventStepSendsTheEventAndHandsOnItsId() {
        awaitSynced();
        String order = DevServer.unique();

        FunctionRun run = runFor(app + "/notify", order(order));

        assertThat(run.status().wireName()).isEqualTo("Completed");
        List<String> sent = (List<String>) ((Map<String, Object>) run.output()).get("sent");
        assertThat(sent).hasSize(1);
        InngestEvent event = await("the sent event stored").atMost(PATIENCE).pollInterval(Duration.ofMillis(200))
                .until(() -> call("inngest:getEvent", null, Map.of("CamelInngestEventId", sent.get(0))),
                        e -> e.getException() == null)
                .getMessage().getBody(InngestEvent.class);
        assertThat(event.name()).isEqualTo(app + "/notified");
        assertThat(event.data()).containsEntry("order", order);
    }

    @Test
    void invokeFunctionRunsARouteFunctionAndReturnsItsOutput() {
        awaitSynced();

        String runId = request("inngest:invokeFunction?appId=" + app + "&functionId=greet", Map.of("name", "Linus"),
                Map.of(), String.class);
        FunctionRun run = endedRun(runId);

        assertThat(run.status().wireName()).isEqualTo("Completed");
        assertThat(run.output()).isEqualTo(Map.of("greeting", "hello Linus"));
    }

    @Test
    void anInvokeStepRunsAnotherFunctionAndHandsOnItsOutput() {
        awaitSynced();
        String order = DevServer.unique();

        FunctionRun run = runFor(app + "/invoke", order(order));

        assertThat(run.status().wireName()).isEqualTo("Completed");
        assertThat(run.output()).isEqualTo(Map.of("invoked", Map.of("shipped", true, "tracking", "TRK-" + order)));
    }

    private FunctionRun runFor(String event, Map<String, Object> data) {
        return endedRun(runOf(sendEvent(event, data)).runId());
    }

    private JsonNode awaitSynced() {
        return await("the app's functions on the server").atMost(PATIENCE).pollInterval(Duration.ofMillis(300))
                .until(() -> functionsOf(app), f -> f.isArray() && f.size() > 0);
    }

    /** Waits until the run has reported the step it waits in (a sleep or a wait for an event). */
    private void awaitWaiting(String runId) {
        awaitRunning(runId);
        await("run " + runId + " waiting").atMost(PATIENCE).pollInterval(Duration.ofMillis(300))
                .until(() -> request("inngest:listRunJobs", null, Map.of("CamelInngestRunId", runId), List.class),
                        jobs -> !jobs.isEmpty());
    }

    private static JsonNode functionsOf(String appId) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(DevServer.url() + "/v1/apps/" + appId + "/functions")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        return InngestJson.mapper().readTree(response.body());
    }

    /** The names of the steps of a run, as the Dev Server's run trace shows them. */
    private static List<String> stepNames(String runId) throws Exception {
        String query = "{\"query\":\"{ runTrace(runID: \\\"" + runId + "\\\") { name childrenSpans { name } } }\"}";
        HttpResponse<String> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(HttpRequest.newBuilder(URI.create(DevServer.url() + "/v0/gql")).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(query)).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode spans = InngestJson.mapper().readTree(response.body()).path("data").path("runTrace").path("childrenSpans");
        List<String> names = new ArrayList<>();
        spans.forEach(s -> names.add(s.path("name").asText()));
        LOG.info("Run {} trace: {}", runId, names);
        return names;
    }
}
