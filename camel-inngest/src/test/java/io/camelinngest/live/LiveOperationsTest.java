package io.camelinngest.live;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.camelinngest.InngestConstants;
import io.camelinngest.client.InngestApiException;
import io.camelinngest.client.Ulid;
import io.camelinngest.model.AppFunction;
import io.camelinngest.model.CancellationRequest;
import io.camelinngest.model.FunctionRun;
import io.camelinngest.model.InngestEvent;
import io.camelinngest.model.InngestFunction;
import io.camelinngest.model.NewEvent;
import io.camelinngest.model.RunJob;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every producer operation against the running Dev Server and its test app, as a route calls it. Where a test must see
 * how many requests the component sent (errors that must not be retried), the call goes through WireMock set up as a
 * recording proxy in front of the Dev Server.
 */
@Tag("live")
class LiveOperationsTest extends LiveTestSupport {

    @RegisterExtension
    static final WireMockExtension RECORDER = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @BeforeEach
    void recordAndForward() {
        RECORDER.stubFor(any(anyUrl()).willReturn(aResponse().proxiedFrom(DevServer.url())));
    }

    /** A URI whose calls pass the recording proxy; a retry, if the component made one, would wait retryDelay first. */
    private static String recorded(String operationAndOptions) {
        return DevServer.uri(operationAndOptions, RECORDER.baseUrl());
    }

    /** The requests the proxy saw, as "METHOD url", and checks none of them was sent twice (nothing retried). */
    private static List<String> sentOnce() {
        List<String> requests = RECORDER.getAllServeEvents().stream().map(ServeEvent::getRequest)
                .map(r -> r.getMethod() + " " + r.getUrl()).toList();
        assertThat(requests).as("requests sent to the server").isNotEmpty().doesNotHaveDuplicates();
        return requests;
    }

    private static InngestApiException failure(Exchange exchange) {
        assertThat(exchange.getException()).as("the exchange failed").isInstanceOf(InngestApiException.class);
        return exchange.getException(InngestApiException.class);
    }

    // ---------------------------------------------------------------------------------------------------------
    // sendEvents, getEvent, listEvents

    @Test
    void sendEventsSendsOneEventThatGetEventReadsBack() {
        String order = DevServer.unique();

        Exchange sent = call("inngest:sendEvents", NewEvent.of("shop/order.paid", order(order)), Map.of());

        assertThat(sent.getException()).isNull();
        List<?> ids = sent.getMessage().getBody(List.class);
        assertThat(ids).singleElement().satisfies(id -> assertThat(Ulid.isValid((String) id)).isTrue());
        assertThat(sent.getMessage().getHeader(InngestConstants.EVENT_IDS)).isEqualTo(ids);

        // the server stores an accepted event a moment later: until then getEvent answers 404 "Event not found"
        InngestEvent event = await("the event stored").atMost(PATIENCE).pollInterval(Duration.ofMillis(200))
                .until(() -> call("inngest:getEvent", null, Map.of(InngestConstants.EVENT_ID, ids.get(0))),
                        e -> e.getException() == null)
                .getMessage().getBody(InngestEvent.class);
        assertThat(event.internalId()).isEqualTo(ids.get(0));
        assertThat(event.name()).isEqualTo("shop/order.paid");
        assertThat(event.data()).containsEntry("order", order);
        assertThat(event.receivedAt()).isNotNull();
    }

    @Test
    @SuppressWarnings("unchecked")
    void sendEventsSendsABatchThatListEventsReadsByNameAndPageByPage() {
        String name = "live/batch-" + DevServer.unique();
        List<NewEvent> batch = IntStream.range(0, 3).mapToObj(i -> NewEvent.of(name, Map.of("seq", i))).toList();

        List<String> ids = request("inngest:sendEvents", batch, Map.of(), List.class);

        assertThat(ids).hasSize(3).doesNotHaveDuplicates().allSatisfy(id -> assertThat(Ulid.isValid(id)).isTrue());
        String listByName = "inngest:listEvents?eventName=" + name;
        List<InngestEvent> all = await("the batch listed").atMost(PATIENCE).pollInterval(Duration.ofMillis(300))
                .until(() -> (List<InngestEvent>) request(listByName, null, Map.of(), List.class),
                        events -> events.size() >= 3);
        assertThat(all).extracting(InngestEvent::internalId).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(all).extracting(InngestEvent::name).containsOnly(name);

        // page by page: two events and a cursor, then the last event and no cursor
        Exchange first = call(listByName + "&limit=2", null, Map.of());
        assertThat(first.getException()).isNull();
        List<InngestEvent> page1 = first.getMessage().getBody(List.class);
        String cursor = first.getMessage().getHeader(InngestConstants.CURSOR, String.class);
        assertThat(page1).hasSize(2);
        assertThat(cursor).isEqualTo(page1.get(1).internalId());
        Exchange second = call(listByName + "&limit=2", null, Map.of(InngestConstants.CURSOR, cursor));
        assertThat(second.getException()).isNull();
        List<InngestEvent> page2 = second.getMessage().getBody(List.class);
        assertThat(second.getMessage().getHeader(InngestConstants.CURSOR)).isNull();
        List<String> paged = new ArrayList<>();
        page1.forEach(e -> paged.add(e.internalId()));
        page2.forEach(e -> paged.add(e.internalId()));
        assertThat(paged).containsExactlyInAnyOrderElementsOf(ids);
    }

