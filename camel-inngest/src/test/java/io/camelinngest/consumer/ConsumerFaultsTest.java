package io.camelinngest.consumer;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import io.camelinngest.client.InngestApiException;
import io.camelinngest.testing.FakeInngest;
import org.apache.camel.CamelContext;
import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.ServiceStatus;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckAware;
import org.apache.camel.support.DefaultPollingConsumerPollStrategy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The newEvents consumer under server faults stubbed on top of the fake (priority 1, WireMock scenarios): rate limits,
 * server errors, a reset connection, a response slower than responseTimeout, a malformed page, and the error envelope
 * in an HTTP 200. No event is lost or delivered twice, the consumer keeps running, its readiness follows the failed
 * polls, and with bridgeErrorHandler the poll errors reach the route's error handler.
 */
class ConsumerFaultsTest extends ConsumerTestSupport {

    private static final String EVENTS = "/v1/events";
    private static final String QUERY_FAILED = "{\"error\":\"Unable to query events\",\"data\":null,\"status\":500}";

    /** The failed polls, as the consumer's poll strategy saw them. */
    private final List<Exception> failedPolls = new CopyOnWriteArrayList<>();

    @Override
    public boolean isUseRouteBuilder() {
        return false;
    }

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        enableConsumerHealthChecks(context);
        context.getRegistry().bind("recordFailures", new DefaultPollingConsumerPollStrategy() {
            @Override
            public boolean rollback(Consumer consumer, Endpoint endpoint, int retryCounter, Exception cause) {
                failedPolls.add(cause);
                return false;
            }
        });
        return context;
    }

    private void startRoute(String uri) throws Exception {
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(uri).routeId("events").process(exchange -> received.add(idOf(exchange)));
            }
        });
        context.start();
    }

    /** Answers the next listEvents requests in turn, {@code null} passing one on to the fake; then the fake alone. */
    private static void answerInTurn(ResponseDefinitionBuilder... steps) {
        String state = Scenario.STARTED;
        for (int i = 0; i < steps.length; i++) {
            String next = i == steps.length - 1 ? "done" : "step-" + (i + 1);
            INNGEST.stubFor(get(urlPathEqualTo(EVENTS)).atPriority(1)
                    .inScenario("faults").whenScenarioStateIs(state).willSetStateTo(next)
                    .willReturn(steps[i] == null ? aResponse().withTransformers(FakeInngest.NAME) : steps[i]));
            state = next;
        }
    }

    private static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    private static String scenarioState() {
        return INNGEST.getAllScenarios().getScenarios().stream().filter(s -> s.getName().equals("faults")).findFirst()
                .orElseThrow()
                .getState();
    }

    private int eventRequests() {
        return INNGEST.findAll(getRequestedFor(urlPathEqualTo(EVENTS))).size();
    }

    @ParameterizedTest(name = "maxRetries={0}")
    @ValueSource(ints = { 0, 1 })
    void noEventIsLostOrRepeatedThroughRateLimitsServerErrorsResetsTimeoutsAndBadPages(int maxRetries) throws Exception {
        Instant start = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(30);
        answerInTurn(
                null,
                json(429, "{\"error\":\"rate limit exceeded\",\"data\":null,\"status\":429}"),
                null, null,
                aResponse().withStatus(503).withHeader("Content-Type", "text/plain").withBody("Service Unavailable"),
                null,
                aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER),
                null, null,
                json(200, "{\"data\":[],\"metadata\":{\"fetched_at\":\"2025-06-01T12:00:05Z\"}}").withFixedDelay(1500), // too late
                null,
                json(200, "{\"data\":[{\"internal_id\":\"01JWNNSVKR5DW3DMHK620M933E\",\"name\":"),
                null,
                json(200, QUERY_FAILED),
                null);
        try (EventFeed feed = new EventFeed(FAKE)) {
            feed.backlog(start, 12, 100);
            startRoute("inngest:newEvents?startFrom=" + start + "&pageSize=5&maxMessagesPerPoll=3&delay=50&initialDelay=0"
                       + "&responseTimeout=300&maxRetries=" + maxRetries + "&pollStrategy=#recordFailures");
            feed.liveInBackground(20, 40).get(10, TimeUnit.SECONDS);

            await().atMost(Duration.ofSeconds(15)).until(() -> received.size() >= feed.size());
            awaitPolls("events", 3); // nothing more comes (twice) in three more polls
            assertThat(scenarioState()).as("every fault was served").isEqualTo("done");
            assertThat(context.getRouteController().getRouteStatus("events")).isEqualTo(ServiceStatus.Started);
            feed.live();
            await().atMost(Duration.ofSeconds(30)).until(() -> received.size() >= feed.size());
            awaitPolls("events", 3); // nothing more comes (twice) in three more polls

            DeliveryReport report = new DeliveryReport("faults-maxRetries=" + maxRetries, feed.ids())
                    .node("route", received).with("requests", eventRequests()).with("failedPolls", failedPolls.size())
                    .with("failedStatuses", failedPolls.stream().map(e -> ((InngestApiException) e).getStatus()).toList());
            report.print();
            assertThat(received).containsExactlyElementsOf(feed.ids());
            if (maxRetries == 0) {
                // each fault failed its poll, with what went wrong; the next poll read from the same position
                assertThat(failedPolls).hasSize(6).allSatisfy(e -> assertThat(e).isInstanceOf(InngestApiException.class)
                        .hasMessageStartingWith("listEvents failed"));
                assertThat(failedPolls).map(e -> ((InngestApiException) e).getStatus()).containsExactly(429, 503, 0, 0, 200,
                        500);
                assertThat(failedPolls.get(2)).hasMessageContaining("could not reach Inngest");
                assertThat(failedPolls.get(3)).hasMessageContaining("could not reach Inngest").hasMessageContaining("Timeout");
                assertThat(failedPolls.get(4)).hasMessageContaining("malformed JSON");
                assertThat(failedPolls.get(5)).hasMessageContaining("Unable to query events");
            } else {
                // one retry each absorbed every fault within its poll, except the malformed page, which is not retried
                assertThat(failedPolls).singleElement().satisfies(e -> assertThat(e).hasMessageContaining("malformed JSON"));
            }
        }
    }

    private HealthCheck.Result readiness() {
        return readinessOf("events");
    }

    @Test
    void readinessGoesDownAfterBackoffErrorThresholdFailedPollsAndUpOnceTheServerRecovers() throws Exception {
        Instant start = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(30);
        try (EventFeed feed = new EventFeed(FAKE)) {
            feed.backlog(start, 3, 100);
            startRoute("inngest:newEvents?startFrom=" + start + "&delay=400&initialDelay=0&maxRetries=0"
                       + "&backoffErrorThreshold=2&backoffMultiplier=2");
            HealthCheck own = ((HealthCheckAware) context.getRoute("events").getConsumer()).getHealthCheck();
            assertThat(own.getId()).isEqualTo("inngest-newEvents-consumer-events");
            assertThat(own.isReadiness()).isTrue();
            assertThat(own.isLiveness()).isFalse();
            await().atMost(Duration.ofSeconds(30)).until(() -> received.size() >= 3);
            assertThat(readiness().getState()).isEqualTo(HealthCheck.State.UP);

            StubMapping outage = INNGEST.stubFor(get(urlPathEqualTo(EVENTS)).atPriority(1)
                    .willReturn(aResponse().withStatus(503).withHeader("Content-Type", "text/plain")
                            .withBody("Service Unavailable")));
            await().atMost(Duration.ofSeconds(30)).until(() -> outageHits(outage) >= 1);
            assertThat(readiness().getState()).as("one failed poll is below the threshold").isEqualTo(HealthCheck.State.UP);
            assertThat(outageHits(outage)).isEqualTo(1);

            await().atMost(Duration.ofSeconds(30)).until(() -> readiness().getState() == HealthCheck.State.DOWN);
            HealthCheck.Result down = readiness();
            assertThat(outageHits(outage)).isEqualTo(2);
            assertThat(down.getMessage())
                    .hasValue("inngest:newEvents consumer (route events): the last 2 polls of Inngest failed");
            assertThat(down.getDetails()).containsEntry("failure.error.count", 2L).containsEntry("failure.error.threshold", 2);
            assertThat(down.getError()).get().isInstanceOf(InngestApiException.class);
            assertThat(down.getError().get())
                    .hasMessage("listEvents failed: HTTP 503 with a body that is not JSON: Service Unavailable");

            feed.live();
            INNGEST.removeStub(outage);
            await().atMost(Duration.ofSeconds(30)).until(() -> readiness().getState() == HealthCheck.State.UP);
            await().atMost(Duration.ofSeconds(30)).until(() -> received.size() >= 4);
            awaitPolls("events", 3); // nothing more comes (twice) in three more polls
            new DeliveryReport("readiness", feed.ids()).node("route", received).with("outageRequests", outageHits(outage))
                    .with("requests", eventRequests()).print();
            assertThat(received).containsExactlyElementsOf(feed.ids());
        }
    }

    private static int outageHits(StubMapping outage) {
        return (int) INNGEST.getAllServeEvents().stream()
                .filter(e -> e.getStubMapping() != null && outage.getId().equals(e.getStubMapping().getId())).count();
    }

    @Test
    void withBridgeErrorHandlerAFailedPollReachesTheRouteErrorHandler() throws Exception {
        Instant start = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(30);
        List<Exception> handled = new CopyOnWriteArrayList<>();
        answerInTurn(null, json(200, QUERY_FAILED), null);
        try (EventFeed feed = new EventFeed(FAKE)) {
            feed.backlog(start, 4, 100);
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    onException(InngestApiException.class).handled(true)
                            .process(exchange -> handled.add(exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class)));
                    from("inngest:newEvents?bridgeErrorHandler=true&maxRetries=0&startFrom=" + start
                         + "&maxMessagesPerPoll=2&delay=50&initialDelay=0").routeId("events")
                            .process(exchange -> received.add(idOf(exchange)));
                }
            });
            context.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> received.size() >= 4);
            feed.live();
            await().atMost(Duration.ofSeconds(30)).until(() -> received.size() >= 5);
            awaitPolls("events", 3); // nothing more comes (twice) in three more polls

            new DeliveryReport("bridge-error-handler", feed.ids()).node("route", received).with("handled", handled.size())
                    .print();
            assertThat(scenarioState()).isEqualTo("done");
            assertThat(handled).singleElement().isInstanceOfSatisfying(InngestApiException.class, e -> {
                assertThat(e.getOperation()).isEqualTo("listEvents");
                assertThat(e.getStatus()).isEqualTo(500);
                assertThat(e.getHttpStatus()).isEqualTo(200);
                assertThat(e).hasMessage("listEvents failed: status 500 in the body of an HTTP 200: Unable to query events");
            });
            assertThat(received).containsExactlyElementsOf(feed.ids());
            assertThat(context.getRouteController().getRouteStatus("events")).isEqualTo(ServiceStatus.Started);
        }
    }
}
