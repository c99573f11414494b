package io.camelinngest;

import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The examples of the HTTP contract ({@code /work/shared/inngest-api.md}) that several tests serve from WireMock, and
 * the IDs they hold. Variants of the run come from the helpers below; other variants stay in the test that needs them.
 */
public final class ContractFixtures {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Section 5: the ID of the example run {@link #RUN}. */
    public static final String RUN_ID = "01JWNNSWC44J3CY2ENV158DQX8";
    /** Sections 1 to 3: the internal ID of the example event {@link #EVENT}, the first ID a send answers. */
    public static final String EVENT_ID = "01JWNNSVKR5DW3DMHK620M933E";
    /** Section 5: the path of getRun (and, with DELETE, of cancelRun, section 6) for {@link #RUN_ID}. */
    public static final String RUN_PATH = "/v1/runs/" + RUN_ID;

    // ---------------------------------------------------------------------------------------------------------
    // Events

    /** Section 1: an event to send, as a route would give it (a Map body). */
    public static final Map<String, Object> NEW_EVENT = Map.of("name", "shop/order.created", "data", Map.of("orderId", 1234));
    /** Section 1: the event API's answer to a send of one event: its internal ID, and a newline after the JSON. */
    public static final String SEND_OK = "{\"ids\":[\"" + EVENT_ID + "\"],\"status\":200}\n";
    /** Section 1: the event API's 401 body for an event key it does not know. */
    public static final String EVENT_KEY_NOT_FOUND = "{\"status\":401,\"message\":\"\",\"error\":\"Event key not found\"}";

    /** Section 2: the example event object. */
    public static final String EVENT = """
            {"internal_id":"01JWNNSVKR5DW3DMHK620M933E","account_id":"5b2c9e3a-7a1d-4c0e-9f21-3c4d5e6f7a8b",
             "environment_id":"c1a2b3c4-d5e6-4f70-8a9b-0c1d2e3f4a5b","source":"key",
             "source_id":"9e8d7c6b-5a49-4382-b716-0a1b2c3d4e5f","received_at":"2025-06-01T12:00:00.131Z",
             "id":"order-1234-created","name":"shop/order.created","data":{"orderId":1234,"total":49.99},
             "user":{"id":"usr_456"},"ts":1748779200120,"v":"2025-01-01.1"}""";

    /**
     * Section 2: a page of GET /v1/events, newest first: EVENT under another ID, then a Dev Server event (+02:00, no
     * user).
     */
    public static final String EVENTS_JSON = "{\"data\":[" + EVENT.replace(EVENT_ID, "01JWNNSVY2QJKQF8V4PP8H0ESP") + ",\n" + """
            {"internal_id":"01JWNNSVKR5DW3DMHK620M933E","account_id":"00000000-0000-0000-0000-000000000000",
             "environment_id":"00000000-0000-0000-0000-000000000000","source":"","source_id":null,
             "received_at":"2025-06-01T13:59:59.123456+02:00","id":"01JWNNSVKR5DW3DMHK620M933E",
             "name":"shop/order.paid","data":{"orderId":1234},"ts":1748779199100}
            ],"metadata":{"fetched_at":"2025-06-01T12:00:05.482913Z"}}""";

    /** Section 3: the answer of {@code GET /v1/events/{EVENT_ID}}: {@link #EVENT}, a fresh answer (cached 5 s). */
    public static final String EVENT_JSON = "{\"data\":" + EVENT + ",\n"
                                            + "\"metadata\":{\"fetched_at\":\"2025-06-01T12:00:05.482913Z\","
                                            + "\"cached_until\":\"2025-06-01T12:00:10.482913Z\"}}";

    // ---------------------------------------------------------------------------------------------------------
    // Runs