    // ---------------------------------------------------------------------------------------------------------
    // listEventRuns, getRun

    @Test
    @SuppressWarnings("unchecked")
    void listEventRunsAndGetRunGiveTheCompletedRunWithItsOutput() {
        String order = DevServer.unique();
        String eventId = sendEvent("shop/order.paid", order(order));

        List<FunctionRun> runs = await("the run completed").atMost(PATIENCE).pollInterval(Duration.ofMillis(300))
                .until(() -> (List<FunctionRun>) request("inngest:listEventRuns", null,
                        Map.of(InngestConstants.EVENT_ID, eventId), List.class),
                        list -> !list.isEmpty() && list.get(0).isEnded());

        Map<String, Object> shipped = Map.of("shipped", true, "tracking", "TRK-" + order);
        assertThat(runs).singleElement().satisfies(run -> {
            assertThat(run.status().wireName()).isEqualTo("Completed");
            assertThat(run.output()).isEqualTo(shipped);
            assertThat(run.eventId()).isEqualTo(eventId);
        });

        FunctionRun run
                = request("inngest:getRun", null, Map.of(InngestConstants.RUN_ID, runs.get(0).runId()), FunctionRun.class);
        assertThat(run.runId()).isEqualTo(runs.get(0).runId());
        assertThat(run.status().wireName()).isEqualTo("Completed");
        assertThat(run.output()).isEqualTo(shipped);
        assertThat(run.functionId()).isEqualTo("ship-order");
        assertThat(run.appId()).isEqualTo(DevServer.APP_ID);
        assertThat(run.endedAt()).isNotNull();
    }

    @Test
    @SuppressWarnings("unchecked")
    void getRunOfAFailedRunGivesTheErrorObject() {
        String eventId = sendEvent("acc/fail", Map.of("key", DevServer.unique()));
        String runId = runOf(eventId).runId();

        FunctionRun run = endedRun(runId);

        assertThat(run.status().wireName()).isEqualTo("Failed");
        assertThat(run.output()).isInstanceOfSatisfying(Map.class, error -> assertThat((Map<String, Object>) error)
                .containsEntry("name", "Error").containsEntry("message", "boom on purpose"));
    }

    @Test
    void getRunOfAnUnknownRunIsNotFoundAndNotRetried() {
        String runId = DevServer.unknownUlid();

        InngestApiException e = failure(call(recorded("getRun?retryDelay=1000"), null, Map.of(InngestConstants.RUN_ID, runId)));

        assertThat(e.getStatus()).isEqualTo(404);
        assertThat(e.isRetryable()).isFalse();
        assertThat(e.getMessage()).contains(runId).containsIgnoringCase("not found");
        assertThat(sentOnce()).anySatisfy(request -> assertThat(request).contains(runId));
    }

    // ---------------------------------------------------------------------------------------------------------
    // listRunJobs, cancelRun

    @Test
    @SuppressWarnings("unchecked")
    void listRunJobsShowsTheSleepOfASlowJobAndCancelRunCancelsIt() {
        String runId = runOf(sendEvent("acc/slow", Map.of("key", DevServer.unique()))).runId();
        awaitRunning(runId);

        List<RunJob> jobs = await("the sleep job").atMost(PATIENCE).pollInterval(Duration.ofMillis(500))
                .until(() -> (List<RunJob>) request("inngest:listRunJobs", null, Map.of(InngestConstants.RUN_ID, runId),
                        List.class), list -> list.stream().anyMatch(job -> "sleep".equals(job.kind())));
        assertThat(jobs).anySatisfy(job -> {
            assertThat(job.kind()).isEqualTo("sleep");
            // slow-job sleeps ten minutes
            assertThat(job.at().toInstant()).isAfter(Instant.now().plus(Duration.ofMinutes(8)));
        });

        Exchange cancelled = call("inngest:cancelRun", null, Map.of(InngestConstants.RUN_ID, runId));

        assertThat(cancelled.getException()).isNull();
        assertThat(cancelled.getMessage().getBody()).isEqualTo(runId);
        assertThat(cancelled.getMessage().getHeader(InngestConstants.RUN_ID)).isEqualTo(runId);
        assertThat(endedRun(runId).status().wireName()).isEqualTo("Cancelled");
    }

