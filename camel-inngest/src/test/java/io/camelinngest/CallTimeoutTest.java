package io.camelinngest;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;

import io.camelinngest.client.InngestApiException;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.camelinngest.ContractFixtures.RUN_ID;
import static io.camelinngest.ContractFixtures.RUN_PATH;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * One call's time budget (callTimeout) over all its attempts: a server that accepts and never answers costs the budget,
 * not maxRetries + 1 response timeouts; a server that refuses connections fails at once and says so.
 */
class CallTimeoutTest extends InngestTestSupport {

    private static final Logger LOG = LoggerFactory.getLogger(CallTimeoutTest.class);

    @Test
    void aHungServerCostsOneCallTimeoutAndTheErrorSaysAttemptsTimeAndTheOption() {
        INNGEST.stubFor(get(urlEqualTo(RUN_PATH)).willReturn(aResponse().withStatus(200).withFixedDelay(5_000)));

        long started = System.nanoTime();
        Exchange exchange = call("inngest:getRun?runId=" + RUN_ID
                                 + "&responseTimeout=400&callTimeout=1000&maxRetries=10&retryDelay=50&retryMaxDelay=50");
        double seconds = (System.nanoTime() - started) / 1e9;

        InngestApiException e = (InngestApiException) exchange.getException();
        int attempts = INNGEST.findAll(getRequestedFor(urlEqualTo(RUN_PATH))).size();
        LOG.info("CALL-TIMEOUT: hung server, responseTimeout=400ms callTimeout=1000ms maxRetries=10:"
                 + " attempts={} seconds={} message={}",
                attempts, String.format("%.2f", seconds), e.getMessage());
        assertThat(e.getMessage())
                .startsWith("getRun failed: no answer within callTimeout (1000 ms): " + attempts + " attempts in ")
                .contains("raise option callTimeout")
                .contains("could not reach Inngest at " + INNGEST.baseUrl()).contains("Timeout");
        assertThat(attempts).isBetween(2, 3);
        assertThat(seconds).isBetween(0.9, 2.5);
        assertThat(e.isRetryable()).isTrue();
    }

    @Test
    void aRefusedConnectionFailsAtOnceAndSaysSo() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        long started = System.nanoTime();
        // the defaults: maxRetries=3, retryDelay=500 ms would take seconds if a refused connection were retried
        Exchange exchange = call("inngest:getRun?retryDelay=500&baseUrl=http://localhost:" + closedPort, null,
                Map.of(InngestConstants.RUN_ID, RUN_ID));
        double seconds = (System.nanoTime() - started) / 1e9;

        InngestApiException e = (InngestApiException) exchange.getException();
        LOG.info("CALL-REFUSED: attempts=1 seconds={} message={}", String.format("%.2f", seconds), e.getMessage());
        assertThat(e.getMessage())
                .startsWith("getRun failed: could not reach Inngest at http://localhost:" + closedPort + " (")
                .contains("the connection was refused; is the Inngest server (the Dev Server in dev mode) running there?"
                          + " Check option baseUrl. 1 attempt in ");
        assertThat(seconds).isLessThan(0.5);
    }
}
