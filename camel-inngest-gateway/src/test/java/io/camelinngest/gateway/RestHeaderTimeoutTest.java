package io.camelinngest.gateway;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import io.camelinngest.testing.FakeInngestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static io.camelinngest.gateway.GatewayTestSupport.TOKEN;
import static io.camelinngest.gateway.GatewayTestSupport.raw;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The REST port's limit on the time to receive a new connection's first request headers (shortened here), on a raw
 * socket: a client that trickles its request a byte at a time, each byte well within the idle timeout, is closed once
 * the limit passes; a request that arrives within it is answered, however long Inngest then takes.
 */
class RestHeaderTimeoutTest {

    private static final Logger LOG = LoggerFactory.getLogger(RestHeaderTimeoutTest.class);
    private static final long HEADER_TIMEOUT_MS = 1_500;
    private static final long MARGIN_MS = 2_000;
    private static final String REQUEST = "GET /openapi.json HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + TOKEN
                                          + "\r\nConnection: close\r\n\r\n";

    private static FakeInngestServer inngest;
    private static Gateway gateway;

    @BeforeAll
    static void start() throws Exception {
        inngest = FakeInngestServer.start();
        // the idle timeout stays long (the default callTimeout and 5 s): only the header limit can close these
        gateway = new Gateway(
                GatewaySettings.of("127.0.0.1", 0, 0, BearerToken.of(TOKEN)),
                Map.of("camel.component.inngest.dev", inngest.url()), g -> {
                }).restHeaderTimeout(HEADER_TIMEOUT_MS).start();
    }

    @AfterAll
    static void stop() throws Exception {
        GatewayTestSupport.close(gateway, inngest);
    }

    @Test
    void aTrickledRequestIsClosedOnceTheHeaderTimeoutPasses() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port())) {
            socket.setSoTimeout(50);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            long start = System.nanoTime();
            long closedAfter = -1;
            // one byte every 150 ms or so: the whole request would take over 15 s
            for (int i = 0; i < REQUEST.length() && closedAfter < 0; i++) {
                try {
                    out.write(REQUEST.charAt(i));
                    out.flush();
                    if (in.read() == -1) {
                        closedAfter = (System.nanoTime() - start) / 1_000_000;
                    }
                } catch (java.net.SocketTimeoutException stillOpen) {
                    // nothing to read yet: the connection is open
                } catch (SocketException closed) {
                    closedAfter = (System.nanoTime() - start) / 1_000_000;
                }
                Thread.sleep(100);
            }
            LOG.info("REST port: a request trickled a byte at a time was closed after {} ms (header timeout {} ms)",
                    closedAfter, HEADER_TIMEOUT_MS);

            assertThat(closedAfter).as("closed before the request was complete").isPositive();
            assertThat(closedAfter).isBetween(HEADER_TIMEOUT_MS - 200, HEADER_TIMEOUT_MS + MARGIN_MS);
        }
    }

    @Test
    void aConnectionThatSendsNothingIsClosedOnceTheHeaderTimeoutPasses() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port())) {
            socket.setSoTimeout((int) (HEADER_TIMEOUT_MS + MARGIN_MS + 5_000));
            long start = System.nanoTime();
            int read;
            try {
                read = socket.getInputStream().read();
            } catch (SocketException reset) {
                read = -1;
            }
            long closedAfter = (System.nanoTime() - start) / 1_000_000;

            assertThat(read).isEqualTo(-1);
            assertThat(closedAfter).isBetween(HEADER_TIMEOUT_MS - 200, HEADER_TIMEOUT_MS + MARGIN_MS);
        }
    }

    @Test
    void aRequestWithinTheLimitIsAnsweredThoughInngestTakesLonger() throws Exception {
        inngest.wireMock().setGlobalFixedDelay((int) (2 * HEADER_TIMEOUT_MS));
        try {
            GatewayTestSupport.RawResponse response = raw(port(), "GET /v1/events?limit=1 HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                                                  + "Authorization: Bearer " + TOKEN
                                                                  + "\r\nConnection: close\r\n\r\n");

            assertThat(response.status()).as(response.headers()).isEqualTo(200);
            // chunked: the JSON is inside the chunk framing
            assertThat(response.body()).contains("{\"data\":[");
        } finally {
            inngest.wireMock().setGlobalFixedDelay(0);
        }
    }

    @Test
    void aKeptAliveConnectionServesItsNextRequestAfterTheLimit() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port())) {
            socket.setSoTimeout(10_000);
            String first = REQUEST.replace("Connection: close", "Connection: keep-alive");
            socket.getOutputStream().write(first.getBytes(StandardCharsets.UTF_8));
            assertThat(RawSockets.readHead(socket.getInputStream())).startsWith("HTTP/1.1 200");
            // the limit is on a connection's first request; the next one has the idle timeout
            Thread.sleep(HEADER_TIMEOUT_MS + 500);
            socket.getOutputStream().write(REQUEST.getBytes(StandardCharsets.UTF_8));
            assertThat(RawSockets.readHead(socket.getInputStream())).startsWith("HTTP/1.1 200");
        }
    }

    private static int port() {
        return java.net.URI.create(gateway.restUrl()).getPort();
    }
}
