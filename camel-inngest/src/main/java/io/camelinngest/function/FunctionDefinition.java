package io.camelinngest.function;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One function's entry in the sync payload (SDK spec 4.3.2), built from its endpoint's options, which it checks first
 * so that a route with options that cannot work fails at start, naming the option.
 */
public final class FunctionDefinition {

    private FunctionDefinition() {
    }

    /** Checks the options; the message of the exception names the option to fix. */
    public static void check(String functionId, FunctionOptions o) {
        String where = "inngest-function:" + functionId + ": ";
        if (functionId == null || functionId.isBlank()) {
            throw new IllegalArgumentException("inngest-function: the function ID is missing (inngest-function:<id>)");
        }
        if (blank(o.getTrigger()) && blank(o.getCron())) {
            throw new IllegalArgumentException(where + "set trigger (event names) or cron");
        }
        if (o.getRetries() != null && (o.getRetries() < 0 || o.getRetries() > 20)) {
            throw new IllegalArgumentException(where + "retries must be 0 to 20, was " + o.getRetries());
        }
        positive(where, "concurrency", o.getConcurrency());
        pair(where, "throttleLimit", o.getThrottleLimit(), "throttlePeriod", o.getThrottlePeriod());
        pair(where, "rateLimitLimit", o.getRateLimitLimit(), "rateLimitPeriod", o.getRateLimitPeriod());
        pair(where, "batchMaxSize", o.getBatchMaxSize(), "batchTimeout", o.getBatchTimeout());
        if (o.getBatchMaxSize() != null && o.getBatchMaxSize() > 100) {
            throw new IllegalArgumentException(where + "batchMaxSize must be 1 to 100, was " + o.getBatchMaxSize());
        }
        if (blank(o.getCancelOn()) && (!blank(o.getCancelIf()) || !blank(o.getCancelTimeout()))) {
            throw new IllegalArgumentException(where + "cancelIf and cancelTimeout need cancelOn (the cancelling event)");
        }
        if (blank(o.getDebouncePeriod()) && (!blank(o.getDebounceKey()) || !blank(o.getDebounceTimeout()))) {
            throw new IllegalArgumentException(where + "debounceKey and debounceTimeout need debouncePeriod");
        }
    }

    /**
     * The function's sync entry.
     *
     * @param compositeId the app ID, a dash, the function ID
     * @param serveUrl    the app's serve URL, to which the step URL adds {@code fnId} and {@code stepId}
     */
    static Map<String, Object> toSync(String compositeId, String functionId, FunctionOptions o, String serveUrl) {
        Map<String, Object> fn = new LinkedHashMap<>();
        fn.put("id", compositeId);
        fn.put("name", blank(o.getName()) ? functionId : o.getName());
        List<Map<String, Object>> triggers = new ArrayList<>();
        if (!blank(o.getTrigger())) {
            for (String event : o.getTrigger().split(",")) {
                if (!event.isBlank()) {
                    Map<String, Object> t = new LinkedHashMap<>();
                    t.put("event", event.trim());
                    putIf(t, "expression", o.getTriggerIf());
                    triggers.add(t);
                }
            }
        }
        if (!blank(o.getCron())) {
            triggers.add(Map.of("cron", o.getCron()));
        }
        fn.put("triggers", triggers);
        Map<String, Object> step = new LinkedHashMap<>();
        step.put("id", "step");
        step.put("name", "step");
        String separator = serveUrl.contains("?") ? "&" : "?";
        step.put("runtime", Map.of("type", "http", "url", serveUrl + separator + "fnId=" + compositeId + "&stepId=step"));
        if (o.getRetries() != null) {
            step.put("retries", Map.of("attempts", o.getRetries() + 1));
        }
        fn.put("steps", Map.of("step", step));
        if (o.getConcurrency() != null) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("limit", o.getConcurrency());
            putIf(c, "key", o.getConcurrencyKey());
            fn.put("concurrency", List.of(c));
        }
        if (o.getThrottleLimit() != null) {
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("limit", o.getThrottleLimit());
            t.put("period", o.getThrottlePeriod());
            putIf(t, "key", o.getThrottleKey());
            putIf(t, "burst", o.getThrottleBurst());
            fn.put("throttle", t);
        }
        if (o.getRateLimitLimit() != null) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("limit", o.getRateLimitLimit());
            r.put("period", o.getRateLimitPeriod());
            putIf(r, "key", o.getRateLimitKey());
            fn.put("rateLimit", r);
        }
        if (!blank(o.getDebouncePeriod())) {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("period", o.getDebouncePeriod());
            putIf(d, "key", o.getDebounceKey());
            putIf(d, "timeout", o.getDebounceTimeout());
            fn.put("debounce", d);
        }
        if (o.getBatchMaxSize() != null) {
            Map<String, Object> b = new LinkedHashMap<>();
            b.put("maxSize", o.getBatchMaxSize());
            b.put("timeout", o.getBatchTimeout());
            putIf(b, "key", o.getBatchKey());
            fn.put("batchEvents", b);
        }
        if (!blank(o.getPriority())) {
            fn.put("priority", Map.of("run", o.getPriority()));
        }
        putIf(fn, "idempotency", o.getIdempotency());
        if (!blank(o.getCancelOn())) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("event", o.getCancelOn());
            putIf(c, "if", o.getCancelIf());
            putIf(c, "timeout", o.getCancelTimeout());
            fn.put("cancel", List.of(c));
        }
        if (!blank(o.getTimeoutStart()) || !blank(o.getTimeoutFinish())) {
            Map<String, Object> t = new LinkedHashMap<>();
            putIf(t, "start", o.getTimeoutStart());
            putIf(t, "finish", o.getTimeoutFinish());
            fn.put("timeouts", t);
        }
        return fn;
    }

    private static void positive(String where, String option, Integer value) {
        if (value != null && value < 1) {
            throw new IllegalArgumentException(where + option + " must be 1 or more, was " + value);
        }
    }

    private static void pair(String where, String numberOption, Integer number, String periodOption, String period) {
        positive(where, numberOption, number);
        if ((number == null) != blank(period)) {
            throw new IllegalArgumentException(
                    where + numberOption + " and " + periodOption + " go together: set both or neither");
        }
    }

    private static void putIf(Map<String, Object> map, String key, Object value) {
        if (value != null && !(value instanceof String s && s.isBlank())) {
            map.put(key, value);
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
