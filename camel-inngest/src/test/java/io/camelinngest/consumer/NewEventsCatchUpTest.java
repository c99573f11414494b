package io.camelinngest.consumer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.camelinngest.testing.FakeInngest.StoredEvent;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code inngest:newEvents} catching up on a backlog: the events kept by time received, each page read about once (with
 * and without an overlap), no first scan of the whole backlog, and bursts read past each ceiling.
 */
class NewEventsCatchUpTest extends NewEventsTestSupport {

    private static final Logger LOG = LoggerFactory.getLogger(NewEventsCatchUpTest.class);

    @Test
    void whileCatchingUpTheEventsKeptAreTheOldestByReceivedAtNotByInternalId() throws Exception {
        Instant start = Instant.now().minusSeconds(10);
        // stored early, but its internal ID is the newest (a sender's seed set the ID's time)
        StoredEvent earlyWithNewId = FAKE.addEvent(io.camelinngest.testing.Ulids.at(Instant.now()), "order",
                start.plusMillis(1), Map.of());
        List<StoredEvent> others = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            others.add(FAKE.addEvent("order", start.plusMillis(100L + i), Map.of()));
        }

        startRoute("inngest:newEvents?startFrom=" + start
                   + "&maxMessagesPerPoll=2&overlap=0&settleWindow=0&delay=50&initialDelay=0",
                this::record);

