package io.camelinngest.testing;

import com.github.tomakehurst.wiremock.WireMockServer;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

/**
 * A {@link FakeInngest} on a WireMock server of its own, on loopback: point the component's {@code dev} option (or
 * {@code baseUrl} and {@code eventBaseUrl}) at {@link #url()}.
 */
public final class FakeInngestServer implements AutoCloseable {

    private final FakeInngest fake = new FakeInngest();
    private final WireMockServer server;

    private FakeInngestServer(int port) {
        server = new WireMockServer(wireMockConfig().bindAddress("127.0.0.1").port(port).extensions(fake));
        server.start();
        server.stubFor(any(anyUrl()).atPriority(10).willReturn(aResponse().withTransformers(FakeInngest.NAME)));
    }

    /** Starts a fake Inngest on a free port. */
    public static FakeInngestServer start() {
        return new FakeInngestServer(0);
    }

    /** Starts a fake Inngest on the given port (8288 is the Dev Server's). */
    public static FakeInngestServer start(int port) {
        return new FakeInngestServer(port);
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
