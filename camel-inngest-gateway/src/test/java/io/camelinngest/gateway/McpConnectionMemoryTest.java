package io.camelinngest.gateway;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What an open MCP connection costs the gateway while its client keeps it (MCP clients keep theirs for the whole
 * session). Raw sockets, so the heap measured holds the server's side only; two requests on each, since Jetty's
 * per-connection header cache is built from the second request on.
 */
class McpConnectionMemoryTest extends GatewayTestSupport {

    private static final Logger LOG = LoggerFactory.getLogger(McpConnectionMemoryTest.class);
    private static final int CONNECTIONS = 200;
    /** Jetty's default header cache alone is a 96 KB char[] per connection. */
    private static final long MAX_BYTES_PER_CONNECTION = 32 * 1024;

    @Test
    void anOpenConnectionKeepsLittleHeap() throws Exception {
        List<Socket> sockets = new ArrayList<>();
        try {
            long before = settledHeap();
            for (int i = 0; i < CONNECTIONS; i++) {
                Socket socket = new Socket("127.0.0.1", mcpPort());
                socket.setSoTimeout(10_000);
                sockets.add(socket);
                for (int request = 0; request < 2; request++) {
                    assertThat(exchange(socket)).startsWith("HTTP/1.1 404");
                }
            }
            int open = gateway.mcpConnections();
            long after = settledHeap();
            long perConnection = (after - before) / CONNECTIONS;
            LOG.info("MCP port: {} open connections (two requests each) hold {} KB of heap, {} bytes each",
                    open, (after - before) / 1024, perConnection);

            assertThat(open).isGreaterThanOrEqualTo(CONNECTIONS);
            assertThat(perConnection).isLessThan(MAX_BYTES_PER_CONNECTION);
        } finally {
            for (Socket socket : sockets) {
                socket.close();
            }
        }
        await().atMost(10, TimeUnit.SECONDS).until(() -> gateway.mcpConnections() == 0);
    }

    /** One request on a kept-alive connection (an unknown path, answered without calling Inngest): its answer. */
    private static String exchange(Socket socket) throws IOException {
        socket.getOutputStream().write(("GET /nothing HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + TOKEN
                                        + "\r\nAccept: application/json\r\nUser-Agent: memory-test\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        String head = RawSockets.readHead(socket.getInputStream());
        assertThat(head).containsPattern("(?i)content-length:\\s*\\d+");
        return head;
    }

    private static long settledHeap() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
