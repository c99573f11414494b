package io.camelinngest;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * What an {@code inngest:} endpoint does, spelled as in the URI ({@code inngest:getRun}).
 */
public enum InngestOperation {

    sendEvents,
    listEvents,
    getEvent,
    listEventRuns,
    getRun,
    listRunJobs,
    cancelRun,
    listFunctions,
    sendSignal,
    createCancellation,
    listCancellations,
    deleteCancellation,
    /** Starts a run of a function directly, without an event (v2). */
    invokeFunction,
    /** Runs a run's function again with the same input, as a new run (v2). */
    rerunRun,
    /** Consumer: new events, oldest first. */
    newEvents,
    /** Consumer: status changes of runs. As a producer: hands runs over to this endpoint's consumer. */
    runStatus;

    /**
     * The operation named in a URI, matched exactly.
     *
     * @throws IllegalArgumentException listing the valid operations when the name is not one
     */
    public static InngestOperation fromUri(String name) {
        for (InngestOperation operation : values()) {
            if (operation.name().equals(name)) {
                return operation;
            }
        }
        throw new IllegalArgumentException(
                "Unknown Inngest operation '" + name + "' in inngest:" + name
                                           + ". Valid operations: " + names());
    }

    static String names() {
        return Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", "));
    }
}
