package io.camelinngest.springboot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.camelinngest.InngestFunctionComponent;
import io.camelinngest.model.NewEvent;
import io.camelinngest.testing.FakeInngest.StoredRun;
import io.camelinngest.testing.FakeInngestServer;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServerConfiguration;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A route served as an Inngest function in a Spring Boot application configured only by properties: the
 * {@code camel.component.inngest-function.*} ones (app ID, serve origin, a serve path other than the default) reach the
 * component through this starter, the app syncs with the fake Inngest at the URL they make, and an event runs the route
 * to Completed with its output. Without the starter's function auto-configuration the app would sync as
 * {@code camel-inngest} without a serve origin, and the first test fails.
 */
@CamelSpringBootTest
@SpringBootTest(classes = InngestFunctionSpringBootTest.GreetingApplication.class, properties = {
        "camel.component.inngest-function.app-id = sb-functions",
        "camel.component.inngest-function.serve-path = /inngest/serve",
        "camel.component.inngest-function.sync-on-start = true",
        // dev mode (the fake's URL below): no keys, requests are not signed
        "camel.component.inngest.signing-key = ",
        "camel.component.inngest.event-key = " })
@DirtiesContext
class InngestFunctionSpringBootTest {

    private static final FakeInngestServer INNGEST = FakeInngestServer.start();
    private static final int PORT = freePort();
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @DynamicPropertySource
    static void inngestUrls(DynamicPropertyRegistry registry) {
        registry.add("camel.component.inngest.dev", INNGEST::url);
        registry.add("camel.component.inngest-function.serve-origin", () -> "http://127.0.0.1:" + PORT);
    }

    @AfterAll
    static void stopInngest() {
        INNGEST.close();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An application with one function route and a Vert.x platform-http engine on the test's port. */
    @Configuration
    @EnableAutoConfiguration
    static class GreetingApplication {

        @Bean
        CamelContextConfiguration httpServer() {
            return new CamelContextConfiguration() {
                @Override
                public void beforeApplicationStart(CamelContext camelContext) {
                    VertxPlatformHttpServerConfiguration http = new VertxPlatformHttpServerConfiguration();
                    http.setBindHost("127.0.0.1");
                    http.setBindPort(PORT);
                    try {
                        camelContext.addService(new VertxPlatformHttpServer(http));
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }

                @Override
                public void afterApplicationStart(CamelContext camelContext) {
                }
            };
        }

        @Bean
        RouteBuilder greetingRoutes() {
            return new RouteBuilder() {
                @Override
                public void configure() {
                    from("inngest-function:greet?trigger=sb/greet").routeId("greet")
                            .setBody(simple("hello ${body[name]}"));
                }
            };
        }
    }

    @Autowired
    CamelContext camelContext;

    @Autowired
    ProducerTemplate template;

    @Test
    void theSpringBootPropertiesConfigureTheFunctionComponent() {
        InngestFunctionComponent functions = camelContext.getComponent("inngest-function", InngestFunctionComponent.class);

        assertThat(functions.getAppId()).isEqualTo("sb-functions");
        assertThat(functions.getServePath()).isEqualTo("/inngest/serve");
        assertThat(functions.getServeOrigin()).isEqualTo("http://127.0.0.1:" + PORT);
        assertThat(functions.isSyncOnStart()).isTrue();
    }

    @Test
    void theAppSyncsAtThePropertiesURLAndAnEventRunsTheRouteToCompleted() {
        await("sync").atMost(PATIENCE).until(() -> INNGEST.fake().functions().functionIds().contains("sb-functions-greet"));
        assertThat(INNGEST.fake().functions().config("sb-functions-greet").path("steps").path("step").path("runtime")
                .path("url").asText()).startsWith("http://127.0.0.1:" + PORT + "/inngest/serve?");

        List<?> ids = template.requestBody("inngest:sendEvents", NewEvent.of("sb/greet", Map.of("name", "Ada")), List.class);
        String runId = await("run").atMost(PATIENCE).until(() -> INNGEST.fake().runsOf((String) ids.get(0)),
                runs -> !runs.isEmpty()).get(0).runId();
        StoredRun run = await("end of run").atMost(PATIENCE).pollInterval(Duration.ofMillis(50))
                .until(() -> INNGEST.fake().run(runId), r -> !"Running".equals(r.status()));

        assertThat(run.status()).isEqualTo("Completed");
        assertThat(run.output()).isEqualTo("hello Ada");
    }
}
