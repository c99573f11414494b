package io.camelinngest.testing;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The output of a run whose function threw, as a real server stores it: the JavaScript SDK serializes the error to
 * {@code {"__serialized": true, "message": ..., "name": "Error", "stack": "Error: <message>\n    at ..."}} (recorded in
 * {@code camel-inngest/src/test/resources/recorded/failedRun-*.http}), keys in the order the server writes them. The
 * fake's functions are Java, so the stack lists the exception's Java frames in the JavaScript layout, as many lines as
 * a user's log then shows for a real failure.
 */
final class FunctionError {

    /** The frames kept: a real stack names the user's function and a few frames of the SDK. */
    private static final int MAX_FRAMES = 10;

    private FunctionError() {
    }

    static Map<String, Object> of(Throwable error) {
        String message = String.valueOf(error.getMessage());
        StringBuilder stack = new StringBuilder("Error: ").append(message);
        StackTraceElement[] frames = error.getStackTrace();
        for (int i = 0; i < Math.min(MAX_FRAMES, frames.length); i++) {
            StackTraceElement frame = frames[i];
            stack.append("\n    at ").append(frame.getClassName()).append('.').append(frame.getMethodName())
                    .append(" (").append(frame.getFileName()).append(':').append(frame.getLineNumber()).append(')');
        }
        Map<String, Object> output = new LinkedHashMap<>();
        output.put("__serialized", true);
        output.put("message", message);
        output.put("name", "Error");
        output.put("stack", stack.toString());
        return output;
    }
}
