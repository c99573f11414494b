package io.camelinngest.contract;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camelinngest.client.EventIdSeed;
import io.camelinngest.client.HttpSettings;
import io.camelinngest.client.HttpTransport;
import io.camelinngest.client.InngestClient;
import io.camelinngest.client.InngestClientConfig;
import io.camelinngest.testing.FakeInngest;
import io.camelinngest.testing.FakeInngest.StoredEvent;
import io.camelinngest.testing.FakeInngest.StoredRun;
import io.camelinngest.testing.FakeInngestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the fake does over time and across calls, as the real server does: v1 reads cached per URL (a clock the test
 * moves makes the windows exact), outputs only in v2, one run per event ID seed, invoke and rerun, cancelling and
 * signals.
 */
class FakeInngestBehaviourTest {

    private static final FakeInngestServer SERVER = FakeInngestServer.start();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final MovableClock clock = new MovableClock(Instant.now());
    private final FakeInngest fake = SERVER.fake();
    private HttpTransport transport;
    private InngestClient client;

    /** A clock that stands still until the test moves it. */
    static final class MovableClock extends Clock {
        private volatile Instant now;

        MovableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    @BeforeEach
    void reset() {
        fake.clear();
        fake.setClock(clock);
        fake.cacheV1Reads(true);
        fake.onEvent("shop/order.paid", "test-app", "ship-order", Duration.ofMillis(100),
                data -> Map.of("shipped", true, "tracking", "TRK-" + data.get("order")));
        transport = HttpTransport.create(HttpSettings.defaults());
        client = new InngestClient(InngestClientConfig.builder().dev(SERVER.url()).build(), transport);
    }

    @AfterEach
    void close() {
        transport.close();
        fake.setClock(Clock.systemUTC());
    }

    @AfterAll
    static void stop() {
        SERVER.close();
    }

    private static HttpResponse<String> call(String method, String target, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(SERVER.url() + target))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode get(String target) throws Exception {
        return JSON.readTree(call("GET", target, null).body());
    }

    private String send(String order) {
        return client.sendEvents(Map.of("name", "shop/order.paid", "data", Map.of("order", order))).ids().get(0);
    }

    // -------------------------------------------------------------------------------------------------------------
    // the v1 cache

    /**
     * The bounds of the events listing, as the Dev Server (v1.43.0) compares them, probed with curl on an event
     * received at 06:21:24.013516411Z: {@code received_after} at exactly that instant includes it, one nanosecond later
     * does not; {@code received_before} at exactly that instant leaves it out, one nanosecond later includes it.
     */
    @Test
    void receivedAfterIncludesItsInstantAndReceivedBeforeLeavesItOut() throws Exception {
        Instant at = Instant.parse("2026-12-01T23:59:58.013516411Z");
        StoredEvent event = fake.addEvent("acc/bounds", at, Map.of());
        String listed = "/v1/events?name=acc/bounds&received_after=%s&received_before=%s";

        assertThat(get(String.format(listed, at, at.plusNanos(1))).get("data")).extracting(e -> e.get("internal_id").asText())
                .containsExactly(event.internalId());
        assertThat(get(String.format(listed, at.plusNanos(1), at.plusSeconds(1))).get("data")).isEmpty();
        assertThat(get(String.format(listed, at.minusSeconds(1), at)).get("data")).isEmpty();
        assertThat(get("/v1/events?received_before=yesterday").get("error").asText())
                .isEqualTo("Invalid received_after query parameter"); // sic, as the server answers
    }

    @Test
    void anEarlyEmptyRunListStaysEmptyFor15SecondsThenShowsTheRun() throws Exception {
        StoredEvent event = fake.addEvent("acc/other", clock.instant(), Map.of());
        String target = "/v1/events/" + event.internalId() + "/runs";
        HttpResponse<String> first = call("GET", target, null);
        assertThat(JSON.readTree(first.body()).get("data")).isEmpty();
        assertThat(first.headers().firstValue("Cache-Control")).hasValue("private, max-age=15");
        fake.putRun(new StoredRun(
                "01M8T01D08W9PB4VKVN3ZRQNA0", event.internalId(), "ship-order", "test-app", "Running",
                clock.instant(), null, null));

        clock.advance(Duration.ofMillis(14_999));
        HttpResponse<String> hit = call("GET", target, null);
        assertThat(hit.body()).isEqualTo(first.body()); // the very bytes, old fetched_at included
        assertThat(hit.headers().firstValue("Cache-Control")).isEmpty();
        assertThat(hit.headers().firstValue("Content-Type")).hasValue("text/plain; charset=utf-8");

        clock.advance(Duration.ofMillis(1));
        assertThat(get(target).get("data")).hasSize(1);
        // another URL is another cache entry: a query parameter the server ignores bypasses the cache
        assertThat(get("/v1/events/" + event.internalId() + "/runs?_=1").get("data")).hasSize(1);
    }

