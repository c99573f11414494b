package io.camelinngest.live;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.camelinngest.client.InngestJson;
import io.camelinngest.function.InngestFunctionConstants;
import io.camelinngest.function.InngestNonRetriableException;
import io.camelinngest.function.ServedApp;
import io.camelinngest.model.FunctionRun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Camel routes served as Inngest functions to the real Dev Server: the app syncs, the server calls the routes, the
 * runs end as the routes say. Each test is its own app (a unique app ID) with its own event names, so other users of
 * the server never trigger these functions.
 */
class LiveFunctionsTest extends LiveTestSupport {

    private static final Logger LOG = LoggerFactory.getLogger(LiveFunctionsTest.class);

    private final String app = DevServer.unique();
    /** How often each step's work ran, by step and order. */
    private final Map<String, AtomicInteger> executions = new ConcurrentHashMap<>();
    /** When the concurrency-limited function's work started and ended, in order. */
    private final List<Instant[]> intervals = new CopyOnWriteArrayList<>();

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        ServedApp.serve(context, app);
        return context;
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            @SuppressWarnings("unchecked")
            public void configure() {
                from("inngest-function:greet?trigger=" + app + "/greet")
                        .process(e -> e.getMessage().setBody(Map.of("greeting",
                                "hello " + e.getMessage().getBody(Map.class).get("name"))));

                // the TypeScript test app's ship-order, as a route
                from("inngest-function:ship-order?trigger=" + app + "/order.paid")
                        .setHeader("order", simple("${body[order]}"))
                        .to("inngest-step:label?to=direct:label")
                        .process(e -> e.getMessage().setBody(Map.of("shipped", true,
                                "tracking", e.getMessage().getBody(String.class))));
                from("direct:label").process(e -> e.getMessage().setBody("TRK-" + e.getMessage().getHeader("order")));

                from("inngest-function:checkout?trigger=" + app + "/checkout")
                        .to("inngest-step:reserve?to=direct:reserve")
                        .to("inngest-step:charge?to=direct:charge")
                        .process(e -> e.getMessage().setBody(Map.of("done", e.getMessage().getBody(Map.class))));
                from("direct:reserve").process(e -> {
                    Map<String, Object> order = new HashMap<>(e.getMessage().getBody(Map.class));
                    count("reserve", order.get("order"));
                    order.put("reserved", true);
                    e.getMessage().setBody(order);
                });
                from("direct:charge").process(e -> {
                    Map<String, Object> order = new HashMap<>(e.getMessage().getBody(Map.class));
                    count("charge", order.get("order"));
                    order.put("charged", true);
                    e.getMessage().setBody(order);
                });

                from("inngest-function:nap?trigger=" + app + "/nap")
                        .to("inngest-step:nap?op=sleep&duration=3s")
                        .setBody(constant(Map.of("woke", true)));

                from("inngest-function:approval?trigger=" + app + "/approval")
                        .to("inngest-step:approval?op=waitForEvent&event=" + app + "/approved&timeout=20s"
                            + "&match=async.data.order == event.data.order")
                        .process(e -> {
                            Map<String, Object> got = e.getMessage().getBody(Map.class);
                            Map<String, Object> out = new HashMap<>();
                            out.put("approved", got != null);
                            out.put("by", got == null ? null : ((Map<String, Object>) got.get("data")).get("by"));
                            out.put("timedOut", e.getMessage().getHeader(InngestFunctionConstants.STEP_TIMED_OUT));
                            e.getMessage().setBody(out);
                        });
                from("inngest-function:quick-approval?trigger=" + app + "/quick-approval")
                        .to("inngest-step:approval?op=waitForEvent&event=" + app + "/approved&timeout=3s")
                        .process(e -> e.getMessage().setBody(Map.of("approved", e.getMessage().getBody() != null)));

                from("inngest-function:flaky?trigger=" + app + "/flaky&retries=2")
                        .to("inngest-step:call-partner?to=direct:flaky")
                        .process(e -> e.getMessage().setBody(Map.of("answer", e.getMessage().getBody(String.class))));
                from("direct:flaky").process(e -> {
                    if (count("flaky", e.getMessage().getBody(Map.class).get("order")) == 1) {
                        throw new IllegalStateException("partner down");
                    }
                    e.getMessage().setBody("partner up");
                });

                from("inngest-function:refuse?trigger=" + app + "/refuse&retries=3")
                        .process(e -> {
                            count("refuse", e.getMessage().getBody(Map.class).get("order"));
                            throw new InngestNonRetriableException("order is invalid");
                        });

                from("inngest-function:serial?trigger=" + app + "/serial&concurrency=1")
                        .to("inngest-step:work?to=direct:work")
                        .setBody(constant(Map.of("worked", true)));
                from("direct:work").process(e -> {
                    Instant start = Instant.now();
                    Thread.sleep(2000);
                    intervals.add(new Instant[] { start, Instant.now() });
                    e.getMessage().setBody("done");
                });

                from("inngest-function:cancellable?trigger=" + app + "/long&cancelOn=" + app + "/stop"
                     + "&cancelIf=event.data.order == async.data.order")
                        .to("inngest-step:wait-long?op=sleep&duration=10m")
                        .setBody(constant(Map.of("woke", true)));

                from("inngest-function:invoker?trigger=" + app + "/invoke")
                        .to("inngest-step:ship?op=invoke&function=" + DevServer.APP_ID + "-ship-order&timeout=1m")
                        .process(e -> e.getMessage().setBody(Map.of("invoked", e.getMessage().getBody(Map.class))));
            }
        };
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
                                                  + "&functionId=ship-order", order(order), Map.of(), String.class));

        assertThat(route.status().wireName()).isEqualTo("Completed");
        assertThat(route.output()).isEqualTo(typescript.output()).isEqualTo(Map.of("shipped", true, "tracking", "TRK-" + order));
    }

    @Test
    void eachStepRunsOnceAndTheServerShowsItByName() throws Exception {
        awaitSynced();
        String order = DevServer.unique();

        FunctionRun run = runFor(app + "/checkout", order(order));

        assertThat(run.status().wireName()).isEqualTo("Completed");
        assertThat(run.output()).isEqualTo(Map.of("done", Map.of("order", order, "reserved", true, "charged", true)));
        assertThat(executions.get("reserve/" + order)).hasValue(1);
        assertThat(executions.get("charge/" + order)).hasValue(1);
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
        assertThat(executions.get("flaky/" + order)).hasValue(2);
    }

    @Test
    void aNonRetriableExceptionFailsTheRunWithoutRetry() throws Exception {
        awaitSynced();
        String order = DevServer.unique();

        FunctionRun run = runFor(app + "/refuse", order(order));

        assertThat(run.status().wireName()).isEqualTo("Failed");
        assertThat(InngestJson.mapper().writeValueAsString(run.output())).contains("order is invalid");
        Thread.sleep(3000); // a retry, if one were scheduled, would come within this time
        assertThat(executions.get("refuse/" + order)).hasValue(1);
    }

    @Test
    void aConcurrencyLimitOfOneRunsTwoEventsOneAfterTheOther() {
        awaitSynced();

        String first = runOf(sendEvent(app + "/serial", Map.of("n", 1))).runId();
        String second = runOf(sendEvent(app + "/serial", Map.of("n", 2))).runId();
        assertThat(endedRun(first).status().wireName()).isEqualTo("Completed");
        assertThat(endedRun(second).status().wireName()).isEqualTo("Completed");

        assertThat(intervals).hasSize(2);
        Instant[] a = intervals.get(0);
        Instant[] b = intervals.get(1);
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

    private int count(String step, Object order) {
        return executions.computeIfAbsent(step + "/" + order, k -> new AtomicInteger()).incrementAndGet();
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
