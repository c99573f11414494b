package io.camelinngest.gateway;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static io.camelinngest.gateway.Param.Kind.EVENTS;
import static io.camelinngest.gateway.Param.Kind.INTEGER;
import static io.camelinngest.gateway.Param.Kind.OBJECT;
import static io.camelinngest.gateway.Param.Kind.TEXT;
import static io.camelinngest.gateway.Param.Kind.ULID;

/**
 * What the gateway serves, once for both ports: each operation is a REST path and an MCP tool of the same name, mapped
 * to one operation of the {@code inngest:} component.
 * <p>
 * The first eight are the capability's ({@code exposes} in the capability file): names, descriptions, parameters and
 * hints as it declares them. Where the capability leaves out what a call needs (the events of {@code sendevents}), the
 * parameter is added and marked so. The last three serve the component's operations the capability does not know, under
 * paths of the same style.
 */
public enum GatewayOperation {

    SENDEVENTS("sendevents", "Send event(s) to Inngest", "POST", "/e/{eventKey}", "sendEvents",
               new Hints(false, false, false),
               Param.path("eventKey", TEXT, "Your environment-specific Inngest event key."),
               Param.body("events", EVENTS, "The events to send: an array of event objects, each with a name and optional"
                                            + " data, id (for deduplication) and ts. (Not in the capability: the events"
                                            + " themselves.)")),
    LISTEVENTS("listevents", "List recent events", "GET", "/v1/events", "listEvents", Hints.READ,
               Param.query("name", TEXT, "Filter events by event name."),
               Param.query("limit", INTEGER, "limit")),
    GETEVENT("getevent", "Get an event by ID", "GET", "/v1/events/{eventId}", "getEvent", Hints.READ,
             Param.path("eventId", ULID, "eventId")),
    LISTEVENTRUNS("listeventruns", "List runs triggered by an event", "GET", "/v1/events/{eventId}/runs",
                  "listEventRuns", Hints.READ,
                  Param.path("eventId", ULID, "eventId")),
    GETRUN("getrun", "Get function run status", "GET", "/v1/runs/{runId}", "getRun", Hints.READ,
           Param.path("runId", ULID, "runId")),
    LISTRUNJOBS("listrunjobs", "List the jobs (steps) for a run", "GET", "/v1/runs/{runId}/jobs",
                "listRunJobs", Hints.READ,
                Param.path("runId", ULID, "runId")),
    CANCELRUN("cancelrun", "Cancel a function run", "POST", "/v1/runs/{runId}/cancel", "cancelRun",
              new Hints(false, false, false),
              Param.path("runId", ULID, "runId")),
    LISTFUNCTIONS("listfunctions", "List functions", "GET", "/v1/functions", "listFunctions", Hints.READ),

    // beyond the capability: the same style, the hints justified in docs/gateway.md
    SENDSIGNAL("sendsignal", "Send a signal to resume the run waiting for it (step.waitForSignal)", "POST", "/v1/signals",
               "sendSignal", Hints.ADDS,
               Param.field("signal", TEXT, "The signal name the run waits for, e.g. approve-42.", true),
               Param.field("data", OBJECT, "Data handed to the waiting run.", false)),
    INVOKEFUNCTION("invokefunction", "Invoke a function directly, without an event; answers the new run's ID", "POST",
                   "/v1/apps/{appId}/functions/{functionId}/invoke", "invokeFunction", Hints.ADDS,
                   Param.path("appId", TEXT, "The app ID, as the SDK was created with, e.g. my-app."),
                   Param.path("functionId", TEXT, "The function ID within the app, e.g. ship-order."),
                   Param.field("data", OBJECT, "The function's input data (event.data inside the function).", false),
                   Param.field("idempotencyKey", TEXT, "A key that makes repeated invocations start one run only.", false)),
    RERUNRUN("rerunrun", "Run a function run again from the start, with the same input; answers the new run's ID", "POST",
             "/v1/runs/{runId}/rerun", "rerunRun", Hints.ADDS,
             Param.path("runId", ULID, "The ID of the run to run again."));

    private final String toolName;
    private final String description;
    private final String method;
    private final String path;
    private final String operation;
    private final Hints hints;
    private final List<Param> params;

    GatewayOperation(String toolName, String description, String method, String path, String operation,
                     Hints hints, Param... params) {
        this.toolName = toolName;
        this.description = description;
        this.method = method;
        this.path = path;
        this.operation = operation;
        this.hints = hints;
        this.params = List.of(params);
    }

    /** The MCP tool name, also the REST operation ID and the route suffix, e.g. {@code getrun}. */
    public String toolName() {
        return toolName;
    }

    public String description() {
        return description;
    }

    /** The REST method, e.g. {@code GET}. */
    public String method() {
        return method;
    }

    /** The REST path, e.g. {@code /v1/runs/{runId}}. */
    public String path() {
        return path;
    }

    /** The component operation it calls, as spelled in the URI ({@code inngest:getRun}). */
    public String operation() {
        return operation;
    }

    public Hints hints() {
        return hints;
    }

    public List<Param> params() {
        return params;
    }

    /** Whether the capability declares this operation (the others extend it). */
    public boolean inCapability() {
        return ordinal() <= LISTFUNCTIONS.ordinal();
    }

    /** The Camel endpoint through which every call of this operation goes. */
    String directUri() {
        return "direct:inngest-" + toolName;
    }

    public static Optional<GatewayOperation> byToolName(String name) {
        return Arrays.stream(values()).filter(o -> o.toolName.equals(name)).findFirst();
    }
}
