package io.camelinngest.testing;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

/**
 * A {@link FakeInngest} on a WireMock server of its own, on loopback: point the component's {@code dev} option (or
 * {@code baseUrl} and {@code eventBaseUrl}) at {@link #url()}.
 * <p>
 * WireMock's request journal, which {@code wireMock().verify(...)} reads, keeps the last
 * {@value #DEFAULT_JOURNAL_ENTRIES} requests by default, so that a long run (a demo, a soak test) does not grow the
 * heap with every request; {@link #start(int, int)} sets another bound, or turns the journal off.
 */
public final class FakeInngestServer implements AutoCloseable {

    /** How many of the latest requests the journal keeps unless told otherwise: far more than a test verifies. */
    public static final int DEFAULT_JOURNAL_ENTRIES = 1_000;

    private final FakeInngest fake = new FakeInngest();
    private final WireMockServer server;

    private FakeInngestServer(int port, int journalEntries) {
        if (journalEntries < 0) {
            throw new IllegalArgumentException("journalEntries must be 0 (no journal) or more, not " + journalEntries);
        }
        WireMockConfiguration config = wireMockConfig().bindAddress("127.0.0.1").port(port).extensions(fake);
        server = new WireMockServer(
                journalEntries == 0
                        ? config.disableRequestJournal()
                        : config.maxRequestJournalEntries(journalEntries));
        server.start();
        server.stubFor(any(anyUrl()).atPriority(10).willReturn(aResponse().withTransformers(FakeInngest.NAME)));
    }

    /** Starts a fake Inngest on a free port. */
    public static FakeInngestServer start() {
        return new FakeInngestServer(0, DEFAULT_JOURNAL_ENTRIES);
    }

    /** Starts a fake Inngest on the given port (8288 is the Dev Server's; 0 picks a free one). */
    public static FakeInngestServer start(int port) {
        return new FakeInngestServer(port, DEFAULT_JOURNAL_ENTRIES);
    }

    /**
     * Starts a fake Inngest whose request journal keeps the latest {@code journalEntries} requests; 0 turns the journal
     * off (then {@code wireMock().verify(...)} throws, and nothing is kept per request).
     */
    public static FakeInngestServer start(int port, int journalEntries) {
        return new FakeInngestServer(port, journalEntries);
    }

    public FakeInngest fake() {
        return fake;
    }

    /** The WireMock server, for stubbing faults on top (use a priority below 10) and checking requests. */
    public WireMockServer wireMock() {
        return server;
    }

    /** The origin of both APIs, e.g. {@code http://127.0.0.1:41234}. */
    public String url() {
        return "http://127.0.0.1:" + server.port();
    }

    @Override
    public void close() {
        server.stop();
    }
}
