package io.camelinngest.gateway;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.camelinngest.testing.FakeInngestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static io.camelinngest.gateway.GatewayTestSupport.JSON;
import static io.camelinngest.gateway.GatewayTestSupport.TOKEN;
import static io.camelinngest.gateway.GatewayTestSupport.raw;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The REST port's connections, written on a raw socket as a slow or hostile client would: an idle or half-sent
 * connection is closed by the server after the idle timeout (the call timeout and a margin; short here), and what
 * Vert.x refuses before any handler runs (headers or a request line too large, a path that cannot be decoded) is
 * answered in JSON.
 */
class RestConnectionTest {

    private static final Logger LOG = LoggerFactory.getLogger(RestConnectionTest.class);
    private static final long CALL_TIMEOUT_MS = 1_000;
    private static final long IDLE_MS = CALL_TIMEOUT_MS + RestServerVertx.IDLE_BEYOND_CALL_TIMEOUT_MS;
    private static final long MARGIN_MS = 3_000;

    private static FakeInngestServer inngest;
    private static Gateway gateway;

    @BeforeAll
    static void start() throws Exception {
        inngest = FakeInngestServer.start();
        gateway = new Gateway(
                GatewaySettings.of("127.0.0.1", 0, 0, BearerToken.of(TOKEN)), Map.of(
                        "camel.component.inngest.dev", inngest.url(),
                        // the idle timeout follows it: a call that waits for Inngest is never cut
                        "camel.component.inngest.callTimeout", Long.toString(CALL_TIMEOUT_MS)),
                g -> {
                }).start();
    }

    @AfterAll
    static void stop() throws Exception {
        GatewayTestSupport.close(gateway, inngest);
    }

    @Test
    void aConnectionThatSendsNothingIsClosed() throws Exception {
        long closedAfter = closedAfterSending("");

        assertThat(closedAfter).isBetween(IDLE_MS - 500, IDLE_MS + MARGIN_MS);
    }

    @Test
    void aHalfSentRequestLineIsClosed() throws Exception {
        long closedAfter = closedAfterSending("GET /v1/eve");

        assertThat(closedAfter).isBetween(IDLE_MS - 500, IDLE_MS + MARGIN_MS);
    }

    @Test
    void halfSentHeadersAreClosed() throws Exception {
        long closedAfter = closedAfterSending("GET /openapi.json HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthoriz");

        assertThat(closedAfter).isBetween(IDLE_MS - 500, IDLE_MS + MARGIN_MS);
    }

    @Test
    void aCompleteRequestIsStillAnswered() throws Exception {
        GatewayTestSupport.RawResponse response = raw(port(), "GET /openapi.json HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                                              + "Authorization: Bearer " + TOKEN
                                                              + "\r\nConnection: close\r\n\r\n");

        assertThat(response.status()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).path("openapi").asText()).startsWith("3.");
    }

    @Test
    void headersTooLargeAreAJson431() throws Exception {
        String big = "x".repeat(10_000);
        GatewayTestSupport.RawResponse response = raw(port(), "GET /v1/events HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                                              + "X-Big: " + big + "\r\n\r\n");

        assertJsonError(response, 431);
        assertThat(response.body()).doesNotContain(big);
    }

    @Test
    void theConnectionIsClosedAfterARefusedRequest() throws Exception {
        // what follows an unreadable request on the same connection cannot be trusted: the server ends it at once
        try (Socket socket = new Socket("127.0.0.1", port())) {
            socket.setSoTimeout((int) (IDLE_MS + MARGIN_MS));
            long start = System.nanoTime();
            socket.getOutputStream().write(("GET /v1/events HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: " + "x".repeat(10_000)
                                            + "\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            long elapsed = (System.nanoTime() - start) / 1_000_000;

            assertThat(answer).startsWith("HTTP/1.1 431");
            assertThat(elapsed).as("closed by the server, not by its idle timeout").isLessThan(IDLE_MS / 2);
        }
    }

    @Test
    void aRequestLineTooLongIsAJson414() throws Exception {
        GatewayTestSupport.RawResponse response = raw(port(), "GET /v1/events?name=" + "a".repeat(5_000)
                                                              + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");

        assertJsonError(response, 414);
    }

    @Test
    void anUndecodablePathIsAJson400() throws Exception {
        for (String path : new String[] { "/v1/%zz", "/v1/runs/%zz", "/%" }) {
            GatewayTestSupport.RawResponse response = raw(port(), "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                                                  + "Authorization: Bearer " + TOKEN
                                                                  + "\r\nConnection: close\r\n\r\n");

            assertJsonError(response, 400);
        }
    }

    private static void assertJsonError(GatewayTestSupport.RawResponse response, int status) throws IOException {
        assertThat(response.status()).as(response.headers()).isEqualTo(status);
        assertThat(response.headers()).containsIgnoringCase("content-type: application/json");
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("status").asInt()).isEqualTo(status);
        assertThat(body.path("message").asText()).isNotBlank();
    }

    /** Writes the bytes, then waits for the server to close the connection: the time it took, in ms. */
    private static long closedAfterSending(String bytes) throws IOException {
        RawSockets.Closed closed = RawSockets.closedAfterSending(port(), bytes, IDLE_MS + MARGIN_MS + 5_000);
        LOG.info("REST port: connection after sending {} bytes closed after {} ms (idle timeout {} ms)",
                bytes.length(), closed.millis(), IDLE_MS);
        assertThat(closed.answer()).as("the server answered instead of closing").isEmpty();
        return closed.millis();
    }

    private static int port() {
        return java.net.URI.create(gateway.restUrl()).getPort();
    }
}
