package io.camelinngest.consumer;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import io.camelinngest.LogLines;
import io.camelinngest.testing.FakeInngest.StoredRun;
import io.camelinngest.testing.Ulids;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.support.ScheduledPollConsumer;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Inngest unreachable for a while: the log says so once (what failed, and where to look), says once that it works
 * again, and does not repeat a stack trace on every poll; readiness goes DOWN and UP again.
 */
class ConsumerUnreachableTest extends ConsumerTestSupport {

    private static final Logger LOG = LoggerFactory.getLogger(ConsumerUnreachableTest.class);

    private static final Map<String, Level> LEVELS = Map.of("io.camelinngest", Level.INFO, "org.apache.camel", Level.INFO);
    private static final Map<String, Level> RESTORE = Map.of("io.camelinngest", Level.DEBUG, "org.apache.camel", Level.INFO);

    @Override
    public boolean isUseRouteBuilder() {
        return false;
    }

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        enableConsumerHealthChecks(context);
        return context;
    }

    private void startRoute(String routeId, String uri) throws Exception {
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(uri).routeId(routeId).process(exchange -> received.add(idOf(exchange)));
            }
        });
        context.start();
    }

    private long errorCounter(String routeId) {
        return ((ScheduledPollConsumer) context.getRoute(routeId).getConsumer()).getErrorCounter();
    }

    private HealthCheck.State readiness(String routeId) {
        return readinessOf(routeId).getState();
    }

    @Test
    void newEventsLogsOneWarningWhilePollsFailAndOneInfoWhenTheyWorkAgain() throws Exception {
        Instant start = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(30);
        FAKE.addEvent("order", start.plusMillis(1), Map.of());
        StubMapping outage = INNGEST.stubFor(get(urlPathEqualTo("/v1/events")).atPriority(1)
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        LogLines log = LogLines.capture(LEVELS, RESTORE);
        try (log) {
            startRoute("events", "inngest:newEvents?startFrom=" + start + "&delay=20&initialDelay=0&maxRetries=0");
            await().atMost(Duration.ofSeconds(30)).until(() -> errorCounter("events") >= 10);
            assertThat(readiness("events")).isEqualTo(HealthCheck.State.DOWN);

            INNGEST.removeStub(outage);
            await().atMost(Duration.ofSeconds(30)).until(() -> received.size() == 1);
            assertThat(readiness("events")).isEqualTo(HealthCheck.State.UP);

            assertThat(ours(log, Level.WARN)).singleElement().satisfies(line -> {
                assertThat(line.message())
                        .startsWith("inngest:newEvents consumer (route events): polling Inngest failed: listEvents failed:"
                                    + " could not reach Inngest at " + INNGEST.baseUrl())
                        .contains("running and reachable at " + INNGEST.baseUrl()).contains("Check option baseUrl");
                assertThat(line.thrown()).isNull();
            });
            assertThat(ours(log, Level.INFO)).filteredOn(line -> line.message().contains("works again")).singleElement()
                    .satisfies(line -> assertThat(line.message()).matches(
                            "inngest:newEvents consumer \\(route events\\): polling Inngest works again after \\d+ failed polls"));
            assertThat(log.lines()).filteredOn(ConsumerUnreachableTest::isOurs)
                    .noneMatch(line -> line.level().isMoreSpecificThan(Level.WARN) && line.thrown() != null);
        } finally {
            // after the capture has ended, so that these lines are not captured themselves
            log.lines().forEach(line -> LOG.info("UNREACHABLE-LOG: {}", line));
        }
    }

    /**
     * The lines of the component and of Camel: the log of the JVM also holds what other tests left running says (a
     * ZooKeeper client of a cluster test reconnecting to a stopped server, for one).
     */
    private static boolean isOurs(LogLines.Line line) {
        return line.logger().startsWith("io.camelinngest") || line.logger().startsWith("org.apache.camel");
    }

    private static java.util.List<LogLines.Line> ours(LogLines log, Level level) {
        return log.at(level).stream().filter(ConsumerUnreachableTest::isOurs).toList();
    }

    @Test
    void runStatusNamesItselfWhenItsPollsFail() throws Exception {
        StoredRun run = FAKE.putRun(new StoredRun(
                Ulids.at(Instant.now()), null, "fn", "my-app", "Running", Instant.now(),
                null, null));
        StubMapping outage = INNGEST.stubFor(get(urlPathMatching("/v2/runs/.*")).atPriority(1)
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        try (LogLines log = LogLines.capture(LEVELS, RESTORE)) {
            startRoute("runs", "inngest:runStatus?runId=" + run.runId()
                               + "&delay=20&initialDelay=0&runPollInterval=20&maxRetries=0");
            await().atMost(Duration.ofSeconds(30)).until(() -> errorCounter("runs") >= 5);
            assertThat(readiness("runs")).isEqualTo(HealthCheck.State.DOWN);
            INNGEST.removeStub(outage);
            await().atMost(Duration.ofSeconds(30)).until(() -> readiness("runs") == HealthCheck.State.UP);

            assertThat(ours(log, Level.WARN)).singleElement().satisfies(line -> assertThat(line.message())
                    .startsWith("inngest:runStatus consumer (route runs): polling Inngest failed: getRun failed:"));
            assertThat(ours(log, Level.INFO)).anySatisfy(line -> assertThat(line.message())
                    .startsWith("inngest:runStatus consumer (route runs): polling Inngest works again"));
        }
    }
}
