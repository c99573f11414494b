package io.camelinngest.gateway;

import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.Map;

import io.camelinngest.testing.FakeInngest;
import io.camelinngest.testing.FakeInngestServer;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static io.camelinngest.gateway.GatewayTestSupport.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The MCP port's connections, with its idle timeout shortened so the test stays fast: a tool call that waits for
 * Inngest longer than the idle timeout still gets its answer (Jetty does not count a request being handled as idle),
 * and a connection that sends nothing, or stops in the middle of a request, is closed after the idle timeout.
 */
class McpConnectionTest {

    private static final Logger LOG = LoggerFactory.getLogger(McpConnectionTest.class);
    private static final long IDLE_MS = 2_000;
    /** How long the fake Inngest takes to answer while a slow call is tested: more than twice the idle timeout. */
    private static final int SLOW_INNGEST_MS = 5_000;
    private static final long MARGIN_MS = 3_000;

    private static FakeInngestServer inngest;
    private static Gateway gateway;

    @BeforeAll
    static void start() throws Exception {
        inngest = FakeInngestServer.start();
        gateway = new Gateway(
                GatewaySettings.of("127.0.0.1", 0, 0, BearerToken.of(TOKEN)), Map.of(
                        "camel.component.inngest.dev", inngest.url(),
                        "camel.component.inngest.responseTimeout", "20000"),
                g -> {
                }).mcpIdleTimeout(IDLE_MS).start();
    }

    @AfterAll
    static void stop() throws Exception {
        GatewayTestSupport.close(gateway, inngest);
    }

    @Test
    void aToolCallThatWaitsLongerThanTheIdleTimeoutIsAnswered() throws Exception {
        FakeInngest.StoredEvent event = inngest.fake().addEvent("mcp/slow", Instant.now(), Map.of("order", "slow-1"));
        GatewayTestSupport.gateway = gateway;
        McpSyncClient client = GatewayTestSupport.mcpClient("Bearer " + TOKEN);
        try {
            client.initialize();
            inngest.wireMock().setGlobalFixedDelay(SLOW_INNGEST_MS);
            long start = System.nanoTime();
            CallToolResult result = client.callTool(new CallToolRequest("getevent", Map.of("eventId", event.internalId())));
            long elapsed = (System.nanoTime() - start) / 1_000_000;
            LOG.info("MCP port: getevent answered after {} ms (Inngest answered after {} ms, idle timeout {} ms)",
                    elapsed, SLOW_INNGEST_MS, IDLE_MS);

            assertThat(elapsed).isGreaterThanOrEqualTo(SLOW_INNGEST_MS);
            assertThat(result.isError()).as(result.content().toString()).isNotEqualTo(Boolean.TRUE);
            assertThat(((TextContent) result.content().get(0)).text()).contains("slow-1").contains(event.internalId());
        } finally {
            inngest.wireMock().setGlobalFixedDelay(0);
            client.closeGracefully();
        }
    }

    @Test
    void aConnectionThatSendsNothingIsClosed() throws Exception {
        assertThat(closedAfterSending("")).isBetween(IDLE_MS - 500, IDLE_MS + MARGIN_MS);
    }

    @Test
    void aHalfSentRequestIsClosed() throws Exception {
        assertThat(closedAfterSending("POST /mcp HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthoriz"))
                .isBetween(IDLE_MS - 500, IDLE_MS + MARGIN_MS);
    }

    @Test
    void aHalfSentBodyIsClosed() throws Exception {
        assertThat(closedAfterSending("POST /mcp HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + TOKEN
                                      + "\r\nContent-Type: application/json\r\nAccept: application/json, text/event-stream"
                                      + "\r\nContent-Length: 100\r\n\r\n{\"jsonrpc\":\"2.0\","))
                .isBetween(IDLE_MS - 500, IDLE_MS + MARGIN_MS);
    }

    /**
     * Writes the bytes, then waits for the server to end the connection: the time it took, in ms. What Jetty may write
     * before closing (an error answer to a half-sent request) is read and logged.
     */
    private static long closedAfterSending(String bytes) throws IOException {
        RawSockets.Closed closed = RawSockets.closedAfterSending(
                URI.create(gateway.mcpUrl()).getPort(), bytes, IDLE_MS + MARGIN_MS + 5_000);
        LOG.info("MCP port: connection after sending {} bytes closed after {} ms (idle timeout {} ms), answered: {}",
                bytes.length(), closed.millis(), IDLE_MS,
                closed.answer().isEmpty() ? "nothing" : closed.answer().lines().findFirst().orElse(""));
        return closed.millis();
    }
}