    /** Section 5: the example run object: Completed, with the function's output. */
    public static final String RUN = """
            {"run_id":"01JWNNSWC44J3CY2ENV158DQX8","run_started_at":"2025-06-01T12:00:00.9Z",
             "function_id":"3f6a1c52-8d0b-5e1f-9a7c-2b4d6e8f0a1c","function_version":3,
             "environment_id":"c1a2b3c4-d5e6-4f70-8a9b-0c1d2e3f4a5b","event_id":"01JWNNSVKR5DW3DMHK620M933E",
             "status":"Completed","ended_at":"2025-06-01T12:00:01.734Z","output":{"shipped":true,"trackingId":"TRK-99"}}""";

    /**
     * The path getRun reads {@link #RUN_ID} from: v2, the API with outputs (the query {@code includeOutput=true}
     * aside).
     */
    public static final String V2_RUN_PATH = "/v2/runs/" + RUN_ID;

    /**
     * {@link #RUN} as {@code GET /v2/runs/{RUN_ID}?includeOutput=true} answers it (shape of the fixture
     * getRun-v2-completed).
     */
    public static final String V2_RUN_JSON = """
            {"data":{"app":{"id":"shop"},"durationMs":"834","endedAt":"2025-06-01T12:00:01.734Z",\
            "function":{"id":"ship-order","name":"Ship order"},"id":"01JWNNSWC44J3CY2ENV158DQX8",\
            "output":{"shipped":true,"trackingId":"TRK-99"},"queuedAt":"2025-06-01T12:00:00.9Z",\
            "startedAt":"2025-06-01T12:00:00.9Z","status":"COMPLETED","trigger":{"eventIds":["01JWNNSVKR5DW3DMHK620M933E"]}},\
            "metadata":{"fetchedAt":"2025-06-01T12:00:05Z"}}""";

    /** Section 5: the answer of {@code GET /v1/runs/{RUN_ID}}: {@link #RUN}. */
    public static final String RUN_JSON = runJson(RUN);

    /**
     * Section 5: a run object in the answer of {@code GET /v1/runs/{runId}}, with the example's metadata (3 s cache).
     */
    public static String runJson(String run) {
        return "{\"data\":" + run + ",\n"
               + "\"metadata\":{\"fetched_at\":\"2025-06-01T12:00:02.3Z\",\"cached_until\":\"2025-06-01T12:00:05.3Z\"}}";
    }

    /** Section 5: {@link #RUN} with fields set to other values (name, JSON text, in turn; a new name is added last). */
    public static String runWith(String... namesAndJsonValues) {
        ObjectNode run = parse(RUN);
        for (int i = 0; i < namesAndJsonValues.length; i += 2) {
            run.set(namesAndJsonValues[i], parse(namesAndJsonValues[i + 1]));
        }
        return run.toString();
    }

    /** Section 5: {@link #RUN} before it ends: status Running, {@code ended_at} null (the key stays), no output. */
    public static String runningRun() {
        ObjectNode run = parse(runWith("status", "\"Running\"", "ended_at", "null"));
        run.remove("output");
        return run.toString();
    }

    // ---------------------------------------------------------------------------------------------------------
    // Signals, errors, traps

    /** Section 9.1: the answer of {@code POST /v1/signals}: the run the signal resumed. */
    public static final String SIGNAL_OK = "{\"data\":{\"run_id\":\"" + RUN_ID + "\"},"
                                           + "\"metadata\":{\"fetched_at\":\"2025-06-01T12:00:02.3Z\"}}";

    /** Section 11: the v1 error envelope, {@code {"error":...,"data":null,"status":...}}. */
    public static String errorJson(int status, String error) {
        return "{\"error\":\"" + error + "\",\"data\":null,\"status\":" + status + "}";
    }

    /** Section 10: the plain-text body of a 401 for a signing key the server does not accept. */
    public static final String AUTHENTICATION_FAILED = "Authentication failed\n";

    /** Section 0, trap 2: the Dev Server's web UI, its answer (HTTP 200) to a path it does not know. */
    public static final String DEV_SERVER_UI = """
            <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"/><title>Inngest Development Server</title>
            </head><body><div id="__next"></div></body></html>
            """;

    private ContractFixtures() {
    }

    @SuppressWarnings("unchecked")
    private static <T extends JsonNode> T parse(String json) {
        try {
            return (T) JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + json, e);
        }
    }
}
