package io.camelinngest.consumer;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.camelinngest.jdbc.CountingDataSource;
import io.camelinngest.jdbc.JdbcStateRepository;
import io.camelinngest.jdbc.TestDatabase;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * How many database transactions the newEvents consumer makes for 1,000 events with its position in a
 * {@link JdbcStateRepository} ({@link TestDatabase}: embedded PostgreSQL): one per event with
 * {@code positionCommit=message}, one per poll with {@code poll}. Counted by a {@link CountingDataSource} between the
 * route's start and the last delivery, logged (the figures of docs/clustering.md), and checked against the number of
 * events and polls.
 */
class JdbcCommitsPerPollTest extends ConsumerTestSupport {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcCommitsPerPollTest.class);
    private static final AtomicInteger TABLES = new AtomicInteger();
    private static final int EVENTS = 1000;
    private static final int BATCH = 100;

    @Override
    public boolean isUseRouteBuilder() {
        return false;
    }

    @ParameterizedTest
    @ValueSource(strings = { "message", "poll" })
    void transactionsPerThousandEvents(String positionCommit) throws Exception {
        Instant start = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(60);
        CountingDataSource database = new CountingDataSource(TestDatabase.get().dataSource());
        JdbcStateRepository repository = new JdbcStateRepository(
                database.dataSource(), "COMMITS_" + TABLES.incrementAndGet() + "_" + System.nanoTime() % 100_000);
        repository.start(); // the table is created here, before the count starts
        context.getRegistry().bind("jdbc", repository);
        try (EventFeed feed = new EventFeed(FAKE)) {
            feed.backlog(start, EVENTS, 5);
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("inngest:newEvents?stateRepository=#jdbc&stateKey=orders&positionCommit=" + positionCommit
                         + "&maxMessagesPerPoll=" + BATCH + "&delay=50&initialDelay=0&startFrom=" + start)
                            .routeId("events")
                            .process(exchange -> received.add(idOf(exchange)));
                }
            });
            long commitsBefore = database.commits();
            long writesBefore = database.writingCommits();
            context.start();
            // one new connection per call (no pool): a transaction per event takes a while on a busy machine
            await().atMost(Duration.ofMinutes(5)).until(() -> received.size() >= EVENTS);
            AbstractInngestConsumer<?> consumer = (AbstractInngestConsumer<?>) context.getRoute("events").getConsumer();
            long polls = consumer.pollCount();
            context.getRouteController().stopRoute("events"); // the last poll's write is done once the route stopped
            long commits = database.commits() - commitsBefore;
            long writingCommits = database.writingCommits() - writesBefore;

            LOG.info("JDBC COMMITS ({}): positionCommit={} events={} transactions={} (writing {}) per 1,000 events={}"
                     + " polls={}",
                    TestDatabase.get().engine(), positionCommit, received.size(), commits, writingCommits,
                    commits * 1000 / received.size(), polls);
            assertThat(received).containsExactlyElementsOf(feed.ids());
            if (positionCommit.equals("message")) {
                assertThat(writingCommits).isGreaterThanOrEqualTo(EVENTS);
            } else {
                // one write per poll that delivered: EVENTS / BATCH full polls, and perhaps one more for the head
                assertThat(writingCommits).isBetween((long) EVENTS / BATCH, (long) EVENTS / BATCH + 1);
            }
        }
    }
}
