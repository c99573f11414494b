package io.camelinngest.testing;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import com.github.tomakehurst.wiremock.verification.RequestJournalDisabledException;
import io.camelinngest.testing.FakeInngest.StoredRun;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A long run does not grow the fake's heap with every request: WireMock's request journal keeps the latest requests
 * only, the cache of v1 answers stays bounded, and reading, cancelling ended runs and signalling nobody leaves the
 * fake's own bookkeeping empty. The events and runs the test created are all still there.
 */
class FakeBoundsTest {

    private static final Logger LOG = System.getLogger(FakeBoundsTest.class.getName());
    // 40 times the journal's bound, and long enough (40 s of the test's clock) for every cache window to pass many times
    private static final int REQUESTS = 40_000;
    private static final int THREADS = 4;

    @Test
    void aLongRunKeepsTheJournalTheCacheAndTheBookkeepingBounded() throws Exception {
        try (FakeInngestServer server = FakeInngestServer.start()) {
            FakeInngest fake = server.fake();
            SteppingClock clock = new SteppingClock(Instant.parse("2026-12-07T12:00:00Z"));
            fake.setClock(clock);
            fake.onEvent("shop/order.paid", "test-app", "ship-order", Duration.ZERO,
                    data -> Map.of("shipped", true, "tracking", "TRK-" + data.get("order")));
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            List<String> eventIds = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                String body = send(http, server, "POST", "/e/key",
                        "{\"name\":\"shop/order.paid\",\"data\":{\"order\":\"" + i + "\"}}");
                eventIds.add(body.substring(body.indexOf("[\"") + 2, body.indexOf("\"]")));
            }
            clock.advance(Duration.ofSeconds(1));
            List<String> runIds = eventIds.stream().map(id -> fake.runsOf(id).get(0).runId()).toList();
            int eventsBefore = fake.events().size();

            AtomicInteger next = new AtomicInteger();
            long started = System.nanoTime();
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                workers.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < REQUESTS; i = next.getAndIncrement()) {
                        String run = runIds.get(i % runIds.size());
                        String event = eventIds.get(i % eventIds.size());
                        switch (i % 8) {
                            // every read of a new URL is a new cache entry on the server
                            case 0 -> send(http, server, "GET", "/v1/runs/" + run + "?n=" + i, null);
                            case 1 -> send(http, server, "GET", "/v1/events/" + event + "/runs?n=" + i, null);
                            case 2 -> send(http, server, "GET", "/v1/events?limit=5&n=" + i, null);
                            case 3 -> send(http, server, "GET", "/v2/runs/" + run + "?includeOutput=true", null);
                            case 4 -> send(http, server, "DELETE", "/v1/runs/" + run, null);
                            case 5 ->
                                send(http, server, "POST", "/v1/signals", "{\"signal\":\"nobody-" + i + "\",\"data\":{}}");
                            case 6 -> send(http, server, "GET", "/v2/events/" + event + "/runs?includeOutput=true", null);
                            default -> send(http, server, "GET", "/v1/runs/" + run + "/jobs?n=" + i, null);
                        }
                        if (i % 1_000 == 0) {
                            clock.advance(Duration.ofSeconds(1));
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
            pool.shutdown();
            long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();
            LOG.log(Level.INFO, "{0} requests in {1} ms; journal {2}, cached answers {3}, bookkeeping {4}", REQUESTS,
                    millis, server.wireMock().getAllServeEvents().size(), fake.cachedAnswers(), fake.bookkeepingSize());

            assertThat(server.wireMock().getAllServeEvents()).as("journal").hasSize(FakeInngestServer.DEFAULT_JOURNAL_ENTRIES);
            assertThat(fake.cachedAnswers()).as("cached v1 answers").isLessThanOrEqualTo(ResponseCache.MAX_ENTRIES);
            assertThat(fake.bookkeepingSize()).as("scheduled run ends and signal waiters").isZero();
            assertThat(fake.events()).as("the events sent stay").hasSize(eventsBefore);
            assertThat(runIds).allSatisfy(id -> assertThat(fake.run(id)).extracting(StoredRun::status).isEqualTo("Completed"));
            // the journal still answers verifications of recent requests (the last one served may be any of the
            // methods above: the threads interleave)
            String last = server.wireMock().getAllServeEvents().get(0).getRequest().getUrl();
            server.wireMock().verify(anyRequestedFor(urlEqualTo(last)));
        }
    }

    @Test
    void expiredCachedAnswersAreDroppedWhenNewOnesAreKept() throws Exception {
        try (FakeInngestServer server = FakeInngestServer.start()) {
            SteppingClock clock = new SteppingClock(Instant.parse("2026-12-07T12:00:00Z"));
            server.fake().setClock(clock);
            HttpClient http = HttpClient.newHttpClient();
            for (int i = 0; i < 100; i++) {
                send(http, server, "GET", "/v1/events/" + Ulids.at(clock.instant()), null);
            }
            // an unknown event is an error answer, never kept; a run list of an unknown event is an empty list, kept
            assertThat(server.fake().cachedAnswers()).isZero();
            for (int i = 0; i < 100; i++) {
                send(http, server, "GET", "/v1/events/" + Ulids.at(clock.instant()) + "/runs", null);
            }
            assertThat(server.fake().cachedAnswers()).isEqualTo(100);

            clock.advance(Duration.ofSeconds(16));
            send(http, server, "GET", "/v1/events/" + Ulids.at(clock.instant()) + "/runs", null);

            assertThat(server.fake().cachedAnswers()).as("the expired 100 dropped, the new one kept").isEqualTo(1);
        }
    }

    @Test
    void theJournalBoundCanBeSetOrTheJournalTurnedOff() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        try (FakeInngestServer five = FakeInngestServer.start(0, 5)) {
            for (int i = 0; i < 20; i++) {
                send(http, five, "GET", "/health?n=" + i, null);
            }
            assertThat(five.wireMock().getAllServeEvents()).extracting(e -> e.getRequest().getUrl())
                    .containsExactly("/health?n=19", "/health?n=18", "/health?n=17", "/health?n=16", "/health?n=15");
        }
        try (FakeInngestServer none = FakeInngestServer.start(0, 0)) {
            assertThat(send(http, none, "GET", "/health", null)).contains("OK");
            assertThatThrownBy(() -> none.wireMock().getAllServeEvents()).isInstanceOf(RequestJournalDisabledException.class);
        }
        assertThatThrownBy(() -> FakeInngestServer.start(0, -1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("journalEntries");
    }

    private static String send(HttpClient http, FakeInngestServer server, String method, String path, String body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.url() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString()).body();
        } catch (Exception e) {
            throw new IllegalStateException(method + " " + path + " failed", e);
        }
    }

    /** A clock the test moves forward. */
    private static final class SteppingClock extends Clock {

        private volatile Instant now;

        SteppingClock(Instant start) {
            this.now = start;
        }

        synchronized void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