    // ---------------------------------------------------------------------------------------------------------
    // listFunctions

    @Test
    @SuppressWarnings("unchecked")
    void listFunctionsOfTheTestApp() {
        List<InngestFunction> functions
                = request("inngest:listFunctions?appId=" + DevServer.APP_ID, null, Map.of(), List.class);

        assertThat(functions).extracting(InngestFunction::id).contains("test-app-ship-order", "test-app-slow-job",
                "test-app-always-fails", "test-app-await-approval");
        assertThat(functions).allSatisfy(fn -> assertThat(fn.internalId()).isNotBlank());
    }

    @Test
    @SuppressWarnings("unchecked")
    void listFunctionsOfAllApps() {
        List<AppFunction> functions = request("inngest:listFunctions", null, Map.of(), List.class);

        Map<String, AppFunction> ofTestApp = functions.stream().filter(fn -> DevServer.APP_ID.equals(fn.appId()))
                .collect(Collectors.toMap(AppFunction::id, Function.identity()));
        assertThat(ofTestApp).containsKeys("ship-order", "slow-job", "always-fails", "await-approval");
        assertThat(ofTestApp.get("ship-order").triggers()).anySatisfy(trigger -> assertThat(trigger)
                .containsEntry("value", "shop/order.paid"));
    }

    // ---------------------------------------------------------------------------------------------------------
    // sendSignal

    @Test
    void sendSignalResumesTheRunWaitingForIt() {
        String key = DevServer.unique();
        String runId = runOf(sendEvent("acc/approval", Map.of("key", key))).runId();
        Map<String, Object> signal = Map.of(InngestConstants.SIGNAL, "approve-" + key);

        // the run waits once its step has told the server so; until then nobody waits for the signal (404)
        Exchange resumed = await("the run waiting for approve-" + key).atMost(PATIENCE).pollInterval(Duration.ofMillis(300))
                .until(() -> call("inngest:sendSignal", Map.of("by", "live-suite"), signal), e -> e.getException() == null);

        assertThat(resumed.getMessage().getBody()).isEqualTo(runId);
        assertThat(resumed.getMessage().getHeader(InngestConstants.RUN_ID)).isEqualTo(runId);
        FunctionRun run = endedRun(runId);
        assertThat(run.status().wireName()).isEqualTo("Completed");
        assertThat(run.output()).isEqualTo(Map.of("approved", true, "by", "live-suite"));
    }

    @Test
    void sendSignalWithNobodyWaitingFailsAsNotFound() {
        String signal = "approve-" + DevServer.unique();

        InngestApiException e = failure(call(recorded("sendSignal"), "{}", Map.of(InngestConstants.SIGNAL, signal)));

        assertThat(e.getOperation()).isEqualTo("sendSignal");
        assertThat(e.getStatus()).isEqualTo(404);
        assertThat(e.getMessage()).contains("No signal found");
        assertThat(e.isRetryable()).isFalse();
        assertThat(sentOnce()).containsExactly("POST /v1/signals");
    }

    // ---------------------------------------------------------------------------------------------------------
    // bulk cancellations: Inngest Cloud only. The Dev Server answers 500 with an empty body, and that is the
    // answer these tests expect: the component must say plainly that the feature is not on this server.

    @Test
    void createCancellationIsAnsweredWithTheDevServersEmpty500() {
        // narrow enough to cancel nothing, should a future server implement it: one millisecond, one unique key
        Instant now = Instant.now();
        // the Dev Server looks the function up by its slug (<app>-<function>): with "slow-job" it answers 404
        // "function not found" before it gets to the cancellation
        CancellationRequest request = new CancellationRequest(
                DevServer.APP_ID, "test-app-slow-job", now, now.minusMillis(1),
                "event.data.key == '" + DevServer.unique() + "'");

        assertCloudOnly(failure(call(recorded("createCancellation"), request, Map.of())), "createCancellation");
    }

    @Test
    void listCancellationsIsAnsweredWithTheDevServersEmpty500() {
        assertCloudOnly(failure(call(recorded("listCancellations"), null, Map.of())), "listCancellations");
    }

    @Test
    void deleteCancellationIsAnsweredWithTheDevServersEmpty500() {
        assertCloudOnly(failure(call(recorded("deleteCancellation"), null,
                Map.of(InngestConstants.CANCELLATION_ID, DevServer.unknownUlid()))), "deleteCancellation");
    }

    private static void assertCloudOnly(InngestApiException e, String operation) {
        assertThat(e.getOperation()).isEqualTo(operation);
        assertThat(e.getHttpStatus()).isEqualTo(500);
        assertThat(e.getMessage()).startsWith(operation + " failed").contains("empty body", "Inngest Cloud only");
        assertThat(e.isRetryable()).isFalse();
        assertThat(sentOnce()).hasSize(1);
    }

