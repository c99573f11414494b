package io.camelinngest.function;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.camelinngest.InngestComponent;
import io.camelinngest.model.NewEvent;
import io.camelinngest.testing.FakeInngestServer;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.console.DevConsole;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** What an operator sees: the readiness check reports the last sync, the dev console the functions and last calls. */
class FunctionObservabilityTest {

    private static final String KEY = "signkey-test-8ee2262a15e8d3c42d6a840db7af3de2aab08ef632b32a37a687f24b34dba3ff";

    @Test
    void readinessIsUpAfterAGoodSyncAndTheConsoleListsTheFunctionsAndTheirLastCalls() throws Exception {
        try (FakeInngestServer server = FakeInngestServer.start(); CamelContext context = context(server.url(), null)) {
            context.start();
            await().atMost(Duration.ofSeconds(20)).until(() -> server.fake().functions().functionIds().contains("obs-hello"));
            List<?> ids = context.createProducerTemplate().requestBody("inngest:sendEvents", NewEvent.of("obs/hello", Map.of()),
                    List.class);
            await().atMost(Duration.ofSeconds(20)).until(() -> server.fake().runsOf((String) ids.get(0)),
                    runs -> !runs.isEmpty() && "Completed".equals(runs.get(0).status()));

            HealthCheck.Result health = readiness(context);
            assertThat(health.getState()).isEqualTo(HealthCheck.State.UP);
            assertThat(health.getMessage().orElse("")).contains("synced 1 function(s)");

            InngestFunctionsDevConsole console = new InngestFunctionsDevConsole();
            console.setCamelContext(context);
            String text = (String) console.call(DevConsole.MediaType.TEXT);
            assertThat(text).contains("appId: obs", "Function: obs-hello (route hello)", "triggers: obs/hello", "completed",
                    "lastSync: ok");
        }
    }

    @Test
    void readinessIsDownWhenTheLastSyncFailedAndNeitherSaysTheKey() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        try (CamelContext context = context("http://127.0.0.1:" + closed, KEY)) {
            context.start();
            await().atMost(Duration.ofSeconds(20)).until(() -> readiness(context).getState() == HealthCheck.State.DOWN);

            assertThat(readiness(context).getMessage().orElse("")).contains("sync with http://127.0.0.1:" + closed + " failed");
            InngestFunctionsDevConsole console = new InngestFunctionsDevConsole();
            console.setCamelContext(context);
            String text = (String) console.call(DevConsole.MediaType.TEXT);
            assertThat(text).contains("lastSync: FAILED", "signingKey: set").doesNotContain("8ee2262a");
        }
    }

    private static CamelContext context(String inngestUrl, String signingKey) throws Exception {
        CamelContext context = new DefaultCamelContext();
        InngestComponent inngest = new InngestComponent();
        if (signingKey == null) {
            inngest.getConfiguration().setDev(inngestUrl);
        } else {
            inngest.getConfiguration().setDev("false");
            inngest.getConfiguration().setBaseUrl(inngestUrl);
            inngest.getConfiguration().setSigningKey(signingKey);
        }
        context.addComponent("inngest", inngest);
        ServedApp.serve(context, "obs");
        HealthCheckRegistry health = HealthCheckRegistry.get(context);
        health.setEnabled(true);
        health.register(health.resolveById("consumers"));
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("inngest-function:hello?trigger=obs/hello").routeId("hello").setBody(constant(Map.of("hi", true)));
            }
        });
        return context;
    }

    private static HealthCheck.Result readiness(CamelContext context) {
        return HealthCheckHelper.invokeReadiness(context).stream()
                .filter(r -> r.getCheck().getId().equals("consumer:hello")).findFirst().orElseThrow();
    }
}
