package io.camelinngest.consumer;

import java.util.function.Consumer;

import io.camelinngest.InngestConstants;
import io.camelinngest.model.FunctionRun;
import io.camelinngest.model.RunStatus;
import org.apache.camel.Message;

/** The headers of a message of {@code runStatus}: the run, its status, the status it had before, and lateness. */
final class RunHeaders {

    private RunHeaders() {
    }

    /** Sets the headers on the message of a delivery. */
    static Consumer<Message> of(FunctionRun run, RunStatus previous, boolean late) {
        return message -> {
            if (late) {
                message.setHeader(InngestConstants.LATE, true);
            }
            message.setHeader(InngestConstants.RUN_ID, run.runId());
            if (run.status() != null) {
                message.setHeader(InngestConstants.RUN_STATUS, run.status().wireName());
            }
            if (previous != null) {
                message.setHeader(InngestConstants.PREVIOUS_RUN_STATUS, previous.wireName());
            }
            if (run.eventId() != null) {
                message.setHeader(InngestConstants.EVENT_ID, run.eventId());
            }
            if (run.functionId() != null) {
                message.setHeader(InngestConstants.FUNCTION_ID, run.functionId());
            }
        };
    }
}
