package io.camelinngest.contract;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camelinngest.testing.FakeInngest;
import io.camelinngest.testing.FakeInngest.StoredRun;
import io.camelinngest.testing.FakeInngestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fake Inngest answers every recorded request as the real Dev Server did: the same HTTP status, the same media type
 * (or none), the same {@code Cache-Control}, and a body of the same shape: the same keys at every level, the same JSON
 * types, the same status spellings and the same error texts. The fake holds the state the server had when the recording
 * was made (the test app's four functions, the orders, a completed, a failed, a sleeping and a signalled run, under the
 * recorded IDs).
 */
class FakeContractTest {

    private static final FakeInngestServer SERVER = FakeInngestServer.start();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String ORDER_42_EVENT = "01M8T01CRQBAE70CEHRSZEG1VK";
    private static final String COMPLETED_RUN = "01M8T01D08W9PB4VKVN3ZRQNA0";
    private static final String FAILED_RUN = "01M8T01HDDC9H12J9GH121VZYK";
    private static final String SLEEPING_RUN = "01M8T01PHZE5CAQXQK9GRKSM5G";
    private static final String SIGNALLED_RUN = "01M8T01YWF4FPGVRNZHGQ5A4KV";

    /**
     * Fields whose content is the user's or the server's own (payloads, outputs, configs): compared by JSON type only.
     */
    private static final Set<String> FREE_FORM = Set.of("data", "output", "config", "configuration", "Raw", "latestSync");
    /** Fields whose values must be spelled as recorded where a single object is read. */
    private static final Set<String> EXACT = Set.of("status", "error", "code", "message");
    private static final Set<String> V1_STATUSES = Set.of("Running", "Completed", "Failed", "Cancelled", "Scheduled");
    private static final Set<String> V2_STATUSES = Set.of("QUEUED", "RUNNING", "COMPLETED", "FAILED", "CANCELLED");

    @AfterAll
    static void stop() {
        SERVER.close();
    }

    /** The server's state when the recordings were made, as far as each recording needs it. */
    private static void recordedState(String recording) {
        FakeInngest fake = SERVER.fake();
        fake.clear();
        fake.onEvent("shop/order.paid", "test-app", "ship-order", Duration.ofMillis(100),
                data -> Map.of("shipped", true, "tracking", "TRK-" + data.get("order")));
        fake.onEvent("acc/fail", "test-app", "always-fails", Duration.ofMillis(20), data -> {
            throw new IllegalStateException("boom on purpose");
        });
        fake.onEvent("acc/slow", "test-app", "slow-job", Duration.ofMinutes(10), data -> Map.of());
        fake.onEvent("acc/approval", "test-app", "await-approval", Duration.ofMinutes(10), data -> Map.of());

        Instant t = Instant.now().minusSeconds(30);
        fake.addEvent(ORDER_42_EVENT, "shop/order.paid", t, Map.of("order", "42"));
        fake.addEvent("01M8T01CX2CT51840XVPFC2MZQ", "shop/order.paid", t.plusMillis(2), Map.of("order", "43"));
        fake.addEvent("01M8T01CXG9XHPPYMWQKTNMYCM", "shop/order.paid", t.plusMillis(3), Map.of("order", "44"));
        fake.addEvent("01M8T01CXGYQ53SNGRJN30QPZP", "acc/other", t.plusMillis(4), Map.of());
        fake.addEvent("01M8T01H75BP0ENT3M9J7TZ9G2", "acc/fail", t.plusSeconds(4), Map.of());
        fake.addEvent("01M8T01PFBAA55MTJA4TKN7492", "acc/slow", t.plusSeconds(9), Map.of());
        fake.addEvent("01M8T01YQ1JZF1NP369P1EW9JF", "acc/approval", t.plusSeconds(18), Map.of("key", "k7"));

        fake.putRun(new StoredRun(
                COMPLETED_RUN, ORDER_42_EVENT, "ship-order", "test-app", "Completed", t,
                t.plusMillis(140), Map.of("shipped", true, "tracking", "TRK-42")));
        fake.putRun(new StoredRun(
                FAILED_RUN, "01M8T01H75BP0ENT3M9J7TZ9G2", "always-fails", "test-app", "Failed",
                t.plusSeconds(4), t.plusSeconds(4).plusMillis(50), Map.of("__serialized", true, "name", "Error",
                        "message", "boom on purpose", "stack", "Error: boom on purpose\n    at app.mjs:30:11")));
        boolean cancelled = recording.contains("cancelled");
        fake.putRun(new StoredRun(
                SLEEPING_RUN, "01M8T01PFBAA55MTJA4TKN7492", "slow-job", "test-app",
                cancelled ? "Cancelled" : "Running", t.plusSeconds(9), cancelled ? t.plusSeconds(15) : null, null));
        fake.addJob(SLEEPING_RUN, "sleep", t.plusSeconds(9).plus(Duration.ofMinutes(10)));
        boolean waiting = recording.startsWith("sendSignal");
        fake.putRun(new StoredRun(
                SIGNALLED_RUN, "01M8T01YQ1JZF1NP369P1EW9JF", "await-approval", "test-app",
                waiting ? "Running" : "Completed", t.plusSeconds(18), waiting ? null : t.plusSeconds(23),
                waiting ? null : Map.of("approved", true, "by", "ops")));
        if (waiting) {
            fake.waitForSignal(SIGNALLED_RUN, "approve-k7", data -> Map.of("approved", true, "by", data.get("by")));
        }
    }