    @Test
    void aRunReadIsCachedFor3SecondsAndErrorsAreNotCached() throws Exception {
        String runId = "01M8T01PHZE5CAQXQK9GRKSM5G";
        assertThat(get("/v1/runs/" + runId).get("status").asInt()).isEqualTo(500); // not there yet: not cached
        fake.putRun(new StoredRun(runId, null, "slow-job", "test-app", "Running", clock.instant(), null, null));
        assertThat(get("/v1/runs/" + runId).at("/data/status").asText()).isEqualTo("Running");
        fake.setStatus(runId, "Completed", Map.of("ok", true));

        clock.advance(Duration.ofMillis(2_999));
        assertThat(get("/v1/runs/" + runId).at("/data/status").asText()).isEqualTo("Running");
        clock.advance(Duration.ofMillis(1));
        assertThat(get("/v1/runs/" + runId).at("/data/status").asText()).isEqualTo("Completed");
    }

    /**
     * As recorded from the Dev Server: the jobs of an unknown run are getRun's error (status 500 in a 200), not cached.
     */
    @Test
    void theJobsOfAnUnknownRunAreTheRunsErrorAndAreNotCached() throws Exception {
        String runId = "01M8T01PHZE5CAQXQK9GRKSM6H";
        JsonNode unknown = get("/v1/runs/" + runId + "/jobs");
        assertThat(unknown.get("status").asInt()).isEqualTo(500);
        assertThat(unknown.get("error").asText()).isEqualTo("Unable to load function run: " + runId);
        assertThat(unknown.get("data").isNull()).isTrue();

        fake.putRun(new StoredRun(runId, null, "slow-job", "test-app", "Running", clock.instant(), null, null));
        assertThat(get("/v1/runs/" + runId + "/jobs").get("data").isArray()).isTrue();
    }

    @Test
    void withTheCacheOffEveryV1ReadIsFresh() throws Exception {
        fake.cacheV1Reads(false);
        StoredEvent event = fake.addEvent("acc/other", clock.instant(), Map.of());
        assertThat(get("/v1/events/" + event.internalId() + "/runs").get("data")).isEmpty();
        fake.putRun(new StoredRun(
                "01M8T01D08W9PB4VKVN3ZRQNA0", event.internalId(), "ship-order", "test-app", "Running",
                clock.instant(), null, null));
        HttpResponse<String> fresh = call("GET", "/v1/events/" + event.internalId() + "/runs", null);
        assertThat(JSON.readTree(fresh.body()).get("data")).hasSize(1);
        assertThat(fresh.headers().firstValue("Cache-Control")).isEmpty();
    }

    // -------------------------------------------------------------------------------------------------------------
    // outputs

    @Test
    void aCompletedRunHasItsOutputOnlyInV2() throws Exception {
        String eventId = send("42");
        String runId = fake.runsOf(eventId).get(0).runId();
        clock.advance(Duration.ofMillis(100));

        JsonNode v1 = get("/v1/runs/" + runId).get("data");
        assertThat(v1.get("status").asText()).isEqualTo("Completed");
        // v1 names the function by the internal UUID the v1 functions listing gives it
        assertThat(v1.get("function_id").asText())
                .isEqualTo(get("/v1/apps/test-app/functions").at("/0/internal_id").asText())
                .matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        assertThat(v1.get("output").asText()).isEmpty();
        assertThat(get("/v1/events/" + eventId + "/runs").at("/data/0/output").asText()).isEmpty();

        JsonNode v2 = get("/v2/runs/" + runId + "?includeOutput=true").get("data");
        assertThat(v2.get("status").asText()).isEqualTo("COMPLETED");
        assertThat(v2.get("durationMs").isTextual()).isTrue();
        assertThat(v2.get("output")).isEqualTo(JSON.readTree("{\"shipped\":true,\"tracking\":\"TRK-42\"}"));
        assertThat(get("/v2/runs/" + runId).get("data").has("output")).isFalse();
        assertThat(get("/v2/events/" + eventId + "/runs").at("/data/0/id").asText()).isEqualTo(runId);
    }

    // -------------------------------------------------------------------------------------------------------------
    // event ID seeds

