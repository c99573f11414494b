package io.camelinngest.function;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.camelinngest.client.InngestJson;
import io.camelinngest.testing.FakeInngestServer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The fake calls an app as the Dev Server does: an app that answers the fake exactly as the SDK app of the recordings
 * answered the Dev Server (a StepRun, then a 1 s Sleep, then done) gets three call requests shaped like the three
 * recorded in {@code fixtures/function-calls} (same keys in body and ctx, same stack, same memoized step shapes).
 */
class FakeCallRequestContractTest {

    private static final String RUN_STEP = "5bac43c0231290341c42a3cef48b789922d02b35";

    @Test
    void theFakesCallRequestsHaveTheShapeOfTheRecordedOnes() throws Exception {
        List<JsonNode> received = new CopyOnWriteArrayList<>();
        HttpServer app = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        app.createContext("/api/inngest", exchange -> {
            received.add(InngestJson.mapper().readTree(exchange.getRequestBody()));
            String answer = switch (received.size()) {
                case 1 -> "[{\"id\":\"" + RUN_STEP
                          + "\",\"op\":\"StepRun\",\"name\":\"reserve\",\"displayName\":\"reserve\",\"data\":{\"a\":1}}]";
                case 2 ->
                    "[{\"id\":\"aa\",\"op\":\"Sleep\",\"name\":\"nap\",\"displayName\":\"nap\",\"opts\":{\"duration\":\"1s\"}}]";
                default -> "{\"ok\":1}";
            };
            byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.getResponseHeaders().add("X-Inngest-Req-Version", "2");
            exchange.sendResponseHeaders(received.size() <= 2 ? 206 : 200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        app.start();
        try (FakeInngestServer inngest = FakeInngestServer.start()) {
            String url = "http://127.0.0.1:" + app.getAddress().getPort() + "/api/inngest";
            String sync
                    = "{\"url\":\"" + url
                      + "\",\"deployType\":\"ping\",\"appName\":\"rec\",\"sdk\":\"rec:v0.0.1\",\"v\":\"0.1\","
                      + "\"functions\":[{\"id\":\"rec-f\",\"name\":\"f\",\"triggers\":[{\"event\":\"rec/go\"}],\"steps\":{\"step\":"
                      + "{\"id\":\"step\",\"name\":\"step\",\"runtime\":{\"type\":\"http\",\"url\":\"" + url
                      + "?fnId=rec-f&stepId=step\"}}}}]}";
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            assertThat(http.send(HttpRequest.newBuilder(URI.create(inngest.url() + "/fn/register"))
                    .POST(HttpRequest.BodyPublishers.ofString(sync)).build(), HttpResponse.BodyHandlers.ofString())
                    .statusCode())
                    .isEqualTo(200);
            http.send(HttpRequest.newBuilder(URI.create(inngest.url() + "/e/key"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"rec/go\",\"data\":{\"order\":\"r1\"}}")).build(),
                    HttpResponse.BodyHandlers.ofString());

            await().atMost(Duration.ofSeconds(15)).until(() -> received.size() == 3);
        } finally {
            app.stop(0);
        }

        for (int i = 0; i < 3; i++) {
            JsonNode recorded = recorded(i + 1).path("body");
            JsonNode fake = received.get(i);
            assertThat(keys(fake)).as("call %d body keys", i + 1).isEqualTo(keys(recorded));
            assertThat(keys(fake.path("ctx"))).as("call %d ctx keys", i + 1).isEqualTo(keys(recorded.path("ctx")));
            assertThat(fake.path("ctx").path("stack")).as("call %d stack", i + 1).isEqualTo(recorded.path("ctx").path("stack"));
            assertThat(fake.path("steps")).as("call %d steps", i + 1).isEqualTo(recorded.path("steps"));
            assertThat(fake.path("version")).as("call %d version", i + 1).isEqualTo(recorded.path("version"));
            assertThat(keys(fake.path("event"))).isEqualTo(keys(recorded.path("event")));
            assertThat(fake.path("event").path("data")).isEqualTo(recorded.path("event").path("data"));
        }
    }

    private static JsonNode recorded(int n) throws Exception {
        String name = List.of("1-first-call", "2-after-step-run", "3-after-sleep").get(n - 1);
        try (InputStream in
                = FakeCallRequestContractTest.class.getResourceAsStream("/fixtures/function-calls/" + name + ".json")) {
            return InngestJson.mapper().readTree(in);
        }
    }

    private static Set<String> keys(JsonNode node) {
        Set<String> keys = new TreeSet<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
            keys.add(it.next());
        }
        return keys;
    }
}