        await().atMost(Duration.ofSeconds(30)).until(() -> received.size() >= 5);
        awaitPolls("events", 3); // nothing more comes (twice) in three more polls
        // the first poll keeps the two stored first (none is cut off behind the watermark) and delivers them in the
        // order of their internal IDs; the rest follow
        List<String> expected = new ArrayList<>();
        expected.add(others.get(0).internalId());
        expected.add(earlyWithNewId.internalId());
        expected.addAll(ids(others.subList(1, 4)));
        assertThat(received).containsExactlyElementsOf(expected);
    }

    @Test
    void catchingUpOnABacklogReadsEachPageAboutOnceNotOncePerPoll() throws Exception {
        Instant start = Instant.now().minusSeconds(60);
        List<StoredEvent> events = ordersTenMillisecondsApart(start, 300);

        startRoute("inngest:newEvents?startFrom=" + start + "&pageSize=10&maxMessagesPerPoll=20&overlap=0"
                   + "&delay=10&initialDelay=0",
                this::record);

        await().atMost(Duration.ofSeconds(20)).until(() -> received.size() >= 300);
        int requests = INNGEST.findAll(getRequestedFor(urlPathEqualTo("/v1/events"))).size();
        awaitPolls("events", 3); // nothing more comes (twice) in three more polls
        assertThat(received).containsExactlyElementsOf(ids(events));
        // 15 polls of 20: the first reads all 30 pages and notes where each 20 end; each later poll reads only up to
        // the next of those (2 or 3 pages). Scanning down to the watermark on every poll would take about 240.
        LOG.info("CATCH-UP: events=300 pageSize=10 maxMessagesPerPoll=20 requests={}", requests);
        assertThat(requests).isLessThan(100);
    }

    @Test
    void catchingUpReadsTheBacklogInWindowsWithoutAFirstScanOfTheWholeBacklog() throws Exception {
        Instant start = Instant.now().minusSeconds(120);
        List<StoredEvent> events = ordersTenMillisecondsApart(start, 1000);

        // a poll reads all its pages before it delivers: the requests made before the first delivery are the first poll's
        AtomicInteger firstPollRequests = new AtomicInteger(-1);
        startRoute("inngest:newEvents?startFrom=" + start + "&pageSize=10&maxMessagesPerPoll=100&overlap=0"
                   + "&delay=10&initialDelay=0",
                exchange -> {
                    if (firstPollRequests.get() < 0) {
                        firstPollRequests.set(INNGEST.findAll(getRequestedFor(urlPathEqualTo("/v1/events"))).size());
                    }
                    record(exchange);
                });

        // the first 100 came from the first page (to learn the density) and a window of about 100 events
        await().atMost(Duration.ofSeconds(30)).until(() -> received.size() >= 1000);
        int firstPoll = firstPollRequests.get();
        int requests = INNGEST.findAll(getRequestedFor(urlPathEqualTo("/v1/events"))).size();
        awaitPolls("events", 3); // nothing more comes (twice) in three more polls
        assertThat(received).containsExactlyElementsOf(ids(events));
        LOG.info("CATCH-UP: events=1000 pageSize=10 maxMessagesPerPoll=100 firstPoll={} requests={}", firstPoll,
                requests);
        // a first scan of the whole backlog alone would take 100 requests; the backlog itself is 100 pages
        assertThat(firstPoll).isLessThan(40);
        assertThat(requests).isLessThan(150);
    }

    /**
     * Catching up with an overlap: the overlap behind the watermark is not read again on every poll where the server's
     * newest event shows that nothing more can show up there, so each page of the backlog is read about once
     * (re-reading a 2 s overlap, 20 pages, on each of the 10 polls would take about 300 requests). At the head of the
     * stream the overlap is read as before: an event stored late within it is still delivered.
     */
    @Test
    void catchingUpWithAnOverlapReadsEachPageAboutOnceAndTheHeadKeepsItsOverlap() throws Exception {
        Instant start = Instant.now().minusSeconds(120);
        List<StoredEvent> events = ordersTenMillisecondsApart(start, 1000);
        Instant newest = events.get(events.size() - 1).receivedAt();

        AtomicInteger catchUpRequests = new AtomicInteger(-1);
        startRoute("inngest:newEvents?startFrom=" + start + "&pageSize=10&maxMessagesPerPoll=100&overlap=2000"
                   + "&delay=10&initialDelay=0",
                exchange -> {
                    record(exchange);
                    if (received.size() == 1000) {
                        catchUpRequests.set(INNGEST.findAll(getRequestedFor(urlPathEqualTo("/v1/events"))).size());
                    }
                });
        await().atMost(Duration.ofSeconds(30)).until(() -> received.size() >= 1000);
        LOG.info("CATCH-UP: events=1000 pageSize=10 maxMessagesPerPoll=100 overlap=2000 requests={}",
                catchUpRequests.get());
        assertThat(catchUpRequests.get()).as("requests to catch up on 100 pages").isBetween(100, 160);

        // stored late: received 500 ms before the newest event, after the newest was delivered
        StoredEvent late = FAKE.addEvent(io.camelinngest.testing.Ulids.at(newest.minusMillis(500)), "order",
                newest.minusMillis(500), Map.of());
        await().atMost(Duration.ofSeconds(30)).until(() -> received.size() >= 1001);
        awaitPolls("events", 3); // nothing more comes (twice) in three more polls
        List<String> expected = new ArrayList<>(ids(events));
        expected.add(late.internalId());
        assertThat(received).containsExactlyElementsOf(expected);
    }

    /**
     * Bursts of events caught up in polls smaller than a burst: the polls after the first read up to the time of an
     * event (a ceiling), which {@code received_before} leaves out on the real server (it compares with {@code <}). The
     * event at the ceiling is still delivered, and the consumer goes on past it (it once read up to that ceiling
     * forever, found against the Dev Server).
     */
    @Test
    void burstsCaughtUpInSmallPollsGetPastTheEventAtEachCeiling() throws Exception {
        Instant start = Instant.now().minusSeconds(60);
        List<StoredEvent> events = new ArrayList<>();
        for (int burst = 0; burst < 3; burst++) {
            for (int i = 0; i < 10; i++) {
                events.add(FAKE.addEvent("order", start.plusMillis(500L * burst).plusNanos(100_000L * i), Map.of()));
            }
        }

        startRoute("inngest:newEvents?startFrom=" + start.minusSeconds(1) + "&pageSize=5&maxMessagesPerPoll=10"
                   + "&delay=10&initialDelay=0",
                this::record);

        await().atMost(Duration.ofSeconds(20)).until(() -> received.size() >= events.size());
        awaitPolls("events", 3); // nothing more comes (twice) in three more polls
        assertThat(received).containsExactlyElementsOf(ids(events));
    }

    @Test
    void aBurstOfRecentEventsIsReadOnceWithoutAWindow() throws Exception {
        Instant start = Instant.now().minusSeconds(2);
        List<StoredEvent> events = ordersTenMillisecondsApart(start, 60);

        // one poll: the first page is full, but a window of 1,000 events at this density would end in the future
        startRoute("inngest:newEvents?startFrom=" + start + "&settleWindow=0&delay=60000&initialDelay=0", this::record);

        await().atMost(Duration.ofSeconds(30)).until(() -> received.size() >= 60);
        assertThat(received).containsExactlyElementsOf(ids(events));
        // two pages (51 and 9 events), each read once
        assertThat(INNGEST.findAll(getRequestedFor(urlPathEqualTo("/v1/events")))).hasSize(2);
    }
}
