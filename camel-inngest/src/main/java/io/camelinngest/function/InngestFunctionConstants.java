package io.camelinngest.function;

import org.apache.camel.spi.Metadata;

/** The headers of function routes ({@code inngest-function}) and their steps ({@code inngest-step}). */
public final class InngestFunctionConstants {

    @Metadata(label = "consumer", description = "The event that triggered the run (for a batch: its first event): "
                                                + "name, data, id, ts, as a Map.",
              javaType = "java.util.Map")
    public static final String EVENT = "CamelInngestEvent";
    @Metadata(label = "consumer", description = "All events of the run: one for a plain trigger, the batch for event "
                                                + "batching.",
              javaType = "java.util.List")
    public static final String EVENTS = "CamelInngestEvents";
    @Metadata(label = "consumer", description = "The name of the event that triggered the run.", javaType = "String")
    public static final String EVENT_NAME = "CamelInngestEventName";
    @Metadata(label = "consumer", description = "The run's ID.", javaType = "String")
    public static final String RUN_ID = "CamelInngestRunId";
    @Metadata(label = "consumer", description = "The attempt, 0 for the first; it grows with each retry.",
              javaType = "int")
    public static final String ATTEMPT = "CamelInngestAttempt";
    @Metadata(label = "consumer", description = "The function's ID as synced (the app ID, a dash, the function ID).",
              javaType = "String")
    public static final String FUNCTION_ID = "CamelInngestFunctionId";
    @Metadata(description = "Set to true on a failed exchange: the run fails without retry.", javaType = "boolean")
    public static final String NO_RETRY = "CamelInngestNoRetry";
    @Metadata(label = "producer", description = "After a waitForEvent step: true when it timed out without a "
                                                + "matching event (the body is then null).",
              javaType = "boolean")
    public static final String STEP_TIMED_OUT = "CamelInngestStepTimedOut";

    private InngestFunctionConstants() {
    }
}
