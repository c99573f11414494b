package io.camelinngest.live;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import io.camelinngest.client.InngestJson;
import io.camelinngest.function.ServedApp;
import io.camelinngest.model.FunctionRun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Camel routes served as Inngest functions to the real Dev Server: the app syncs, the server calls the routes, the
 * runs end as the routes say. Each test instance is its own app with its own event names.
 */
class LiveFunctionsTest extends LiveTestSupport {

    private final String app = DevServer.unique();

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        ServedApp.serve(context, app);
        return context;
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("inngest-function:greet?trigger=" + app + "/greet")
                        .process(e -> e.getMessage().setBody(Map.of("greeting",
                                "hello " + e.getMessage().getBody(Map.class).get("name"))));
            }
        };
    }

    @Test
    void theAppSyncsAndAnEventRunsARouteFunctionToCompletedWithItsResult() throws Exception {
        JsonNode functions = await("the app's functions on the server").atMost(PATIENCE).pollInterval(Duration.ofMillis(300))
                .until(() -> functionsOf(app), f -> f.isArray() && f.size() == 1);
        assertThat(functions.get(0).path("id").asText()).isEqualTo(app + "-greet");

        String eventId = sendEvent(app + "/greet", Map.of("name", "Ada"));
        FunctionRun run = endedRun(runOf(eventId).runId());

        assertThat(run.status().wireName()).isEqualTo("Completed");
        assertThat(run.output()).isEqualTo(Map.of("greeting", "hello Ada"));
    }

    private static JsonNode functionsOf(String appId) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(DevServer.url() + "/v1/apps/" + appId + "/functions")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        return InngestJson.mapper().readTree(response.body());
    }
}
