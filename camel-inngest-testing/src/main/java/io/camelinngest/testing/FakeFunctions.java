package io.camelinngest.testing;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;

import static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder.responseDefinition;

/**
 * The fake's side of served functions, as the Dev Server does it: apps sync with {@code POST /fn/register}; each event
 * that triggers a synced function starts a run that the fake drives by calling the app's serve URL
 * ({@link FakeFunctionRun}); events also resume runs that wait for them and cancel runs with a matching cancel-on. Runs
 * appear in the fake's run store (getRun, listEventRuns) like any other.
 */
public final class FakeFunctions {

    /** A synced function: its app, composite ID, the URL to call, and its configuration as synced. */
    record Served(String appId, String id, String url, JsonNode config) {

        String shortId() {
            return id.startsWith(appId + "-") ? id.substring(appId.length() + 1) : id;
        }

        int maxAttempts() {
            JsonNode attempts = config.path("steps").path("step").path("retries").path("attempts");
            return attempts.isInt() ? attempts.asInt() : 4;
        }
    }

    private final FakeInngest fake;
    private final Map<String, Served> functions = new ConcurrentHashMap<>();
    private final Map<String, Semaphore> limits = new ConcurrentHashMap<>();
    private final List<FakeFunctionRun> active = new CopyOnWriteArrayList<>();
    private final ExecutorService runner = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "fake-inngest-run");
        t.setDaemon(true);
        return t;
    });
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    FakeFunctions(FakeInngest fake) {
        this.fake = fake;
    }

    FakeInngest fake() {
        return fake;
    }

    /** The composite IDs of the synced functions. */
    public Set<String> functionIds() {
        return new TreeSet<>(functions.keySet());
    }

    /** The configuration a function was synced with (its entry of the sync payload), or null. */
    public JsonNode config(String compositeId) {
        Served served = functions.get(compositeId);
        return served == null ? null : served.config();
    }

    /** {@code POST /fn/register}: stores the app's functions; 400 with an error for a payload the server refuses. */
    ResponseDefinition register(Request request) {
        JsonNode body;
        try {
            body = FakeJson.MAPPER.readTree(request.getBodyAsString());
        } catch (Exception e) {
            return answer(400, "{\"error\":\"Invalid request: " + e.getMessage().replace("\"", "'").split("\n")[0] + "\"}");
        }
        String app = body.path("appName").asText("");
        if (app.isEmpty()) {
            return answer(400, "{\"error\":\"App ID required\"}");
        }
        boolean modified = false;
        for (JsonNode fn : body.path("functions")) {
            String id = fn.path("id").asText("");
            String url = fn.path("steps").path("step").path("runtime").path("url").asText("");
            if (id.isEmpty() || url.isEmpty() || !fn.path("triggers").isArray() || fn.path("triggers").isEmpty()) {
                return answer(400,
                        "{\"error\":\"Invalid function config: id, triggers and steps.step.runtime.url are required\"}");
            }
            Served before = functions.put(id, new Served(app, id, url, fn));
            modified |= before == null || !before.config().equals(fn);
            JsonNode concurrency = fn.path("concurrency");
            if (concurrency.isArray() && !concurrency.isEmpty()) {
                limits.put(id, new Semaphore(concurrency.get(0).path("limit").asInt(1)));
            } else {
                limits.remove(id);
            }
        }
        return answer(200, "{\"ok\":true,\"modified\":" + modified + "}");
    }

    /** Called for each stored event: resumes waiting runs, cancels runs, starts runs of the functions it triggers. */
    void onEvent(FakeInngest.StoredEvent event) {
        Map<String, Object> asJson = FakeFunctionRun.eventJson(event);
        for (FakeFunctionRun run : active) {
            run.offer(asJson);
        }
        for (Served served : functions.values()) {
            for (JsonNode trigger : served.config().path("triggers")) {
                if (trigger.path("event").asText().equals(event.name())
                        && Expressions.matches(trigger.path("expression").asText(null), Map.of("event", asJson))) {
                    start(served, asJson, event.internalId());
                }
            }
        }
    }

    FakeFunctionRun start(Served served, Map<String, Object> event, String eventId) {
        FakeFunctionRun run = new FakeFunctionRun(this, served, event, eventId);
        active.add(run);
        runner.execute(() -> {
            try {
                run.drive();
            } finally {
                active.remove(run);
            }
        });
        return run;
    }

    /** How many runs are in a sleep or a wait for an event right now. */
    public long waitingRuns() {
        return active.stream().filter(FakeFunctionRun::parked).count();
    }

    Served served(String compositeId) {
        return functions.get(compositeId);
    }

    Semaphore limit(String compositeId) {
        return limits.get(compositeId);
    }

    List<FakeFunctionRun> active() {
        return new ArrayList<>(active);
    }

    private static ResponseDefinition answer(int status, String body) {
        return responseDefinition().withStatus(status).withHeader("Content-Type", "application/json")
                .withBody(body).build();
    }
}
