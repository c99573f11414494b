package io.camelinngest;

import org.apache.camel.spi.Metadata;

/**
 * The message headers of the Inngest component. A header given on a message wins over the endpoint option of the same
 * meaning.
 */
public final class InngestConstants {

    @Metadata(description = "The internal ID (a ULID) of an event: for getEvent and listEventRuns (overrides option"
                            + " eventId). Set by the consumers: the event delivered, or the event that started the run.",
              javaType = "String")
    public static final String EVENT_ID = "CamelInngestEventId";

    @Metadata(label = "producer", description = "The internal IDs of the events sent, in the order given (set by sendEvents).",
              javaType = "java.util.List<String>")
    public static final String EVENT_IDS = "CamelInngestEventIds";

    @Metadata(description = "The ID (a ULID) of a run: for getRun, listRunJobs, cancelRun and rerunRun (overrides option"
                            + " runId); for to(\"inngest:runStatus\"), the run(s) to hand over to the consumer (a String or"
                            + " a collection). Set by sendSignal to the run it resumed, by invokeFunction and rerunRun to the"
                            + " run they started, and by runStatus to the run that changed.",
              javaType = "String")
    public static final String RUN_ID = "CamelInngestRunId";

    @Metadata(label = "producer", description = "The app ID (as the SDK was created with, e.g. my-app): for listFunctions,"
                                                + " invokeFunction and createCancellation. Overrides option appId.",
              javaType = "String")
    public static final String APP_ID = "CamelInngestAppId";

    @Metadata(description = "The function ID within its app (e.g. ship-order): for invokeFunction and createCancellation"
                            + " (overrides option functionId). Set by"
                            + " runStatus: the function of the run (its internal UUID with source=v1, its ID in the app"
                            + " with source=v2).",
              javaType = "String")
    public static final String FUNCTION_ID = "CamelInngestFunctionId";

    @Metadata(label = "producer", description = "invokeFunction: the idempotency key; Inngest starts at most one run per"
                                                + " key. Overrides option idempotencyKey.",
              javaType = "String")
    public static final String IDEMPOTENCY_KEY = "CamelInngestIdempotencyKey";

    @Metadata(label = "producer", description = "The signal name: for sendSignal. Overrides option signal.",
              javaType = "String")
    public static final String SIGNAL = "CamelInngestSignal";

    @Metadata(label = "producer", description = "The ID (a ULID) of a bulk cancellation: for deleteCancellation. Overrides"
                                                + " option cancellationId.",
              javaType = "String")
    public static final String CANCELLATION_ID = "CamelInngestCancellationId";

    @Metadata(description = "listEvents: only events with exactly this name (overrides option eventName). Set by newEvents:"
                            + " the name of the event delivered.",
              javaType = "String")
    public static final String EVENT_NAME = "CamelInngestEventName";

    @Metadata(label = "producer", description = "listEvents: only events received at or after this time (an ISO-8601"
                                                + " instant, Instant, OffsetDateTime, ZonedDateTime or Date). Overrides"
                                                + " option receivedAfter. Default: one hour before receivedBefore or now.",
              javaType = "java.time.Instant")
    public static final String RECEIVED_AFTER = "CamelInngestReceivedAfter";

    @Metadata(label = "producer",
              description = "listEvents: only events received before this time (not at it). Overrides option"
                            + " receivedBefore.",
              javaType = "java.time.Instant")
    public static final String RECEIVED_BEFORE = "CamelInngestReceivedBefore";

    @Metadata(label = "producer", description = "listEvents: on the way in, the page to read (the internal ID of the last"
                                                + " event of the previous page; overrides option cursor); on the way out,"
                                                + " the cursor of the next page, absent on the last page.",
              javaType = "String")
    public static final String CURSOR = "CamelInngestCursor";

    @Metadata(label = "producer", description = "listEvents: the page size, 1 to 51. Overrides option limit.",
              javaType = "Integer")
    public static final String LIMIT = "CamelInngestLimit";

    @Metadata(label = "consumer", description = "newEvents: when the server stored the event.",
              javaType = "java.time.OffsetDateTime")
    public static final String RECEIVED_AT = "CamelInngestReceivedAt";

    @Metadata(label = "consumer", description = "newEvents, and runStatus with source=v2: true on an item delivered after"
                                                + " one that came after it (an event sent after it, a run queued or"
                                                + " ended after it): it showed up in the listing later than"
                                                + " settleWindow; absent otherwise.",
              javaType = "Boolean")
    public static final String LATE = "CamelInngestLate";

    @Metadata(label = "consumer", description = "runStatus: the run's status now, e.g. Running, Completed, Failed.",
              javaType = "String")
    public static final String RUN_STATUS = "CamelInngestRunStatus";

    @Metadata(label = "consumer", description = "runStatus: the status the run had before this change; absent the first"
                                                + " time the run is seen.",
              javaType = "String")
    public static final String PREVIOUS_RUN_STATUS = "CamelInngestPreviousRunStatus";

    private InngestConstants() {
    }
}
