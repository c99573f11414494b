package io.camelinngest.function;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A call request's body (SDK spec 4.4.1): the triggering event and its batch, the memoized steps by hashed ID, and the
 * run's context.
 */
record CallRequest(Map<String, Object> event, List<Map<String, Object>> events, Map<String, Object> steps,
        String runId, int attempt, int maxAttempts, boolean disableImmediateExecution, boolean useApi,
        List<String> stack) {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    /**
     * Parses a call request body.
     *
     * @throws IllegalArgumentException saying what is missing or malformed (never echoing the body)
     */
    @SuppressWarnings("unchecked")
    static CallRequest parse(ObjectMapper json, String body) {
        Map<String, Object> root;
        try {
            root = body == null || body.isBlank() ? null : json.readValue(body, MAP);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(
                    "the call request body is not a JSON object (at line "
                                               + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr()
                                               + ")");
        }
        if (root == null) {
            throw new IllegalArgumentException("the call request has no body");
        }
        Map<String, Object> event = root.get("event") instanceof Map<?, ?> m ? (Map<String, Object>) m : null;
        if (event == null) {
            throw new IllegalArgumentException("the call request has no 'event' object");
        }
        List<Map<String, Object>> events
                = root.get("events") instanceof List<?> l ? (List<Map<String, Object>>) l : List.of(event);
        Map<String, Object> steps = root.get("steps") instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
        Map<String, Object> ctx = root.get("ctx") instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
        Map<String, Object> stack = ctx.get("stack") instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
        List<String> order = stack.get("stack") instanceof List<?> l ? (List<String>) l : List.of();
        return new CallRequest(
                event, events, steps, (String) ctx.get("run_id"), intOf(ctx.get("attempt"), 0),
                intOf(ctx.get("max_attempts"), 0), Boolean.TRUE.equals(ctx.get("disable_immediate_execution")),
                Boolean.TRUE.equals(ctx.get("use_api")), order);
    }

    private static int intOf(Object value, int otherwise) {
        return value instanceof Number n ? n.intValue() : otherwise;
    }
}