    @Test
    void twoSendsWithOneSeedGetOneEventIdAndStartOneRun() {
        EventIdSeed seed = EventIdSeed.random();
        String first = client.sendEvents(Map.of("name", "shop/order.paid", "data", Map.of("order", "1")), seed).ids().get(0);
        String second = client.sendEvents(Map.of("name", "shop/order.paid", "data", Map.of("order", "2")), seed).ids().get(0);
        String other = client.sendEvents(Map.of("name", "shop/order.paid", "data", Map.of("order", "3"))).ids().get(0);

        assertThat(second).isEqualTo(first);
        assertThat(other).isNotEqualTo(first);
        assertThat(fake.runsOf(first)).hasSize(1);
        assertThat(fake.runsOf(other)).hasSize(1);
        // both events are stored under the one ID
        assertThat(fake.events()).filteredOn(e -> e.internalId().equals(first)).hasSize(2);
    }

    // -------------------------------------------------------------------------------------------------------------
    // invoke and rerun

    @Test
    void invokeStartsARunWithTheDataAndAReusedIdempotencyKeyAnswersTheSameRunThen409() throws Exception {
        String body = "{\"data\":{\"order\":\"77\"},\"idempotencyKey\":\"order-77\"}";
        HttpResponse<String> invoked = call("POST", "/v2/apps/test-app/functions/ship-order/invoke", body);
        assertThat(invoked.statusCode()).isEqualTo(200);
        String runId = JSON.readTree(invoked.body()).at("/data/runId").asText();
        HttpResponse<String> again = call("POST", "/v2/apps/test-app/functions/ship-order/invoke", body);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(again.body()).at("/data/runId").asText()).isEqualTo(runId);

        clock.advance(Duration.ofMillis(100));
        JsonNode run = get("/v2/runs/" + runId + "?includeOutput=true").get("data");
        assertThat(run.get("status").asText()).isEqualTo("COMPLETED");
        assertThat(run.at("/output/tracking").asText()).isEqualTo("TRK-77");
        assertThat(run.at("/function/id").asText()).isEqualTo("ship-order");
        assertThat(get("/v2/runs?limit=10").get("data")).hasSize(1);

        clock.advance(Duration.ofMillis(200));
        HttpResponse<String> later = call("POST", "/v2/apps/test-app/functions/ship-order/invoke", body);
        assertThat(later.statusCode()).as("a key reused later is a conflict naming the run it started").isEqualTo(409);
        assertThat(JSON.readTree(later.body()).at("/data/runId").asText()).isEqualTo(runId);
        assertThat(get("/v2/runs?limit=10").get("data")).hasSize(1);