    // ---------------------------------------------------------------------------------------------------------
    // invokeFunction, rerunRun

    @Test
    void invokeFunctionStartsARunAndAnswersItsId() {
        String order = DevServer.unique();

        Exchange invoked = call("inngest:invokeFunction?appId=test-app&functionId=ship-order", order(order), Map.of());

        assertThat(invoked.getException()).isNull();
        String runId = invoked.getMessage().getBody(String.class);
        assertThat(Ulid.isValid(runId)).isTrue();
        assertThat(invoked.getMessage().getHeader(InngestConstants.RUN_ID)).isEqualTo(runId);
        FunctionRun run = endedRun(runId);
        assertThat(run.status().wireName()).isEqualTo("Completed");
        assertThat(run.output()).isEqualTo(Map.of("shipped", true, "tracking", "TRK-" + order));
    }

    @Test
    void invokeFunctionWithAwaitTerminalAnswersTheEndedRunWithItsOutput() {
        String order = DevServer.unique();

        Exchange invoked = call("inngest:invokeFunction?awaitTerminal=true", "{\"order\": \"" + order + "\"}",
                Map.of(InngestConstants.APP_ID, DevServer.APP_ID, InngestConstants.FUNCTION_ID, "ship-order"));

        assertThat(invoked.getException()).isNull();
        FunctionRun run = invoked.getMessage().getBody(FunctionRun.class);
        assertThat(run.status().wireName()).isEqualTo("Completed");
        assertThat(run.output()).isEqualTo(Map.of("shipped", true, "tracking", "TRK-" + order));
        assertThat(run.functionId()).isEqualTo("ship-order");
        assertThat(invoked.getMessage().getHeader(InngestConstants.RUN_ID)).isEqualTo(run.runId());
    }

    @Test
    void invokeFunctionWithTheSameIdempotencyKeyStartsOneRun() {
        String order = DevServer.unique();
        Map<String, Object> headers = Map.of(InngestConstants.IDEMPOTENCY_KEY, "order-" + order);
        String uri = "inngest:invokeFunction?appId=test-app&functionId=ship-order";

        String first = request(uri, order(order), headers, String.class);
        String second = request(uri, order(order), headers, String.class);

        assertThat(second).isEqualTo(first);
    }

    @Test
    void invokeFunctionOfAnUnknownFunctionNamesTheAppAndTheFunction() {
        String function = "no-such-fn-" + DevServer.unique();

        InngestApiException e = failure(call(recorded("invokeFunction?appId=test-app&functionId=" + function), null, Map.of()));

        assertThat(e.getStatus()).isEqualTo(404);
        assertThat(e.getMessage()).contains(DevServer.APP_ID, function);
        assertThat(e.isRetryable()).isFalse();
        assertThat(sentOnce()).containsExactly("POST /v2/apps/test-app/functions/" + function + "/invoke");
    }

    @Test
    void rerunRunStartsANewRunThatCompletesWithTheSameOutput() {
        String order = DevServer.unique();
        String original = request("inngest:invokeFunction?appId=test-app&functionId=ship-order", order(order), Map.of(),
                String.class);
        FunctionRun ended = endedRun(original);
        // the Dev Server reruns a run only once its triggering event is stored, which for an invoked run can come
        // shortly after the run ended (before, it answers 500 "Unable to rerun run", as probes right after the end showed)
        await("the event of run " + original + " stored").atMost(PATIENCE).pollInterval(Duration.ofMillis(50))
                .until(() -> call("inngest:getEvent", null, Map.of(InngestConstants.EVENT_ID, ended.eventId())),
                        e -> e.getException() == null);

        Exchange rerun = call("inngest:rerunRun", null, Map.of(InngestConstants.RUN_ID, original));

        assertThat(rerun.getException()).isNull();
        String runId = rerun.getMessage().getBody(String.class);
        assertThat(Ulid.isValid(runId)).isTrue();
        assertThat(runId).isNotEqualTo(original);
        assertThat(rerun.getMessage().getHeader(InngestConstants.RUN_ID)).isEqualTo(runId);
        FunctionRun run = endedRun(runId);
        assertThat(run.status().wireName()).isEqualTo("Completed");
        assertThat(run.output()).isEqualTo(Map.of("shipped", true, "tracking", "TRK-" + order));
    }

    @Test
    void rerunRunOfAnUnknownRunNamesTheRun() {
        String runId = DevServer.unknownUlid();

        InngestApiException e = failure(call(recorded("rerunRun"), null, Map.of(InngestConstants.RUN_ID, runId)));

        assertThat(e.getStatus()).isEqualTo(404);
        assertThat(e.getMessage()).contains(runId);
        assertThat(e.isRetryable()).isFalse();
        assertThat(sentOnce()).containsExactly("POST /v2/runs/" + runId + "/rerun");
    }
}
