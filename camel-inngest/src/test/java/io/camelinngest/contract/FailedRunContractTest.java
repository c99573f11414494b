package io.camelinngest.contract;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camelinngest.testing.FakeInngest;
import io.camelinngest.testing.FakeInngestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A run whose function throws reads from the fake Inngest as a failed run of the test app's {@code always-fails} reads
 * from a real Dev Server ({@code src/test/resources/recorded}, see its README): the error object the JavaScript SDK
 * writes, {@code __serialized} and a stack of several lines included, in every call that reads a run, and wrapped in
 * {@code {"error": ...}} exactly where the v2 listings wrap it. Completed runs read from the listings are the
 * comparison: their output is not wrapped.
 */
class FailedRunContractTest {

    private static final FakeInngestServer SERVER = FakeInngestServer.start();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Values that must be spelled as recorded; everything else must have the recorded keys and JSON types. */
    private static final Set<String> EXACT = Set.of("status", "message", "__serialized");

    @AfterAll
    static void stop() {
        SERVER.close();
    }

    @BeforeEach
    void testApp() {
        FakeInngest fake = SERVER.fake();
        fake.clear();
        fake.onEvent("acc/fail", "test-app", "always-fails", Duration.ofMillis(20), data -> {
            throw new IllegalStateException("boom on purpose");
        });
        fake.onEvent("shop/order.paid", "test-app", "ship-order", Duration.ofMillis(20),
                data -> Map.of("shipped", true, "tracking", "TRK-" + data.get("order")));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "failedRun-v1", "failedRun-v1-eventRuns", "failedRun-v2", "failedRun-v2-eventRuns",
            "failedRun-v2-runs", "completedRun-v2-eventRuns", "completedRun-v2-runs" })
    void aRunReadsAsTheRecordedRunOfTheRealServer(String name) throws Exception {
        HttpRecording recorded = HttpRecording.load("/recorded/", name);
        boolean failed = name.startsWith("failedRun");
        String eventId = send(
                failed ? "{\"name\":\"acc/fail\",\"data\":{}}" : "{\"name\":\"shop/order.paid\",\"data\":{\"order\":\"7\"}}");
        await().atMost(Duration.ofSeconds(5)).until(() -> SERVER.fake().runsOf(eventId).stream()
                .allMatch(run -> run.endedAt() != null) && !SERVER.fake().runsOf(eventId).isEmpty());
        String runId = SERVER.fake().runsOf(eventId).get(0).runId();
        String target = recorded.target().replaceAll("/events/[0-9A-Z]{26}", "/events/" + eventId)
                .replaceAll("/runs/[0-9A-Z]{26}", "/runs/" + runId);

        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(SERVER.url() + target)).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).as("HTTP status").isEqualTo(recorded.status());
        JsonNode recordedRun = firstRun(JSON.readTree(recorded.body()));
        JsonNode fakeRun = firstRun(JSON.readTree(answer.body()));
        assertSameRun(recordedRun, fakeRun, "$.data");
        if (failed) {
            JsonNode output = fakeRun.get("output");
            JsonNode error = output.has("error") ? output.get("error") : output;
            assertThat(error.get("name").asText()).isEqualTo("Error");
            List<String> lines = List.of(error.get("stack").asText().split("\n"));
            assertThat(lines.get(0)).isEqualTo("Error: boom on purpose");
            assertThat(lines).as("a stack of several lines, as the server's").hasSizeGreaterThan(2);
            assertThat(lines.subList(1, lines.size())).allSatisfy(line -> assertThat(line).startsWith("    at "));
        }
    }

    private static String send(String event) throws Exception {
        HttpResponse<String> sent = HTTP.send(HttpRequest.newBuilder(URI.create(SERVER.url() + "/e/dev-key"))
                .POST(HttpRequest.BodyPublishers.ofString(event)).build(), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(sent.body()).get("ids").get(0).asText();
    }

    /** The run of a single read, or the first of a listing. */
    private static JsonNode firstRun(JsonNode body) {
        JsonNode data = body.get("data");
        assertThat(data).as("data").isNotNull();
        return data.isArray() ? data.get(0) : data;
    }

    /**
     * The same keys at every level (the output's too), the same JSON types, and the {@link #EXACT} values equal; IDs,
     * times, durations and the stack's frames are the server's own.
     */
    private static void assertSameRun(JsonNode recorded, JsonNode fake, String path) {
        assertThat(fake).as(path).isNotNull();
        assertThat(fake.getNodeType()).as(path + " type").isEqualTo(recorded.getNodeType());
        if (recorded.isObject()) {
            assertThat(names(fake)).as(path + " keys").isEqualTo(names(recorded));
            recorded.fields().forEachRemaining(field -> {
                String at = path + "." + field.getKey();
                if (EXACT.contains(field.getKey()) && field.getValue().isValueNode()) {
                    assertThat(fake.get(field.getKey())).as(at).isEqualTo(field.getValue());
                } else {
                    assertSameRun(field.getValue(), fake.get(field.getKey()), at);
                }
            });
        } else if (recorded.isArray() && !recorded.isEmpty()) {
            assertThat(fake).as(path).isNotEmpty();
            assertSameRun(recorded.get(0), fake.get(0), path + "[0]");
        }
    }

    private static Set<String> names(JsonNode object) {
        Set<String> names = new TreeSet<>();
        Iterator<String> it = object.fieldNames();
        it.forEachRemaining(names::add);
        return names;
    }
}