        HttpResponse<String> unknown = call("POST", "/v2/apps/test-app/functions/no-such-fn/invoke", "{\"data\":{}}");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).isEqualTo("{\"errors\":[{\"code\":\"not_found\",\"message\":\"Function not found\"}]}");
    }

    @Test
    void rerunStartsANewRunOfTheFunctionWithTheSameInput() throws Exception {
        String eventId = send("5");
        String runId = fake.runsOf(eventId).get(0).runId();
        clock.advance(Duration.ofMillis(100));

        HttpResponse<String> rerun = call("POST", "/v2/runs/" + runId + "/rerun", null);
        assertThat(rerun.statusCode()).isEqualTo(200);
        String newRun = JSON.readTree(rerun.body()).at("/data/runId").asText();
        assertThat(newRun).isNotEqualTo(runId);
        clock.advance(Duration.ofMillis(100));
        JsonNode run = get("/v2/runs/" + newRun + "?includeOutput=true").get("data");
        assertThat(run.get("status").asText()).isEqualTo("COMPLETED");
        assertThat(run.at("/output/tracking").asText()).isEqualTo("TRK-5");
        assertThat(run.at("/trigger/eventIds/0").asText()).isEqualTo(eventId);
        // the event lists both runs, newest first in v2
        JsonNode eventRuns = get("/v2/events/" + eventId + "/runs").get("data");
        assertThat(eventRuns).extracting(r -> r.get("id").asText()).containsExactly(newRun, runId);

        assertThat(call("POST", "/v2/runs/01ZZZZZZZZZZZZZZZZZZZZZZZZ/rerun", null).statusCode()).isEqualTo(404);
    }

    @Test
    void anEventsRunsComeInPagesOf20Or40AtMostFollowedByTheCursorAndALimitOver40IsRefused() throws Exception {
        String eventId = send("6");
        String runId = fake.runsOf(eventId).get(0).runId();
        for (int i = 0; i < 44; i++) {
            clock.advance(Duration.ofMillis(10));
            assertThat(call("POST", "/v2/runs/" + runId + "/rerun", null).statusCode()).isEqualTo(200);
        }

        JsonNode first = get("/v2/events/" + eventId + "/runs");
        assertThat(first.get("data")).hasSize(20);
        assertThat(first.at("/page/hasMore").asBoolean()).isTrue();
        assertThat(first.at("/page/limit").asInt()).isEqualTo(20);

        List<String> listed = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode page = get("/v2/events/" + eventId + "/runs?limit=40"
                                + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8)));
            assertThat(page.at("/page/limit").asInt()).isEqualTo(40);
            page.get("data").forEach(run -> listed.add(run.get("id").asText()));
            cursor = page.at("/page/hasMore").asBoolean() ? page.at("/page/cursor").asText() : null;
            pages++;
        } while (cursor != null);
        assertThat(pages).isEqualTo(2);
        assertThat(listed).hasSize(45).doesNotHaveDuplicates().endsWith(runId);

        HttpResponse<String> tooMany = call("GET", "/v2/events/" + eventId + "/runs?limit=41", null);
        assertThat(tooMany.statusCode()).isEqualTo(400);
        assertThat(tooMany.body())
                .isEqualTo("{\"errors\":[{\"code\":\"invalid_field_format\",\"message\":\"Limit cannot exceed 40\"}]}");
        assertThat(get("/v2/events/" + eventId + "/runs?limit=0").at("/page/limit").asInt()).isEqualTo(20);
    }

    @Test
    void pathsTheServerLacksAnswerAsTheDevServerDoes() throws Exception {
        // checked against a Dev Server v1.43.0: v1 and v2 say 404 each in their own way; the UI's path says 200, empty
        HttpResponse<String> v1 = call("GET", "/v1/nonexistent-path", null);
        HttpResponse<String> v2 = call("GET", "/v2/nonexistent-path", null);
        HttpResponse<String> top = call("GET", "/nonexistent-path", null);
        assertThat(v1.statusCode()).isEqualTo(404);
        assertThat(v1.body()).isEqualTo("404 page not found\n");
        assertThat(v2.statusCode()).isEqualTo(404);
        assertThat(v2.body()).isEqualTo("{\"errors\":[{\"code\":\"api_error\",\"message\":\"Not Found\"}]}");
        assertThat(top.statusCode()).isEqualTo(200);
        assertThat(top.body()).isEmpty();
        assertThat(top.headers().firstValue("Content-Type")).isEmpty();
    }

    // -------------------------------------------------------------------------------------------------------------
    // cancel and signals

    @Test
    void cancellingARunningRunEndsItAndCancellingAnEndedOneChangesNothing() throws Exception {
        fake.cacheV1Reads(false);
        fake.putRun(new StoredRun(
                "01M8T01PHZE5CAQXQK9GRKSM5G", null, "slow-job", "test-app", "Running", clock.instant(),
                null, null));
        fake.putRun(new StoredRun(
                "01M8T01D08W9PB4VKVN3ZRQNA0", null, "ship-order", "test-app", "Completed",
                clock.instant(), clock.instant(), Map.of("shipped", true)));

        HttpResponse<String> cancelled = call("DELETE", "/v1/runs/01M8T01PHZE5CAQXQK9GRKSM5G", null);
        HttpResponse<String> ended = call("DELETE", "/v1/runs/01M8T01D08W9PB4VKVN3ZRQNA0", null);

        assertThat(List.of(cancelled.statusCode(), ended.statusCode())).containsOnly(200);
        assertThat(cancelled.body()).isEmpty();
        JsonNode sleeping = get("/v1/runs/01M8T01PHZE5CAQXQK9GRKSM5G").get("data");
        assertThat(sleeping.get("status").asText()).isEqualTo("Cancelled");
        assertThat(sleeping.get("output")).isEqualTo(JSON.createObjectNode());
        assertThat(get("/v1/runs/01M8T01D08W9PB4VKVN3ZRQNA0").at("/data/status").asText()).isEqualTo("Completed");
    }

    @Test
    void aSignalResumesTheRunWaitingForItOnce() throws Exception {
        String runId = "01M8T01YWF4FPGVRNZHGQ5A4KV";
        fake.putRun(new StoredRun(runId, null, "await-approval", "test-app", "Running", clock.instant(), null, null));
        fake.waitForSignal(runId, "approve-k7", data -> Map.of("approved", true, "by", data.get("by")));

        HttpResponse<String> resumed = call("POST", "/v1/signals", "{\"signal\":\"approve-k7\",\"data\":{\"by\":\"ops\"}}");
        HttpResponse<String> again = call("POST", "/v1/signals", "{\"signal\":\"approve-k7\",\"data\":{\"by\":\"ops\"}}");

        assertThat(resumed.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(resumed.body()).at("/data/run_id").asText()).isEqualTo(runId);
        assertThat(fake.run(runId).status()).isEqualTo("Completed");
        assertThat(fake.run(runId).output()).isEqualTo(Map.of("approved", true, "by", "ops"));
        assertThat(again.statusCode()).isEqualTo(404);
        assertThat(again.body()).isEqualTo("{\"error\":\"No signal found\",\"data\":null,\"status\":404}");
    }
}