    static Stream<String> recordings() {
        return HttpRecording.names().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("recordings")
    void theFakeAnswersTheRecordedRequestAsTheServerDid(String name) throws Exception {
        HttpRecording recorded = HttpRecording.load(name);
        recordedState(name);

        HttpResponse<String> answer = send(recorded);

        assertThat(answer.statusCode()).as("HTTP status").isEqualTo(recorded.status());
        assertThat(mediaType(answer)).as("media type").isEqualTo(recorded.mediaType());
        assertThat(answer.headers().firstValue("Cache-Control").orElse(null)).as("Cache-Control")
                .isEqualTo(recorded.header("Cache-Control"));
        String body = answer.body().strip();
        if (!"application/json".equals(recorded.mediaType()) && !recorded.body().startsWith("{")) {
            assertThat(body).as("body").isEqualTo(recorded.body().strip());
            return;
        }
        assertSameShape(JSON.readTree(recorded.body()), JSON.readTree(body), "$", true);
    }

    private static HttpResponse<String> send(HttpRecording recorded) throws Exception {
        HttpRequest.BodyPublisher body = recorded.requestBody().isEmpty()
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(recorded.requestBody());
        HttpRequest request = HttpRequest.newBuilder(URI.create(SERVER.url() + recorded.target()))
                .method(recorded.method(), body)
                .header("Content-Type", "application/json")
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static String mediaType(HttpResponse<?> response) {
        return response.headers().firstValue("Content-Type")
                .map(v -> v.split(";")[0].trim().toLowerCase(Locale.ROOT)).orElse(null);
    }

    /**
     * The same shape: the same JSON type; objects with the same keys, compared key by key; arrays whose items together
     * have the same keys and types (the fake's items need not be the same runs); {@link #EXACT} values equal where one
     * object is read, and spelled as the API version spells them in lists.
     */
    private static void assertSameShape(JsonNode recorded, JsonNode fake, String path, boolean single) {
        assertThat(fake.getNodeType()).as(path + " type").isEqualTo(recorded.getNodeType());
        if (recorded.isObject()) {
            assertThat(names(fake)).as(path + " keys").isEqualTo(names(recorded));
            for (String key : names(recorded)) {
                JsonNode r = recorded.get(key);
                JsonNode f = fake.get(key);
                String at = path + "." + key;
                if (FREE_FORM.contains(key) && !(r.isArray() || isEnvelope(recorded))) {
                    assertThat(f.getNodeType()).as(at + " type").isEqualTo(r.getNodeType());
                    if (key.equals("output") && r.isTextual()) {
                        assertThat(f.asText()).as(at).isEqualTo(r.asText()); // v1: "" for a completed run
                    }
                } else if (EXACT.contains(key) && r.isValueNode()) {
                    if (single) {
                        assertThat(f).as(at).isEqualTo(r);
                    } else if (key.equals("status") && r.isTextual()) {
                        assertThat(f.asText()).as(at).isIn(V2_STATUSES.contains(r.asText()) ? V2_STATUSES : V1_STATUSES);
                    }
                } else {
                    assertSameShape(r, f, at, single);
                }
            }
        } else if (recorded.isArray()) {
            if (recorded.isEmpty()) {
                assertThat(fake).as(path).isEmpty();
                return;
            }
            assertThat(fake).as(path + " (the fake's state should give items here)").isNotEmpty();
            assertSameShape(union(recorded), union(fake), path + "[*]", false);
        }
    }

    /** An envelope's {@code data} is the payload to compare, not a user's free-form data. */
    private static boolean isEnvelope(JsonNode object) {
        return object.has("metadata") || object.has("status") && object.has("error");
    }

    /** The items of an array merged: every key any item has, with the first value seen; scalars: the first item. */
    private static JsonNode union(JsonNode array) {
        if (!array.get(0).isObject()) {
            return array.get(0);
        }
        Map<String, JsonNode> merged = new LinkedHashMap<>();
        array.forEach(item -> item.fields().forEachRemaining(e -> merged.putIfAbsent(e.getKey(), e.getValue())));
        return JSON.valueToTree(merged);
    }

    private static Set<String> names(JsonNode object) {
        Set<String> names = new TreeSet<>();
        Iterator<String> it = object.fieldNames();
        it.forEachRemaining(names::add);
        return names;
    }
}
