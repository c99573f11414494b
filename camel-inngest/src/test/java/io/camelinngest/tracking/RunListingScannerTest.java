package io.camelinngest.tracking;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.camelinngest.client.HttpSettings;
import io.camelinngest.client.HttpTransport;
import io.camelinngest.client.InngestClient;
import io.camelinngest.client.InngestClientConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The two v2 runs listings as {@code runStatus?source=v2} reads them: a run repeated by a later page of the same read
 * comes once, and with a settle window a run the listing by {@code queuedAt} shows after one queued after it still
 * comes first. Clocks the test moves make each step exact.
 */
class RunListingScannerTest {

    @RegisterExtension
    static final WireMockExtension INNGEST = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static final Instant T0 = Instant.parse("2026-12-08T01:00:00Z");
    private static final String A = "01M99JM41RZQ9C06SVTP4KBTBM";
    private static final String B = "01M99JM5B2278R4RVQQ42SPS3Q";

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final AtomicReference<Instant> now = new AtomicReference<>(T0);
    private HttpTransport transport;
    private InngestClient client;

    @BeforeEach
    void client() {
        transport = HttpTransport.create(HttpSettings.defaults());
        client = new InngestClient(
                InngestClientConfig.builder().baseUrl(INNGEST.baseUrl())
                        .signingKey("signkey-test-12345678").retryDelay(Duration.ofMillis(1)).build(),
                transport);
    }

    @AfterEach
    void close() {
        transport.close();
    }

    private RunListingScanner scanner(Duration settle) {
        return new RunListingScanner(client, "my-app", null, Duration.ofSeconds(5), 51, settle, nanos::get, now::get);
    }

    private static String run(String id, String status, Instant queuedAt, Instant endedAt) {
        return "{\"id\": \"" + id + "\", \"function\": {\"id\": \"ship-order\"}, \"app\": {\"id\": \"my-app\"},"
               + " \"status\": \"" + status + "\", \"queuedAt\": \"" + queuedAt + "\""
               + (endedAt == null ? "" : ", \"endedAt\": \"" + endedAt + "\"") + "}";
    }

    private static String page(String cursor, String... runs) {
        return "{\"data\": [" + String.join(",", runs) + "], \"page\": {" + (cursor == null
                ? "\"hasMore\": false"
                : "\"cursor\": \"" + cursor + "\", \"hasMore\": true")
               + ", \"limit\": 51}}";
    }

    private static void listQueued(String... runs) {
        INNGEST.stubFor(get(urlPathEqualTo("/v2/runs")).withQueryParam("timeField", equalTo("queuedAt"))
                .willReturn(okJson(page(null, runs))));
    }

    @Test
    void aRunRepeatedByALaterPageOfTheSameReadComesOnce() {
        Instant end = T0.plusSeconds(1);
        INNGEST.stubFor(get(urlPathEqualTo("/v2/runs")).withQueryParam("cursor", absent())
                .willReturn(okJson(page("c1", run(A, "COMPLETED", T0, end)))));
        INNGEST.stubFor(get(urlPathEqualTo("/v2/runs")).withQueryParam("cursor", equalTo("c1"))
                .willReturn(okJson(page(null, run(A, "COMPLETED", T0, end), run(B, "COMPLETED", T0, end.plusMillis(5))))));

        List<RunListingScanner.Listed> listed = scanner(Duration.ZERO).newRuns(
                null, Watermark.startingAt(T0.minusSeconds(1)), List.of(), 0);

        assertThat(listed).extracting(l -> l.run().runId()).containsExactly(A, B);
    }

    @Test
    void aRunFromBeforeTheReadsStartOnALaterPageIsNotNewAgain() {
        // A ended and was delivered; the watermark moved on past the overlap, so A's ID is forgotten
        Watermark ended = Watermark.startingAt(T0.minusSeconds(1));
        ended.delivered(A, T0.plusSeconds(1), Duration.ofSeconds(5));
        ended.delivered(B, T0.plusSeconds(10), Duration.ofSeconds(5));
        Instant later = T0.plusSeconds(11);
        String c = "01M99JM6B2278R4RVQQ42SPS3Q";
        INNGEST.stubFor(get(urlPathEqualTo("/v2/runs")).withQueryParam("cursor", absent())
                .willReturn(okJson(page("c1", run(c, "COMPLETED", T0, later)))));
        // the next page of the same read repeats A, which ended before the read's start (watermark - overlap)
        INNGEST.stubFor(get(urlPathEqualTo("/v2/runs")).withQueryParam("cursor", equalTo("c1"))
                .willReturn(okJson(page(null, run(A, "COMPLETED", T0, T0.plusSeconds(1))))));

        List<RunListingScanner.Listed> listed = scanner(Duration.ZERO).newRuns(null, ended, List.of(), 0);

        assertThat(listed).extracting(l -> l.run().runId()).containsExactly(c);
    }

    @Test
    void aRunWithAStatusTheListingDidNotAskForIsSkipped() {
        // the listing of new runs asks for queued and running runs; a later page under a burst can show an ended one
        listQueued(run(A, "COMPLETED", T0, T0.plusSeconds(1)), run(B, "RUNNING", T0.plusMillis(10), null));

        assertThat(scanner(Duration.ZERO).newRuns(Watermark.startingAt(T0.minusSeconds(1)), null, List.of(), 0))
                .extracting(l -> l.run().runId()).containsExactly(B);
    }

    @Test
    void withASettleWindowARunListedLateStillComesFirst() {
        RunListingScanner scanner = scanner(Duration.ofSeconds(3));
        Watermark queued = Watermark.startingAt(T0.minusSeconds(1));
        listQueued(run(B, "RUNNING", T0.plusMillis(10), null));
        now.set(T0.plusMillis(100));
        assertThat(scanner.newRuns(queued, null, List.of(), 0)).as("b is not settled yet").isEmpty();

        listQueued(run(A, "RUNNING", T0, null), run(B, "RUNNING", T0.plusMillis(10), null));
        now.set(T0.plusMillis(3005));
        nanos.addAndGet(Duration.ofMillis(2905).toNanos());
        assertThat(scanner.newRuns(queued, null, List.of(), 0)).as("a settled by the clock, b not yet")
                .extracting(l -> l.run().runId()).containsExactly(A);

        now.set(T0.plusMillis(3011));
        nanos.addAndGet(Duration.ofMillis(6).toNanos());
        assertThat(scanner.newRuns(queued, null, List.of(), 0)).extracting(l -> l.run().runId()).containsExactly(A, B);
    }

    @Test
    void withoutOneWhatIsListedComesAtOnce() {
        listQueued(run(B, "RUNNING", T0.plusMillis(10), null));
        now.set(T0.plusMillis(100));
        assertThat(scanner(Duration.ZERO).newRuns(Watermark.startingAt(T0.minusSeconds(1)), null, List.of(), 0))
                .extracting(l -> l.run().runId()).containsExactly(B);
    }
}
