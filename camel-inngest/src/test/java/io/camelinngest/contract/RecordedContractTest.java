package io.camelinngest.contract;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.camelinngest.client.EventQuery;
import io.camelinngest.client.HttpSettings;
import io.camelinngest.client.HttpTransport;
import io.camelinngest.client.InngestApiException;
import io.camelinngest.client.InngestClient;
import io.camelinngest.client.InngestClientConfig;
import io.camelinngest.client.RunQuery;
import io.camelinngest.model.AppFunction;
import io.camelinngest.model.CancellationRequest;
import io.camelinngest.model.EventPage;
import io.camelinngest.model.FunctionRun;
import io.camelinngest.model.InngestEvent;
import io.camelinngest.model.InngestFunction;
import io.camelinngest.model.RunJob;
import io.camelinngest.model.RunPage;
import io.camelinngest.model.RunStatus;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.request;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Every response recorded from a real Inngest Dev Server ({@code fixtures/inngest-dev}), served from WireMock for the
 * recorded request, read by the real {@link InngestClient}: what the component makes of it, file by file. A success is
 * checked for the values a user reads (IDs, statuses in the model's names, outputs); a failure for the
 * {@link InngestApiException}'s HTTP status, status, error code, error text, message and whether it may be retried.
 * Where the component never sends the recorded request (a malformed ID, a missing path), the table says what it does
 * instead, and what it makes of that answer when it gets it for a request it does send.
 */
class RecordedContractTest {

    @RegisterExtension
    static final WireMockExtension SERVER = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static final String UNKNOWN = "01ZZZZZZZZZZZZZZZZZZZZZZZZ";
    private static final String COMPLETED_RUN = "01M8T01D08W9PB4VKVN3ZRQNA0";
    private static final String SLEEPING_RUN = "01M8T01PHZE5CAQXQK9GRKSM5G";
    private static final String FAILED_RUN = "01M8T01HDDC9H12J9GH121VZYK";
    private static final String SIGNALLED_RUN = "01M8T01YWF4FPGVRNZHGQ5A4KV";
    private static final String ORDER_42_EVENT = "01M8T01CRQBAE70CEHRSZEG1VK";
    private static final Map<String, Object> SHIPPED_42 = Map.of("shipped", true, "tracking", "TRK-42");

    private HttpTransport transport;
    private InngestClient client;

    @BeforeEach
    void client() {
        transport = HttpTransport.create(HttpSettings.defaults());
        client = new InngestClient(
                InngestClientConfig.builder()
                        .baseUrl(SERVER.baseUrl())
                        .eventBaseUrl(SERVER.baseUrl())
                        .signingKey("signkey-test-12345678")
                        .eventKey("dev-key")
                        .maxRetries(0) // each failure as the first answer shows it; isRetryable() says whether a retry may help
                        .retryDelay(Duration.ofMillis(1))
                        .build(),
                transport);
    }

    @AfterEach
    void close() {
        transport.close();
    }

    /** What the component must make of one recording; the recording is already served for its request. */
    @FunctionalInterface
    interface Expectation {
        void check(Replay replay) throws Throwable;
    }

    /** The recording under test, the client, and ways to serve the recording elsewhere and look at what was sent. */
    record Replay(HttpRecording recording, InngestClient client) {

        /** Serves the recording for every request, whatever its method and path. */
        void serveEverywhere() {
            SERVER.stubFor(WireMock.any(anyUrl()).atPriority(5).willReturn(response(recording)));
        }

        /** Serves another recording for its own request. */
        void serveAlso(String name) {
            serve(HttpRecording.load(name));
        }

        /** The requests the client sent. */
        List<LoggedRequest> sent() {
            List<LoggedRequest> newestFirst
                    = SERVER.getAllServeEvents().stream().map(e -> (LoggedRequest) e.getRequest()).toList();
            return java.util.stream.IntStream.range(0, newestFirst.size())
                    .mapToObj(i -> newestFirst.get(newestFirst.size() - 1 - i)).toList();
        }

        /** Asserts the client asked v2 first, found it missing, then sent the recorded v1 request. */
        void triedV2ThenSentTheRecordedRequest() {
            assertThat(sent()).hasSize(2);
            assertThat(sent().get(0).getUrl()).startsWith("/v2/");
            assertThat(sent().get(1).getMethod().getName()).isEqualTo(recording.method());
            assertThat(sent().get(1).getUrl().split("\\?")[0]).isEqualTo(recording.path());
        }

        /** Asserts the client sent exactly the recorded request (method and path) and nothing else. */
        void sentTheRecordedRequest() {
            assertThat(sent()).singleElement().satisfies(r -> {
                assertThat(r.getMethod().getName()).isEqualTo(recording.method());
                assertThat(r.getUrl().split("\\?")[0]).isEqualTo(recording.path());
            });
        }

        /** Asserts the client sent the recorded request with a body equal (as JSON) to the recorded one. */
        void sentTheRecordedBody(String expectedJson) {
            sentTheRecordedRequest();
            SERVER.verify(WireMock.requestedFor(recording.method(), urlPathEqualTo(recording.path()))
                    .withRequestBody(equalToJson(expectedJson)));
        }

        /**
         * Makes the server one without the v2 API: every {@code /v2} path answers the Dev Server's plain-text 404 for a
         * path it lacks (recording {@code listFunctions-v1-missing}). The client then reads runs through v1.
         */
        void withoutV2() {
            SERVER.stubFor(WireMock.any(WireMock.urlPathMatching("/v2/.*")).atPriority(1)
                    .willReturn(response(HttpRecording.load("listFunctions-v1-missing"))));
        }

        /** Asserts the client refused the call before sending anything. */
        void refusedBeforeSending(ThrowingCallable call, String message) {
            assertThatThrownBy(call).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
            assertThat(sent()).isEmpty();
        }
    }

    private static void serve(HttpRecording recording) {
        MappingBuilder mapping = request(recording.method(), urlPathEqualTo(recording.path()));
        SERVER.stubFor(mapping.willReturn(response(recording)));
    }

    private static ResponseDefinitionBuilder response(HttpRecording recording) {
        ResponseDefinitionBuilder response = aResponse().withStatus(recording.status()).withBody(recording.body());
        // WireMock sets the length and framing of the body it sends itself
        recording.headers().forEach((name, value) -> {
            if (!name.equalsIgnoreCase("Content-Length") && !name.equalsIgnoreCase("Transfer-Encoding")) {
                response.withHeader(name, value);
            }
        });
        return response;
    }

    /** The failure a call ends in. */
    private static InngestApiException failure(ThrowingCallable call) {
        InngestApiException e = catchThrowableOfType(InngestApiException.class, call);
        assertThat(e).as("an InngestApiException").isNotNull();
        return e;
    }

    /** Asserts a failure: HTTP status, status meant, v2 error code, server's error text, retryable. */
    private static void assertFailure(
            InngestApiException e, String operation, int http, int status, String code,
            String error, boolean retryable) {
        assertThat(e.getOperation()).isEqualTo(operation);
        assertThat(e.getHttpStatus()).as("HTTP status").isEqualTo(http);
        assertThat(e.getStatus()).as("status").isEqualTo(status);
        assertThat(e.getErrorCode()).as("error code").isEqualTo(code);
        assertThat(e.getError()).as("error").isEqualTo(error);
        assertThat(e.isRetryable()).as("retryable").isEqualTo(retryable);
        assertThat(e.getMessage()).startsWith(operation + " failed: ").doesNotContain("signkey");
    }

    private static OffsetDateTime time(String text) {
        return OffsetDateTime.parse(text);
    }

    // -------------------------------------------------------------------------------------------------------------
    // The table: one expectation per recording

    private static final Map<String, Expectation> EXPECTED = new LinkedHashMap<>();

    static {
        // ---- cancelRun: DELETE /v1/runs/{id}
        EXPECTED.put("cancelRun-completed", r -> {
            r.client().cancelRun(COMPLETED_RUN); // 200, empty body: a success, also for a run that already ended
            r.sentTheRecordedRequest();
        });
        EXPECTED.put("cancelRun-sleeping", r -> {
            r.client().cancelRun(SLEEPING_RUN);
            r.sentTheRecordedRequest();
        });
        EXPECTED.put("cancelRun-unknown", r -> {
            InngestApiException e = failure(() -> r.client().cancelRun(UNKNOWN));
            // named as getRun names an unknown run (issue 19)
            assertFailure(e, "cancelRun", 404, 404, "not_found", "Unable to load function run: " + UNKNOWN, false);
            assertThat(e.getMessage()).isEqualTo("cancelRun failed: run " + UNKNOWN + " not found, or not visible yet"
                                                 + " (Inngest answered HTTP 404: Unable to load function run: " + UNKNOWN
                                                 + ")");
            r.sentTheRecordedRequest();
        });
        EXPECTED.put("cancelRun-malformed", r -> {
            r.refusedBeforeSending(() -> r.client().cancelRun("not-a-ulid"), "runId must be a 26-character ULID");
            // the server's answer, should a malformed ID reach it: a 400 that no retry can mend
            r.serveEverywhere();
            InngestApiException e = failure(() -> r.client().cancelRun(UNKNOWN));
            assertFailure(e, "cancelRun", 400, 400, null, "Invalid run ID: not-a-ulid", false);
        });

        // ---- bulk cancellations: Cloud only; the Dev Server answers 500 with an empty body
        EXPECTED.put("createCancellation", r -> {
            InngestApiException e = failure(() -> r.client().createCancellation(new CancellationRequest(
                    "test-app",
                    "test-app-slow-job", Instant.parse("2026-12-01T23:45:57Z"), Instant.parse("2026-01-01T00:00:00Z"),
                    null)));
            assertFailure(e, "createCancellation", 500, 500, null, null, false);
            assertThat(e.getMessage()).contains("HTTP 500 with an empty body").contains("Inngest Cloud only");
            r.sentTheRecordedBody(r.recording().requestBody());
        });
        EXPECTED.put("createCancellation-future", r -> {
            InngestApiException e = failure(() -> r.client().createCancellation(new CancellationRequest(
                    "test-app",
                    "slow-job", Instant.parse("2099-01-01T00:00:00Z"), null, null)));
            assertFailure(e, "createCancellation", 400, 400, null, "started_before must be in the past", false);
            assertThat(e.getMessage()).isEqualTo("createCancellation failed: HTTP 400: started_before must be in the past");
            r.sentTheRecordedBody(r.recording().requestBody());
        });
        EXPECTED.put("listCancellations", r -> {
            InngestApiException e = failure(() -> r.client().listCancellations());
            assertFailure(e, "listCancellations", 500, 500, null, null, false);
            assertThat(e.getMessage()).contains("Inngest Cloud only");
            r.sentTheRecordedRequest();
        });

        // ---- events
        EXPECTED.put("getEvent", r -> {
            InngestEvent event = r.client().getEvent(ORDER_42_EVENT);
            assertThat(event.internalId()).isEqualTo(ORDER_42_EVENT);
            assertThat(event.id()).isEqualTo(ORDER_42_EVENT);
            assertThat(event.name()).isEqualTo("shop/order.paid");
            assertThat(event.data()).isEqualTo(Map.of("order", "42"));
            assertThat(event.ts()).isEqualTo(1796168790807L);
            assertThat(event.receivedAt()).isEqualTo(time("2026-12-01T23:46:31.047872846Z"));
            assertThat(event.source()).isEmpty();
            assertThat(event.sourceId()).isNull();
            r.sentTheRecordedRequest();
        });
        EXPECTED.put("getEvent-unknown", r -> {
            InngestApiException e = failure(() -> r.client().getEvent(UNKNOWN));
            assertFailure(e, "getEvent", 200, 404, null, "Event not found", false);
            assertThat(e.getMessage()).isEqualTo("getEvent failed: status 404 in the body of an HTTP 200: Event not found");
            r.sentTheRecordedRequest();
        });
        EXPECTED.put("getEvent-malformed", r -> {
            r.refusedBeforeSending(() -> r.client().getEvent("not-a-ulid"), "eventId must be a 26-character ULID");
            r.serveEverywhere();
            InngestApiException e = failure(() -> r.client().getEvent(UNKNOWN));
            assertFailure(e, "getEvent", 200, 400, null, "Invalid event ID: not-a-ulid", false);
        });
        EXPECTED.put("listEvents", r -> {
            EventPage page = r.client().listEvents(new EventQuery(null, null, null, null, 3));
            assertThat(page.events()).extracting(InngestEvent::internalId).containsExactly(
                    "01M8T01CXGYQ53SNGRJN30QPZP", "01M8T01CXG9XHPPYMWQKTNMYCM", "01M8T01CX2CT51840XVPFC2MZQ");
            assertThat(page.events()).extracting(InngestEvent::name)
                    .containsExactly("acc/other", "shop/order.paid", "shop/order.paid");
            assertThat(page.events().get(0).data()).isEmpty();
            // a full page: the next page starts below its oldest event
            assertThat(page.nextCursor()).isEqualTo("01M8T01CX2CT51840XVPFC2MZQ");
            r.sentTheRecordedRequest();
            assertThat(r.sent().get(0).queryParameter("limit").firstValue()).isEqualTo("3");
        });
        EXPECTED.put("listEvents-by-name", r -> {
            EventPage page = r.client().listEvents(new EventQuery("shop/order.paid", null, null, null, 2));
            assertThat(page.events()).extracting(e -> e.data().get("order")).containsExactly("44", "43");
            assertThat(page.nextCursor()).isEqualTo("01M8T01CX2CT51840XVPFC2MZQ");
            r.sentTheRecordedRequest();
            assertThat(r.sent().get(0).queryParameter("name").firstValue()).isEqualTo("shop/order.paid");
        });
        EXPECTED.put("listEvents-limit-0", r -> {
            // the server reads 0 as its default (20); the component asks for what it means instead
            r.refusedBeforeSending(() -> r.client().listEvents(new EventQuery(null, null, null, null, 0)),
                    "limit must be a whole number from 1 to 51, was '0'");
            EventPage page = r.client().listEvents(new EventQuery(null, null, null, null, null));
            assertThat(page.events()).hasSize(4);
            assertThat(page.events().get(3).internalId()).isEqualTo(ORDER_42_EVENT);
            assertThat(page.hasMore()).isFalse(); // 4 events, fewer than the 20 asked for
            r.sentTheRecordedRequest();
        });
        EXPECTED.put("listEvents-bad-time", r -> {
            // the component sends times it formats itself, never "yesterday"; the server's answer to a bad one:
            InngestApiException e = failure(() -> r.client().listEvents(new EventQuery(null, null, null, null, null)));
            assertFailure(e, "listEvents", 200, 400, null, "Invalid received_after query parameter", false);
            r.sentTheRecordedRequest();
        });
        EXPECTED.put("listEventRuns", r -> {
            // a server without v2: the v1 list, cached 15 s by the server, without the completed run's output
            r.withoutV2();
            List<FunctionRun> runs = r.client().listEventRuns(ORDER_42_EVENT);
            assertThat(runs).singleElement().satisfies(run -> {
                assertThat(run.runId()).isEqualTo(COMPLETED_RUN);
                assertThat(run.status()).isEqualTo(RunStatus.COMPLETED);
                assertThat(run.eventId()).isEqualTo(ORDER_42_EVENT);
                assertThat(run.functionId()).isEqualTo("60f08b07-d0fc-58d2-a1c7-739c0e8d10f1");
                assertThat(run.endedAt()).isEqualTo(time("2026-12-01T23:46:31.191629466Z"));
                assertThat(run.output()).isNull();
            });
            r.triedV2ThenSentTheRecordedRequest();
        });

        // ---- sendEvents: POST /e/{key}, text/plain JSON
        EXPECTED.put("sendEvents-one", r -> {
            assertThat(r.client().sendEvents(Map.of("name", "shop/order.paid", "data", Map.of("order", "43"))).ids())
                    .containsExactly("01M8T01CX2CT51840XVPFC2MZQ");
            r.sentTheRecordedBody("[" + r.recording().requestBody() + "]"); // the component always sends an array
        });
        EXPECTED.put("sendEvents-batch", r -> {
            assertThat(r.client().sendEvents(List.of(
                    Map.of("name", "shop/order.paid", "data", Map.of("order", "44")),
                    Map.of("name", "acc/other", "data", Map.of()))).ids())
                    .containsExactly("01M8T01CXG9XHPPYMWQKTNMYCM", "01M8T01CXGYQ53SNGRJN30QPZP");
            r.sentTheRecordedBody(r.recording().requestBody());
        });
        EXPECTED.put("sendEvents-no-name", r -> {
            r.refusedBeforeSending(() -> r.client().sendEvents(Map.of("data", Map.of())),
                    "Event at index 0 has no name");
            r.serveEverywhere();
            InngestApiException e = failure(() -> r.client().sendEvents(Map.of("name", "a")));
            assertFailure(e, "sendEvents", 400, 400, null, "event name is empty", false);
            assertThat(e.getAcceptedEventIds()).isEmpty();
            assertThat(e.getFailedEventIndex()).isZero();
        });
        EXPECTED.put("sendEvents-invalid-json", r -> {
            r.refusedBeforeSending(() -> r.client().sendEvents(r.recording().requestBody()),
                    "Event at index 0 is not valid JSON");
            r.serveEverywhere();
            InngestApiException e = failure(() -> r.client().sendEvents(Map.of("name", "a")));
            assertFailure(e, "sendEvents", 400, 400, null, "unexpected end of JSON input", false);
            assertThat(e.getMessage()).isEqualTo("sendEvents failed: HTTP 400: unexpected end of JSON input");
            assertThat(e.getFailedEventIndex()).isZero();
        });

        // ---- getRun through v1: GET /v1/runs/{id}
        EXPECTED.put("getRun-completed", r -> {
            r.withoutV2();
            FunctionRun run = r.client().getRun(COMPLETED_RUN);
            assertThat(run.output()).as("v1 has no output for a completed run: \"\" is read as none").isNull();
            assertThat(run.functionId()).isEqualTo("60f08b07-d0fc-58d2-a1c7-739c0e8d10f1"); // v1: the function's UUID
            assertThat(run.runId()).isEqualTo(COMPLETED_RUN);
            assertThat(run.status()).isEqualTo(RunStatus.COMPLETED);
            assertThat(run.isEnded()).isTrue();
            assertThat(run.eventId()).isEqualTo(ORDER_42_EVENT);
            assertThat(run.endedAt()).isEqualTo(time("2026-12-01T23:46:31.191629466Z"));
            r.triedV2ThenSentTheRecordedRequest();
        });
        EXPECTED.put("getRun-running", r -> {
            r.withoutV2();
            FunctionRun run = r.client().getRun(SLEEPING_RUN);
            assertThat(run.status()).isEqualTo(RunStatus.RUNNING);
            assertThat(run.isEnded()).isFalse();
            assertThat(run.endedAt()).isNull();
            assertThat(run.output()).isNull();
            r.triedV2ThenSentTheRecordedRequest();
        });
        EXPECTED.put("getRun-failed", r -> {
            r.withoutV2();
            FunctionRun run = r.client().getRun(FAILED_RUN);
            assertThat(run.status()).isEqualTo(RunStatus.FAILED);
            assertThat(run.output()).isInstanceOfSatisfying(Map.class, error -> {
                assertThat(error.get("name")).isEqualTo("Error");
                assertThat(error.get("message")).isEqualTo("boom on purpose");
            });
            r.triedV2ThenSentTheRecordedRequest();
        });
        EXPECTED.put("getRun-cancelled", r -> {
            r.withoutV2();
            FunctionRun run = r.client().getRun(SLEEPING_RUN);
            assertThat(run.status()).isEqualTo(RunStatus.CANCELLED);
            assertThat(run.endedAt()).isEqualTo(time("2026-12-01T23:46:46.136631053Z"));
            r.triedV2ThenSentTheRecordedRequest();
        });
        EXPECTED.put("getRun-unknown", r -> {
            // HTTP 200 with status 500 "Unable to load function run" in the body: the run does not exist (or not yet)
            r.withoutV2();
            InngestApiException e = failure(() -> r.client().getRun(UNKNOWN));
            assertFailure(e, "getRun", 200, 404, "not_found", "Unable to load function run: " + UNKNOWN, false);
            assertThat(e.getMessage()).startsWith("getRun failed: run " + UNKNOWN + " not found, or not visible yet");
            r.triedV2ThenSentTheRecordedRequest();
        });

        // ---- getRun through v2: GET /v2/runs/{id}?includeOutput=true
        EXPECTED.put("getRun-v2-completed", r -> {
            FunctionRun run = r.client().getRun(COMPLETED_RUN);
            assertThat(run.status()).isEqualTo(RunStatus.COMPLETED);
            assertThat(run.output()).isEqualTo(SHIPPED_42);
            assertThat(run.functionId()).isEqualTo("ship-order");
            assertThat(run.appId()).isEqualTo("test-app");
            assertThat(run.eventId()).isEqualTo(ORDER_42_EVENT);
            assertThat(run.queuedAt()).isEqualTo(time("2026-12-01T23:46:31.048Z"));
            assertThat(run.endedAt()).isEqualTo(time("2026-12-01T23:46:31.190Z"));
            assertThat(r.sent()).anySatisfy(q -> assertThat(q.getUrl()).isEqualTo(r.recording().target()));
        });
        EXPECTED.put("getRun-v2-signalled", r -> {
            FunctionRun run = r.client().getRun(SIGNALLED_RUN);
            assertThat(run.status()).isEqualTo(RunStatus.COMPLETED);
            assertThat(run.output()).isEqualTo(Map.of("approved", true, "by", "ops"));
            assertThat(run.functionId()).isEqualTo("await-approval");
        });
        EXPECTED.put("getRun-v2-failed", r -> {
            FunctionRun run = r.client().getRun(FAILED_RUN);
            assertThat(run.status()).isEqualTo(RunStatus.FAILED);
            assertThat(run.output()).isInstanceOfSatisfying(Map.class,
                    error -> assertThat(error.get("message")).isEqualTo("boom on purpose"));
            assertThat(run.functionId()).isEqualTo("always-fails");
        });
        EXPECTED.put("getRun-v2-running", r -> {
            FunctionRun run = r.client().getRun(SLEEPING_RUN);
            assertThat(run.status()).isEqualTo(RunStatus.RUNNING);
            assertThat(run.endedAt()).isNull();
            assertThat(run.output()).isNull();
            assertThat(run.functionId()).isEqualTo("slow-job");
        });
        EXPECTED.put("getRun-v2-cancelled", r -> {
            FunctionRun run = r.client().getRun(SLEEPING_RUN);
            assertThat(run.status()).isEqualTo(RunStatus.CANCELLED);
            assertThat(run.endedAt()).isEqualTo(time("2026-12-01T23:46:46.084Z"));
            assertThat(run.output()).isNull();
        });
        EXPECTED.put("getRun-v2-unknown", r -> {
            InngestApiException e = failure(() -> r.client().getRun(UNKNOWN));
            assertFailure(e, "getRun", 404, 404, "not_found", "Run not found", false);
            assertThat(e.getMessage()).startsWith("getRun failed: run " + UNKNOWN + " not found, or not visible yet");
            r.sentTheRecordedRequest(); // a v2 error in JSON is an answer: no fallback to v1
        });

        // ---- jobs
        EXPECTED.put("listRunJobs-completed", r -> {
            assertThat(r.client().listRunJobs(COMPLETED_RUN)).isEmpty();
            r.sentTheRecordedRequest();
        });
        EXPECTED.put("listRunJobs-sleeping", r -> {
            List<RunJob> jobs = r.client().listRunJobs(SLEEPING_RUN);
            assertThat(jobs).singleElement().satisfies(job -> {
                assertThat(job.jobId()).isEqualTo("214oux4gyzpfc");
                assertThat(job.kind()).isEqualTo("sleep");
                assertThat(job.at()).isEqualTo(time("2026-12-01T23:56:40.868Z"));
                assertThat(job.position()).isZero();
                assertThat(job.attempt()).isZero();
            });
            r.sentTheRecordedRequest();
        });

        // ---- functions
        EXPECTED.put("listFunctions-app", r -> {
            List<InngestFunction> functions = r.client().listFunctions("test-app");
            assertThat(functions).extracting(InngestFunction::id).containsExactly("test-app-always-fails",
                    "test-app-ship-order", "test-app-await-approval", "test-app-slow-job");
            InngestFunction ship = functions.get(1);
            assertThat(ship.name()).isEqualTo("ship-order");
            assertThat(ship.internalId()).isEqualTo("60f08b07-d0fc-58d2-a1c7-739c0e8d10f1");
            assertThat(ship.config().get("triggers")).isEqualTo(List.of(Map.of("event", "shop/order.paid")));
            assertThat(ship.archivedAt()).isEqualTo(time("0001-01-01T00:00:00Z"));
            r.sentTheRecordedRequest();
        });
        EXPECTED.put("listFunctions-app-unknown", r -> {
            assertThat(r.client().listFunctions("no-such-app")).isEmpty(); // the server does not tell the app is unknown
            r.sentTheRecordedRequest();
        });
        EXPECTED.put("listFunctions-v1-missing", r -> {
            // the component never asks GET /v1/functions: all functions come from v2 (see v2-apps). A server without
            // v2 answers the same plain 404: a clear failure, not retried
            r.serveEverywhere();
            InngestApiException e = failure(() -> r.client().listAllFunctions());
            assertFailure(e, "listFunctions", 404, 404, null, "404 page not found", false);
            assertThat(e.getMessage())
                    .isEqualTo("listFunctions failed: HTTP 404 with a body that is not JSON: 404 page not found");
            assertThat(r.sent()).singleElement().satisfies(q -> assertThat(q.getUrl()).startsWith("/v2/apps"));
        });
        EXPECTED.put("v2-apps", r -> {
            r.serveAlso("v2-app-functions");
            List<AppFunction> functions = r.client().listAllFunctions();
            assertThat(functions).extracting(AppFunction::appId).containsOnly("test-app");
            assertThat(functions).extracting(AppFunction::id)
                    .containsExactly("always-fails", "ship-order", "await-approval", "slow-job");
            assertThat(functions.get(1).slug()).isEqualTo("test-app-ship-order");
            assertThat(functions.get(1).triggers()).isEqualTo(List.of(Map.of("type", "EVENT", "value", "shop/order.paid")));
            assertThat(r.sent()).extracting(q -> q.getUrl().split("\\?")[0])
                    .containsExactly("/v2/apps", "/v2/apps/test-app/functions");
        });
        EXPECTED.put("v2-app-functions", r -> {
            r.serveAlso("v2-apps");
            List<AppFunction> functions = r.client().listAllFunctions();
            AppFunction fails = functions.get(0);
            assertThat(fails.name()).isEqualTo("always-fails");
            assertThat(fails.paused()).isFalse();
            assertThat(fails.archived()).isFalse();
            assertThat(fails.configuration().get("retries")).isEqualTo(Map.of("isDefault", false));
            assertThat(functions.get(1).configuration().get("retries")).isEqualTo(Map.of("isDefault", true, "value", 4));
        });

        // ---- signals
        EXPECTED.put("sendSignal", r -> {
            assertThat(r.client().sendSignal("approve-k7", Map.of("by", "ops"))).isEqualTo(SIGNALLED_RUN);
            r.sentTheRecordedBody(r.recording().requestBody());
        });
        EXPECTED.put("sendSignal-nobody-waits", r -> {
            InngestApiException e = failure(() -> r.client().sendSignal("approve-nobody", Map.of()));
            assertFailure(e, "sendSignal", 404, 404, null, "No signal found", false);
            assertThat(e.getMessage()).isEqualTo("sendSignal failed: HTTP 404: No signal found");
            r.sentTheRecordedBody(r.recording().requestBody());
        });
        EXPECTED.put("sendSignal-bad-body", r -> {
            // the component always sends a well-formed {"signal": "...", "data": ...}; the server's answer otherwise:
            InngestApiException e = failure(() -> r.client().sendSignal("approve-k7", null));
            assertFailure(e, "sendSignal", 400, 400, null, "Invalid signal data", false);
            r.sentTheRecordedRequest();
        });

        // ---- paths that do not exist
        EXPECTED.put("unknown-v1-path", r -> {
            // what a call to a path this server lacks gets (a mistyped baseUrl path, an older server)
            r.serveEverywhere();
            InngestApiException e = failure(() -> r.client().getEvent(ORDER_42_EVENT));
            assertFailure(e, "getEvent", 404, 404, null, "404 page not found", false);
        });
        EXPECTED.put("unknown-top-path", r -> {
            // the Dev Server answers an unknown top-level path with 200 and an empty body: not mistaken for a success
            r.serveEverywhere();
            InngestApiException e = failure(() -> r.client().getEvent(ORDER_42_EVENT));
            assertFailure(e, "getEvent", 200, 200, null, null, false);
            assertThat(e.getMessage()).isEqualTo("getEvent failed: HTTP 200 with an empty body");
        });

        // ---- v2 runs listing: GET /v2/runs
        EXPECTED.put("v2-runs", r -> {
            RunPage page = r.client().listRuns(new RunQuery(
                    null, null, List.of(), RunQuery.TimeField.queuedAt, null,
                    false, null, 3));
            assertThat(page.runs()).extracting(FunctionRun::runId).containsExactly(
                    "01M8T026XEC239HSPXW2162X3T", "01M8T026WEMEWKG51X3ZDGCXPR", SIGNALLED_RUN);
            assertThat(page.runs()).extracting(FunctionRun::status)
                    .containsExactly(RunStatus.SCHEDULED, RunStatus.SCHEDULED, RunStatus.COMPLETED);
            assertThat(page.runs()).extracting(FunctionRun::functionId)
                    .containsExactly("ship-order", "ship-order", "await-approval");
            FunctionRun approved = page.runs().get(2);
            assertThat(approved.endedAt()).isEqualTo(time("2026-12-01T23:46:54.349796599Z"));
            assertThat(approved.queuedAt()).isEqualTo(time("2026-12-01T23:46:49.359Z"));
            assertThat(approved.eventId()).isEqualTo("01M8T01YQ1JZF1NP369P1EW9JF");
            assertThat(page.nextCursor()).startsWith("eyJpZCI6IjAxTThUMDFZV0Y0");
            r.sentTheRecordedRequest();
        });
        EXPECTED.put("v2-runs-endedAt", r -> {
            RunPage page = r.client().listRuns(new RunQuery(
                    null, null, List.of(), RunQuery.TimeField.endedAt, null,
                    false, null, 3));
            assertThat(page.runs()).extracting(FunctionRun::status)
                    .containsExactly(RunStatus.SCHEDULED, RunStatus.SCHEDULED, RunStatus.CANCELLED);
            assertThat(page.runs().get(2).runId()).isEqualTo(SLEEPING_RUN);
            assertThat(page.runs().get(2).isEnded()).isTrue();
            assertThat(page.hasMore()).isTrue();
            assertThat(r.sent().get(0).queryParameter("timeField").firstValue()).isEqualTo("endedAt");
        });

        // ---- v2 event runs: GET /v2/events/{id}/runs (listEventRuns with the issue 6 core)
        EXPECTED.put("v2-eventRuns", r -> {
            List<FunctionRun> runs = r.client().listEventRuns(ORDER_42_EVENT);
            assertThat(runs).singleElement().satisfies(run -> {
                assertThat(run.runId()).isEqualTo(COMPLETED_RUN);
                assertThat(run.status()).isEqualTo(RunStatus.COMPLETED);
                assertThat(run.functionId()).isEqualTo("ship-order");
                assertThat(run.appId()).isEqualTo("test-app");
                assertThat(run.eventId()).isEqualTo(ORDER_42_EVENT);
                assertThat(run.endedAt()).isEqualTo(time("2026-12-01T23:46:31.190244248Z"));
                // recorded without includeOutput: no output in this answer, and none made up
                assertThat(run.output()).isNull();
            });
            r.sentTheRecordedRequest();
            assertThat(r.sent().get(0).queryParameter("includeOutput").firstValue()).isEqualTo("true");
        });

        // ---- invokeFunction and rerunRun (issue 6 core)
        EXPECTED.put("v2-invokeFunction", r -> {
            String runId = r.client().invokeFunction("test-app", "ship-order", Map.of("order", "77"), "order-77");
            assertThat(runId).isEqualTo("01M8T026WEMEWKG51X3ZDGCXPR");
            r.sentTheRecordedBody(r.recording().requestBody());
        });
        EXPECTED.put("v2-invokeFunction-unknown", r -> {
            InngestApiException e = failure(() -> r.client().invokeFunction("test-app", "no-such-fn", null, null));
            assertThat(e.getHttpStatus()).isEqualTo(404);
            assertThat(e.getStatus()).isEqualTo(404);
            assertThat(e.getErrorCode()).isEqualTo("not_found");
            assertThat(e.getError()).isEqualTo("Function not found");
            assertThat(e.isRetryable()).isFalse();
            assertThat(e.getMessage()).contains("function 'no-such-fn' of app 'test-app' not found");
            r.sentTheRecordedBody(r.recording().requestBody());
        });
        EXPECTED.put("v2-rerun", r -> {
            assertThat(r.client().rerunRun(COMPLETED_RUN)).isEqualTo("01M8T026XEC239HSPXW2162X3T");
            r.sentTheRecordedRequest();
        });
        EXPECTED.put("v2-rerun-unknown", r -> {
            InngestApiException e = failure(() -> r.client().rerunRun(UNKNOWN));
            assertThat(e.getHttpStatus()).isEqualTo(404);
            assertThat(e.getErrorCode()).isEqualTo("not_found");
            assertThat(e.getError()).isEqualTo("Run not found");
            assertThat(e.isRetryable()).isFalse();
            assertThat(e.getMessage()).contains(UNKNOWN);
            r.sentTheRecordedRequest();
        });
    }

    static Stream<String> recordings() {
        return HttpRecording.names().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("recordings")
    void whatTheComponentMakesOfTheRecordedResponse(String name) throws Throwable {
        Expectation expectation = EXPECTED.get(name);
        assertThat(expectation).as("an expectation for recording " + name).isNotNull();
        HttpRecording recording = HttpRecording.load(name);
        serve(recording);
        expectation.check(new Replay(recording, client));
    }

    @Test
    void theTableCoversExactlyTheRecordings() {
        assertThat(EXPECTED.keySet()).containsExactlyInAnyOrderElementsOf(HttpRecording.names());
        assertThat(HttpRecording.names()).hasSize(49);
    }

    @Test
    void theReaderKeepsTheBodyAsSentAndTheRequestAsRecorded() {
        HttpRecording send = HttpRecording.load("sendEvents-one");
        assertThat(send.method()).isEqualTo("POST");
        assertThat(send.target()).isEqualTo("/e/dev-key");
        assertThat(send.requestBody()).isEqualTo("{\"name\":\"shop/order.paid\",\"data\":{\"order\":\"43\"}}");
        assertThat(send.status()).isEqualTo(200);
        assertThat(send.mediaType()).isEqualTo("text/plain");
        for (String name : HttpRecording.names()) {
            HttpRecording recording = HttpRecording.load(name);
            if ("application/json".equals(recording.mediaType()) && !recording.body().isEmpty()) {
                assertThatCode(() -> new ObjectMapper().readTree(recording.body())).as(name).doesNotThrowAnyException();
            }
        }
        HttpRecording cancelled = HttpRecording.load("getRun-cancelled");
        assertThat(cancelled.path()).isEqualTo("/v1/runs/" + SLEEPING_RUN);
        assertThat(cancelled.target()).endsWith("?_=2");
        assertThat(HttpRecording.load("cancelRun-completed").requestBody()).isEmpty();
        assertThat(HttpRecording.load("cancelRun-completed").body()).isEmpty();
    }
}
