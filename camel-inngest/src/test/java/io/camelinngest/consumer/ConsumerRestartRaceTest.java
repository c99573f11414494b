package io.camelinngest.consumer;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.camelinngest.testing.FakeInngest;
import io.camelinngest.testing.FakeInngest.StoredEvent;
import io.camelinngest.testing.Ulids;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A route restarted while its consumer's poll is still waiting on Inngest (as a ClusteredRoutePolicy hand-over with a
 * short shutdown timeout does): the old poll, once its answer arrives, belongs to a closed session. It must neither
 * deliver what it read nor write its position into the state of the session that replaced it.
 */
class ConsumerRestartRaceTest {

    private static final FakeInngest FAKE = new FakeInngest();
    private static final Gate GATE = new Gate();

    @RegisterExtension
    static final WireMockExtension INNGEST = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().extensions(FAKE, GATE))
            .build();

    /** Holds the first listing request until released, then answers it with one event only it knows of. */
    static final class Gate implements ResponseDefinitionTransformerV2 {
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final String ghostId = Ulids.at(Instant.now().minusSeconds(5));
        final Instant ghostAt = Instant.now().minusSeconds(5).truncatedTo(ChronoUnit.MILLIS);

        @Override
        public ResponseDefinition transform(ServeEvent serveEvent) {
            entered.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            String ghost = "{\"internal_id\":\"" + ghostId + "\",\"id\":\"" + ghostId + "\",\"name\":\"ghost\",\"data\":{},"
                           + "\"received_at\":\"" + ghostAt + "\",\"ts\":" + ghostAt.toEpochMilli() + "}";
            return aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                    .withBody("{\"data\":[" + ghost + "],\"metadata\":{\"fetched_at\":\"" + Instant.now() + "\"}}").build();
        }

        @Override
        public String getName() {
            return "gate";
        }

        @Override
        public boolean applyGlobally() {
            return false;
        }
    }

    @Test
    void aPollBlockedInHttpAcrossARestartNeitherDeliversNorWritesIntoTheNewSession() throws Exception {
        FAKE.clear();
        INNGEST.stubFor(any(anyUrl()).atPriority(10).willReturn(aResponse().withTransformers(FakeInngest.NAME)));
        INNGEST.stubFor(get(urlPathEqualTo("/v1/events")).atPriority(1).inScenario("race")
                .whenScenarioStateIs(Scenario.STARTED).willSetStateTo("released")
                .willReturn(aResponse().withTransformers("gate")));
        RecordingStateRepository state = new RecordingStateRepository();
        List<String> received = new CopyOnWriteArrayList<>();
        Instant start = Instant.now().minusSeconds(60);

        try (DefaultCamelContext context = new DefaultCamelContext()) {
            context.addComponent("inngest", ConsumerTestSupport.component(INNGEST.baseUrl()));
            context.getRegistry().bind("state", state);
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("inngest:newEvents?stateRepository=#state&startFrom=" + start + "&delay=50&initialDelay=0")
                            .routeId("events").process(e -> received.add(ConsumerTestSupport.idOf(e)));
                }
            });
            context.start();
            assertThat(GATE.entered.await(10, TimeUnit.SECONDS)).as("the first poll is waiting on Inngest").isTrue();

            // the hand-over: a stop that gives up waiting for the poll after 1 s, then a start on the same state
            context.getRouteController().stopRoute("events", 1, TimeUnit.SECONDS);
            context.getRouteController().startRoute("events");
            StoredEvent real = FAKE.addEvent("order", Instant.now(), Map.of());
            GATE.release.countDown();

            await().atMost(Duration.ofSeconds(30)).until(() -> received.contains(real.internalId()));
            await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(30))
                    .until(() -> received.equals(List.of(real.internalId())));
            assertThat(state.writes).anySatisfy(write -> assertThat(write).contains(real.internalId()))
                    .noneSatisfy(write -> assertThat(write).contains(GATE.ghostId));
        }
    }
}
