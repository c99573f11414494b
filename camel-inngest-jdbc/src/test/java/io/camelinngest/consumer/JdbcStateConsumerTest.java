package io.camelinngest.consumer;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.camelinngest.jdbc.JdbcStateRepository;
import io.camelinngest.jdbc.TcpProxy;
import io.camelinngest.jdbc.TestDatabase;
import io.camelinngest.state.StaleStateException;
import org.apache.camel.CamelContext;
import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.support.DefaultPollingConsumerPollStrategy;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The newEvents consumer with its position in a {@link JdbcStateRepository} on a real database ({@link TestDatabase}):
 * a node that was paused while another took over cannot move the position back; a database that goes away mid-stream
 * stops the deliveries (readiness DOWN) until it is back, and then they resume from the last committed position with
 * nothing lost; a missing table fails the route at start with the SQL to create it.
 */
class JdbcStateConsumerTest extends ConsumerTestSupport {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcStateConsumerTest.class);

    private static final AtomicInteger TABLES = new AtomicInteger();
    private static TestDatabase database;

    /** The failed polls of the test's own context, as its poll strategy saw them. */
    private final List<Exception> failedPolls = new CopyOnWriteArrayList<>();

    @TempDir
    Path dir;

    @BeforeAll
    static void database() {
        database = TestDatabase.get();
    }

    @Override
    public boolean isUseRouteBuilder() {
        return false;
    }

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        enableConsumerHealthChecks(context);
        context.getRegistry().bind("recordFailures", recorder(failedPolls));
        return context;
    }

    private static DefaultPollingConsumerPollStrategy recorder(List<Exception> failures) {
        return new DefaultPollingConsumerPollStrategy() {
            @Override
            public boolean rollback(Consumer consumer, Endpoint endpoint, int retryCounter, Exception cause) {
                failures.add(cause);
                return false;
            }
        };
    }

    private static String newTable() {
        return "CONSUMER_STATE_" + TABLES.incrementAndGet() + "_" + System.nanoTime() % 100_000;
    }

    private static JdbcStateRepository repository(String table) {
        JdbcStateRepository repository = new JdbcStateRepository(database.dataSource());
        repository.setTableName(table);
        return repository;
    }

    /** An application instance of its own whose route keeps its position in the shared table. */
    private ConsumerNode jdbcNode(
            String name, String table, String uri, org.apache.camel.Processor work,
            List<Exception> failures)
            throws Exception {
        ConsumerNode node = new ConsumerNode(name, INNGEST.baseUrl(), dir.resolve(name + "-unused.dat").toFile());
        node.context.getRegistry().bind("jdbc", repository(table));
        node.context.getRegistry().bind("recordFailures", recorder(failures));
        return node.route(uri, null, work);
    }

    private static int eventRequests() {
        return INNGEST.findAll(getRequestedFor(urlPathEqualTo("/v1/events"))).size();
    }

    private HealthCheck.State readiness() {
        return readinessOf("events").getState();
    }

    /** With {@code positionCommit=poll}, a writes at the end of its batch (after the 15th): refused the same way. */
    @ParameterizedTest
    @ValueSource(strings = { "message", "poll" })
    void aNodePausedWhileAnotherTookOverCannotMoveThePositionBack(String positionCommit) throws Exception {
        Instant start = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(30);
        String table = newTable();
        String uri = "inngest:newEvents?stateRepository=#jdbc&pollStrategy=#recordFailures&maxMessagesPerPoll=5&delay=50"
                     + "&initialDelay=0&positionCommit=" + positionCommit + "&startFrom=" + start;
        List<Exception> failuresOfA = new CopyOnWriteArrayList<>();
        CountDownLatch pause = new CountDownLatch(1);
        try (EventFeed feed = new EventFeed(FAKE)) {
            feed.backlog(start, 20, 100);
            String eleventh = feed.ids().get(10);
            try (ConsumerNode a = jdbcNode("node-a", table, uri, exchange -> {
                if (idOf(exchange).equals(eleventh)) {
                    pause.await(20, TimeUnit.SECONDS); // a long GC pause, or a network partition, mid-exchange
                }
            }, failuresOfA)) {
                a.start();
                await().atMost(Duration.ofSeconds(10)).until(() -> a.received.size() == 11);

                // meanwhile another node leads: it reads the position a wrote (after the 10th) and delivers the rest
                try (ConsumerNode b = jdbcNode("node-b", table, uri, ConsumerNode::noWork, new CopyOnWriteArrayList<>())) {
                    b.start();
                    await().atMost(Duration.ofSeconds(10)).until(() -> b.received.size() == 10);
                    assertThat(b.received).containsExactlyElementsOf(feed.ids().subList(10, 20));
                    b.context.getRouteController().stopRoute("events");

                    // a wakes up: its exchange completes, and its write of "after the 11th" is refused
                    pause.countDown();
                    await().atMost(Duration.ofSeconds(10)).until(() -> !failuresOfA.isEmpty());
                    assertThat(failuresOfA.get(0)).isInstanceOf(StaleStateException.class)
                            .hasMessageContaining("was written by another node since this one read it");
                    a.context.getRouteController().stopRoute("events");
                }
            }

            // the next node to lead resumes after the 20th, where b left it: nothing comes again
            List<Exception> failuresOfC = new CopyOnWriteArrayList<>();
            try (ConsumerNode c = jdbcNode("node-c", table, uri, ConsumerNode::noWork, failuresOfC)) {
                c.start();
                feed.live();
                await().atMost(Duration.ofSeconds(10)).until(() -> c.received.size() == 1);
                await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> c.received.size() == 1);
                assertThat(c.received).containsExactly(feed.ids().get(20));
                assertThat(failuresOfC).isEmpty();
            }
            LOG.info("STALE: {} positionCommit={} staleWriteRefused={}", database.engine(), positionCommit,
                    failuresOfA.get(0).getClass().getSimpleName());
        }
    }

    @Test
    void aDatabaseThatGoesAwayStopsDeliveryAndTheConsumerResumesFromTheLastCommittedPosition() throws Exception {
        Instant start = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(30);
        try (EventFeed feed = new EventFeed(FAKE); TcpProxy db = database.proxy()) {
            JdbcStateRepository repository = new JdbcStateRepository(database.dataSourceVia(db));
            repository.setTableName(newTable());
            context.getRegistry().bind("jdbc", repository);
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("inngest:newEvents?stateRepository=#jdbc&pollStrategy=#recordFailures&maxMessagesPerPoll=5&delay=100"
                         + "&initialDelay=0&startFrom=" + start)
                            .routeId("events").process(exchange -> received.add(idOf(exchange)));
                }
            });
            feed.backlog(start, 10, 100);
            context.start();
            await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 10);
            // the next poll starts only after the 10th position was written
            int polls = eventRequests();
            await().atMost(Duration.ofSeconds(10)).until(() -> eventRequests() > polls);
            assertThat(readiness()).isEqualTo(HealthCheck.State.UP);

            db.close();
            for (int i = 0; i < 10; i++) {
                feed.live();
            }
            // the next event is delivered, its position cannot be written: from then on the consumer delivers nothing
            await().atMost(Duration.ofSeconds(10)).until(() -> readiness() == HealthCheck.State.DOWN);
            int duringOutage = received.size();
            assertThat(duringOutage).isEqualTo(11);
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> received.size() == duringOutage);
            assertThat(readiness()).isEqualTo(HealthCheck.State.DOWN);
            // the polls after the failed write try to read the position back (H2's client retries a refused connection
            // for a few seconds before it fails)
            await().atMost(Duration.ofSeconds(30)).until(() -> failedPolls.size() >= 2);
            assertThat(received).hasSize(duringOutage);
            int failedWhileDown = failedPolls.size();
            assertThat(failedPolls.get(0)).hasMessageContaining("Cannot write the state under key");
            assertThat(failedPolls.get(1)).hasMessageContaining("Cannot read the state under key");

            db.open();
            await().atMost(Duration.ofSeconds(10)).until(() -> received.stream().distinct().count() == 20);
            await().atMost(Duration.ofSeconds(5)).until(() -> readiness() == HealthCheck.State.UP);

            DeliveryReport report = new DeliveryReport("database-outage", feed.ids()).node("route", received)
                    .with("database", database.engine().replace(' ', '_')).with("failedPollsWhileDown", failedWhileDown);
            report.print();
            assertThat(received.stream().distinct().toList()).containsExactlyElementsOf(feed.ids());
            // the one event in flight when the database went away comes again, since its position was never written
            assertThat(report.duplicates()).containsExactly(feed.ids().get(10));
        }
    }

    @Test
    void aMissingTableFailsTheRouteAtStartWithTheSqlToCreateIt() throws Exception {
        String table = newTable();
        JdbcStateRepository repository = repository(table);
        repository.setCreateTableIfNotExists(false);
        context.getRegistry().bind("jdbc", repository);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("inngest:newEvents?stateRepository=#jdbc&delay=50").routeId("events")
                        .process(e -> received.add("unexpected"));
            }
        });
        assertThatThrownBy(() -> context.start())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Table " + table + " of the JdbcStateRepository is missing")
                .hasMessageContaining("create it with: CREATE TABLE " + table + " (stateKey VARCHAR(255) NOT NULL PRIMARY KEY");
        assertThat(INNGEST.getAllServeEvents()).isEmpty();
        assertThat(received).isEmpty();
    }
}
