package io.camelinngest.consumer;

import java.util.HashMap;
import java.util.Map;

import io.camelinngest.InngestConstants;
import io.camelinngest.model.FunctionRun;
import io.camelinngest.model.RunStatus;

/** The headers of a message of {@code runStatus}: the run, its status, the status it had before, and lateness. */
final class RunHeaders {

    private RunHeaders() {
    }

    static Map<String, Object> of(FunctionRun run, RunStatus previous, boolean late) {
        Map<String, Object> headers = new HashMap<>();
        if (late) {
            headers.put(InngestConstants.LATE, true);
        }
        headers.put(InngestConstants.RUN_ID, run.runId());
        if (run.status() != null) {
            headers.put(InngestConstants.RUN_STATUS, run.status().wireName());
        }
        if (previous != null) {
            headers.put(InngestConstants.PREVIOUS_RUN_STATUS, previous.wireName());
        }
        if (run.eventId() != null) {
            headers.put(InngestConstants.EVENT_ID, run.eventId());
        }
        if (run.functionId() != null) {
            headers.put(InngestConstants.FUNCTION_ID, run.functionId());
        }
        return headers;
    }
}
