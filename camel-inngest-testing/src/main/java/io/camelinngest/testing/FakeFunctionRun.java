package io.camelinngest.testing;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One run of a served function, driven as the Dev Server drives it (SDK spec 4.4, 5; requests shaped like those
 * recorded from Dev Server v1.43.0): call the serve URL with the event and the memoized steps; on 206 memoize or carry
 * out the reported step (StepRun, StepError with retries, StepFailed, StepPlanned, Sleep, WaitForEvent, InvokeFunction)
 * and call again; on 200 complete with the body; on an error retry until the attempts are used, unless
 * {@code X-Inngest-No-Retry: true}. Retries come at once, not after the server's back-off.
 */
final class FakeFunctionRun {

    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);

    private final FakeFunctions functions;
    private final FakeFunctions.Served served;
    private final Map<String, Object> event;
    private final String runId;
    private final Map<String, Object> steps = new LinkedHashMap<>();
    private final List<String> stack = new ArrayList<>();
    private final CompletableFuture<Void> cancelled = new CompletableFuture<>();
    private volatile Wait waiting;
    private volatile boolean parked;
    private int version = -1;
    private volatile Object output;
    private volatile boolean failed;

    private record Wait(String event, String condition, CompletableFuture<Map<String, Object>> arrived) {
    }

    FakeFunctionRun(FakeFunctions functions, FakeFunctions.Served served, Map<String, Object> event, String eventId) {
        this.functions = functions;
        this.served = served;
        this.event = event;
        Instant now = functions.fake().now();
        this.runId = Ulids.at(now);
        functions.fake().putRun(new FakeInngest.StoredRun(
                runId, eventId, served.shortId(), served.appId(), "Running", now,
                null, null));
    }

    static Map<String, Object> eventJson(FakeInngest.StoredEvent e) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("data", e.data());
        json.put("id", e.internalId());
        json.put("name", e.name());
        json.put("ts", e.receivedAt().toEpochMilli());
        json.put("user", Map.of());
        return json;
    }

    String runId() {
        return runId;
    }

    /** An event arrived: resumes this run if it waits for it, cancels it if its cancel-on matches. */
    void offer(Map<String, Object> arrived) {
        Map<String, Object> variables = Map.of("event", event, "async", arrived);
        for (JsonNode cancel : served.config().path("cancel")) {
            if (cancel.path("event").asText().equals(arrived.get("name"))
                    && Expressions.matches(cancel.path("if").asText(null), variables)) {
                cancelled.complete(null);
            }
        }
        Wait w = waiting;
        if (w != null && w.event().equals(arrived.get("name")) && Expressions.matches(w.condition(), variables)) {
            w.arrived().complete(arrived);
        }
    }

    void drive() {
        int attempt = 0;
        String stepId = "step";
        try {
            while (true) {
                if (isCancelled()) {
                    return;
                }
                HttpResponse<String> response = call(stepId, attempt);
                JsonNode body = parse(response.body());
                if (response.statusCode() == 200) {
                    end("Completed", FakeJson.MAPPER.convertValue(body, Object.class));
                    return;
                }
                if (response.statusCode() == 206 && body.isArray() && !body.isEmpty()) {
                    JsonNode op = body.get(0);
                    String id = op.path("id").asText();
                    stepId = "step";
                    switch (op.path("op").asText()) {
                        case "StepRun" -> memoize(id, entry("data", value(op.get("data"))));
                        case "StepPlanned" -> stepId = id;
                        case "StepError" -> {
                            if (attempt + 1 < served.maxAttempts()) {
                                attempt++;
                                continue;
                            }
                            memoize(id, entry("error", value(op.get("error"))));
                        }
                        case "StepFailed" -> memoize(id, entry("error", value(op.get("error"))));
                        case "Sleep" -> {
                            Duration d = TimeStrings.until(op.path("opts").path("duration").asText(), functions.fake().now());
                            if (waitOrCancel(d)) {
                                return;
                            }
                            memoize(id, null);
                        }
                        case "WaitForEvent" -> {
                            Map<String, Object> got = awaitEvent(op.path("opts"));
                            if (isCancelled()) {
                                return;
                            }
                            memoize(id, got);
                        }
                        case "InvokeFunction" -> memoize(id, invoke(op.path("opts")));
                        default -> {
                            end("Failed",
                                    Map.of("name", "Error", "message", "the fake does not know op " + op.path("op").asText()));
                            return;
                        }
                    }
                    attempt = 0;
                    continue;
                }
                boolean noRetry = response.headers().firstValue("X-Inngest-No-Retry").map("true"::equals).orElse(false)
                        || response.statusCode() == 400;
                if (!noRetry && attempt + 1 < served.maxAttempts()) {
                    attempt++;
                    continue;
                }
                end("Failed", FakeJson.MAPPER.convertValue(body, Object.class));
                return;
            }
        } catch (Exception e) {
            end("Failed", Map.of("name", e.getClass().getSimpleName(), "message", String.valueOf(e.getMessage())));
        }
    }

    /** Whether the run is in a sleep or a wait for an event. */
    boolean parked() {
        return parked;
    }

    /** The run's final output, once ended (for invoke). */
    Object output() {
        return output;
    }

    boolean failed() {
        return failed;
    }

    private HttpResponse<String> call(String stepId, int attempt) throws Exception {
        String requestId = Ulids.at(functions.fake().now());
        Map<String, Object> ctx = new LinkedHashMap<>();
        ctx.put("attempt", attempt);
        ctx.put("disable_immediate_execution", false);
        ctx.put("env", "");
        ctx.put("fn_id", UUID.nameUUIDFromBytes(served.id().getBytes(StandardCharsets.UTF_8)).toString());
        ctx.put("generation_id", 1);
        ctx.put("job_id", Long.toString(Math.abs(requestId.hashCode()), 36));
        ctx.put("max_attempts", served.maxAttempts());
        ctx.put("qi_id",
                Base64.getEncoder().encodeToString((ctx.get("job_id") + "::default").getBytes(StandardCharsets.UTF_8)));
        ctx.put("request_id", requestId);
        ctx.put("run_id", runId);
        ctx.put("stack", Map.of("current", stack.size(), "stack", List.copyOf(stack)));
        ctx.put("step_id", stepId);
        ctx.put("use_api", false);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ctx", ctx);
        body.put("defers", Map.of());
        body.put("event", event);
        body.put("events", List.of(event));
        body.put("steps", steps);
        body.put("use_api", false);
        // -1 until the app has answered with X-Inngest-Req-Version, as the Dev Server sends it
        body.put("version", version);
        String separator = served.url().contains("?") ? "&" : "?";
        String url = served.url().replaceAll("([?&])stepId=[^&]*", "$1stepId=" + stepId);
        if (!url.contains("stepId=")) {
            url = url + separator + "stepId=" + stepId;
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(CALL_TIMEOUT)
                .header("Content-Type", "application/json").header("User-Agent", "Inngest")
                .header("X-Inngest-Server-Kind", "dev").header("X-Inngest-Req-Version", Integer.toString(version))
                .header("X-Run-Id", runId).header("X-Inngest-Step-Id", stepId).header("X-Request-Id", requestId)
                .POST(HttpRequest.BodyPublishers.ofString(FakeJson.MAPPER.writeValueAsString(body))).build();
        Semaphore limit = functions.limit(served.id());
        if (limit != null) {
            limit.acquire();
        }
        try {
            HttpResponse<String> response = functions.http.send(request, HttpResponse.BodyHandlers.ofString());
            response.headers().firstValue("X-Inngest-Req-Version").map(Integer::valueOf).ifPresent(v -> version = v);
            return response;
        } finally {
            if (limit != null) {
                limit.release();
            }
        }
    }

    private void memoize(String id, Object value) {
        steps.put(id, value);
        stack.add(id);
    }

    private Map<String, Object> awaitEvent(JsonNode opts) throws Exception {
        Wait w = new Wait(opts.path("event").asText(), opts.path("if").asText(null), new CompletableFuture<>());
        waiting = w;
        parked = true;
        try {
            Duration timeout = TimeStrings.parse(opts.path("timeout").asText("1h"));
            CompletableFuture.anyOf(w.arrived(), cancelled).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return w.arrived().getNow(null);
        } catch (TimeoutException e) {
            return null;
        } finally {
            waiting = null;
            parked = false;
        }
    }

    private Object invoke(JsonNode opts) throws Exception {
        FakeFunctions.Served target = functions.served(opts.path("function_id").asText());
        if (target == null) {
            return Map.of("error",
                    Map.of("name", "Error", "message", "function not found: " + opts.path("function_id").asText()));
        }
        Map<String, Object> invocation = new LinkedHashMap<>();
        invocation.put("data", FakeJson.MAPPER.convertValue(opts.path("payload").path("data"), Map.class));
        invocation.put("id", Ulids.at(functions.fake().now()));
        invocation.put("name", "inngest/function.invoked");
        invocation.put("ts", functions.fake().now().toEpochMilli());
        FakeFunctionRun child = new FakeFunctionRun(functions, target, invocation, null);
        child.drive();
        return entry(child.failed() ? "error" : "data", child.output());
    }

    /** Waits; true when the run was cancelled meanwhile. */
    private boolean waitOrCancel(Duration d) throws Exception {
        parked = true;
        try {
            cancelled.get(Math.max(1, d.toMillis()), TimeUnit.MILLISECONDS);
            return isCancelled();
        } catch (TimeoutException e) {
            return isCancelled();
        } finally {
            parked = false;
        }
    }

    private boolean isCancelled() {
        FakeInngest.StoredRun stored = functions.fake().run(runId);
        if (stored != null && "Cancelled".equals(stored.status())) {
            return true;
        }
        if (cancelled.isDone()) {
            functions.fake().setStatus(runId, "Cancelled", null);
            return true;
        }
        return false;
    }

    private void end(String status, Object result) {
        output = result;
        failed = !"Completed".equals(status);
        functions.fake().setStatus(runId, status, result);
    }

    private static JsonNode parse(String body) {
        try {
            return body == null || body.isBlank() ? FakeJson.MAPPER.nullNode() : FakeJson.MAPPER.readTree(body);
        } catch (Exception e) {
            return FakeJson.MAPPER.getNodeFactory().textNode(body);
        }
    }

    private static Map<String, Object> entry(String key, Object value) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put(key, value);
        return entry;
    }

    private static Object value(JsonNode node) {
        return node == null ? null : FakeJson.MAPPER.convertValue(node, Object.class);
    }
}
