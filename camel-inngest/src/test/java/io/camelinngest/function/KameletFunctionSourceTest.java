package io.camelinngest.function;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.camelinngest.model.NewEvent;
import io.camelinngest.testing.FakeInngest;
import io.camelinngest.testing.FakeInngestServer;
import org.apache.camel.CamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The {@code inngest-function-source} Kamelet as a user runs it: a YAML route from
 * {@code kamelet:inngest-function-source}, in a real CamelContext served on platform HTTP, against the fake Inngest,
 * which takes the app's sync and calls the function as the Dev Server does. The route after the Kamelet is the
 * function: its result is the run's output, its exception a failed attempt.
 */
class KameletFunctionSourceTest extends CamelTestSupport {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private final String app = "kamelet-" + UUID.randomUUID().toString().substring(0, 8);
    private FakeInngestServer server;

    @Override
    protected CamelContext createCamelContext() throws Exception {
        server = FakeInngestServer.start();
        CamelContext context = super.createCamelContext();
        ServedApp.serveWithDevServer(context, server.url(), app);
        return context;
    }

    @AfterEach
    void stopFake() {
        server.close();
    }

    private void loadRoutes(String yaml) throws Exception {
        PluginHelper.getRoutesLoader(context).loadRoutes(ResourceHelper.fromString("routes.yaml", yaml));
    }

    @Test
    void anEventRunsTheRouteAfterTheKameletToCompletedWithItsResult() throws Exception {
        loadRoutes("""
                - route:
                    from:
                      uri: kamelet:inngest-function-source
                      parameters:
                        functionId: greet
                        name: Greet a customer
                        trigger: %s/greet
                      steps:
                        - setBody:
                            simple: "hello ${body[name]} (attempt ${header.CamelInngestAttempt})"
                """.formatted(app));
        awaitSynced(app + "-greet");
        assertThat(server.fake().functions().config(app + "-greet").path("name").asText()).isEqualTo("Greet a customer");

        FakeInngest.StoredRun run = ended(send("greet", Map.of("name", "Ada")));

        assertThat(run.status()).isEqualTo("Completed");
        assertThat(run.output()).isEqualTo("hello Ada (attempt 0)");
    }

    @Test
    void anExceptionOfTheRouteFailsTheAttemptAndTheKameletsRetriesApply() throws Exception {
        loadRoutes("""
                - route:
                    from:
                      uri: kamelet:inngest-function-source
                      parameters:
                        functionId: reserve
                        trigger: %s/reserve
                        retries: 0
                      steps:
                        - throwException:
                            exceptionType: java.lang.IllegalStateException
                            message: out of stock
                """.formatted(app));
        awaitSynced(app + "-reserve");
        // retries=0 reached the sync: one attempt in all
        assertThat(server.fake().functions().config(app + "-reserve").path("steps").path("step").path("retries")
                .path("attempts").asInt()).isEqualTo(1);

        FakeInngest.StoredRun run = ended(send("reserve", Map.of("order", "o1")));

        assertThat(run.status()).isEqualTo("Failed");
        assertThat(((Map<?, ?>) run.output()).get("message")).isEqualTo("out of stock");
    }

    private void awaitSynced(String compositeId) {
        await("sync of " + compositeId).atMost(PATIENCE)
                .until(() -> server.fake().functions().functionIds().contains(compositeId));
    }

    /** Sends {@code <app>/<name>} and returns the ID of the run it starts. */
    @SuppressWarnings("unchecked")
    private String send(String name, Map<String, Object> data) {
        List<String> ids = template.requestBody("inngest:sendEvents", NewEvent.of(app + "/" + name, data), List.class);
        return await("run of " + name).atMost(PATIENCE).until(() -> server.fake().runsOf(ids.get(0)), runs -> !runs.isEmpty())
                .get(0).runId();
    }

    private FakeInngest.StoredRun ended(String runId) {
        return await("end of run " + runId).atMost(PATIENCE).pollInterval(Duration.ofMillis(50))
                .until(() -> server.fake().run(runId), run -> !"Running".equals(run.status()));
    }
}
