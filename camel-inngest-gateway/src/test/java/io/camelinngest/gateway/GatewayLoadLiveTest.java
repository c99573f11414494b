package io.camelinngest.gateway;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Load against a real Dev Server, on loopback, bounded in time: 200 REST readers and 50 MCP sessions at once for 20 s.
 * Every request must be answered with a success, and the heap after the load (sessions closed, after a GC) must stay
 * where it was before. The figures go to the log and to {@code target/gateway-load.txt}.
 */
@Tag("live")
class GatewayLoadLiveTest {

    private static final Logger LOG = LoggerFactory.getLogger(GatewayLoadLiveTest.class);
    private static final String TOKEN = "load-token-0123456789abcdef";
    private static final int REST_READERS = 200;
    private static final int MCP_SESSIONS = 50;
    private static final Duration LOAD = Duration.ofSeconds(20);
    private static final Duration WARM_UP = Duration.ofSeconds(5);
    private static final Duration QUIET = Duration.ofSeconds(10);
    /** Heap growth tolerated over the measured round (a retained 1 KB per request would exceed it several times). */
    private static final long HEAP_SLACK = 16L * 1024 * 1024;

    private final List<Long> restNanos = Collections.synchronizedList(new ArrayList<>());
    private final List<Long> mcpNanos = Collections.synchronizedList(new ArrayList<>());
    private final AtomicLong restErrors = new AtomicLong();
    private final AtomicLong mcpErrors = new AtomicLong();
    private final List<String> firstErrors = Collections.synchronizedList(new ArrayList<>());

    @Test
    void twoHundredRestReadersAndFiftyMcpSessionsFor20Seconds() throws Exception {
        try (Gateway gateway = new Gateway(
                GatewaySettings.of("127.0.0.1", 0, 0, BearerToken.of(TOKEN)),
                Map.of("camel.component.inngest.dev", GatewayLiveTest.devServer()), g -> {
                }).start()) {
            // HTTP/1.1: the JDK client upgrades to h2c on one connection and fails requests beyond its 100 streams
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5)).build();
            // a first, shorter round of the same load warms up what stays (pools, caches, compiled code); the heap is
            // measured after it and after the measured round, so growth between them is what the load leaves behind
            round(gateway, http, WARM_UP);
            restNanos.clear();
            mcpNanos.clear();
            long heapBefore = settledHeap();
            Map<String, Long> histogramBefore = histogram();
            round(gateway, http, LOAD);
            // requests the clients gave up on may still be in the gateway: let them finish before measuring
            Thread.sleep(QUIET.toMillis());
            long heapAfter = settledHeap();
            LOG.info("Heap growth over the measured round, by class: {}", growth(histogramBefore, histogram()));

            String figures = "load " + LOAD.toSeconds() + " s (after a " + WARM_UP.toSeconds() + " s warm-up) against "
                             + GatewayLiveTest.devServer() + ": REST "
                             + REST_READERS + " readers, " + restNanos.size() + " requests, " + restErrors.get()
                             + " errors, p50 " + millis(restNanos, 50) + " ms, p99 " + millis(restNanos, 99) + " ms; MCP "
                             + MCP_SESSIONS + " sessions, " + mcpNanos.size() + " tools/call, " + mcpErrors.get()
                             + " errors, p50 " + millis(mcpNanos, 50) + " ms, p99 " + millis(mcpNanos, 99)
                             + " ms; heap used after GC " + heapBefore / 1024 + " KB before, "
                             + heapAfter / 1024 + " KB after" + (firstErrors.isEmpty()
                                     ? "" : "; first errors: "
                                            + firstErrors);
            LOG.info(figures);
            Files.writeString(Path.of("target/gateway-load.txt"), figures + System.lineSeparator());

            assertThat(restErrors.get()).as(figures).isZero();
            assertThat(mcpErrors.get()).as(figures).isZero();
            assertThat(restNanos.size()).as(figures).isGreaterThan(REST_READERS);
            assertThat(mcpNanos.size()).as(figures).isGreaterThan(MCP_SESSIONS);
            assertThat(heapAfter).as(figures).isLessThan(heapBefore + HEAP_SLACK);
        }
    }

    private static void daemon(Runnable work) {
        Thread thread = new Thread(work, "gateway-load");
        thread.setDaemon(true);
        thread.start();
    }

    /** One round: the REST readers and MCP sessions at once, each calling without pause until the time is up. */
    private void round(Gateway gateway, HttpClient http, Duration length) throws InterruptedException {
        List<McpSyncClient> clients = new ArrayList<>();
        GatewayTestSupport.gateway = gateway;
        for (int i = 0; i < MCP_SESSIONS; i++) {
            McpSyncClient client = GatewayTestSupport.mcpClient("Bearer " + TOKEN);
            client.initialize();
            clients.add(client);
        }
        long end = System.nanoTime() + length.toNanos();
        CountDownLatch done = new CountDownLatch(REST_READERS + MCP_SESSIONS);
        for (int i = 0; i < REST_READERS; i++) {
            int reader = i;
            daemon(() -> {
                try {
                    for (int n = 0; System.nanoTime() < end; n++) {
                        long start = System.nanoTime();
                        try {
                            HttpResponse<String> response = http.send(read(gateway, reader + n),
                                    HttpResponse.BodyHandlers.ofString());
                            if (response.statusCode() != 200) {
                                error(restErrors, "REST " + response.statusCode() + " " + response.body());
                            }
                        } catch (Exception e) {
                            error(restErrors, "REST " + e);
                        }
                        restNanos.add(System.nanoTime() - start);
                    }
                } finally {
                    done.countDown();
                }
            });
        }
        for (McpSyncClient client : clients) {
            daemon(() -> {
                int calls = 0;
                try {
                    while (System.nanoTime() < end) {
                        long start = System.nanoTime();
                        try {
                            CallToolResult result = client.callTool(calls++ % 10 == 0
                                    ? new CallToolRequest("listfunctions", Map.of())
                                    : new CallToolRequest("listevents", Map.of("name", "gw-load/none", "limit", 1)));
                            if (Boolean.TRUE.equals(result.isError())) {
                                error(mcpErrors, "MCP " + result.content());
                            }
                        } catch (Exception e) {
                            error(mcpErrors, "MCP " + e);
                        }
                        mcpNanos.add(System.nanoTime() - start);
                    }
                } finally {
                    done.countDown();
                }
            });
        }
        done.await();
        clients.forEach(McpSyncClient::closeGracefully);
    }

    /**
     * Reads that reach the Dev Server: mostly a name-filtered event list (one call upstream), one in ten the function
     * list (one call per app upstream, 17 on the shared Dev Server).
     */
    private static HttpRequest read(Gateway gateway, int n) {
        String path = n % 10 == 0 ? "/v1/functions" : "/v1/events?name=gw-load%2Fnone&limit=1";
        return HttpRequest.newBuilder(URI.create(gateway.restUrl() + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + TOKEN).build();
    }

    private void error(AtomicLong counter, String what) {
        if (counter.incrementAndGet() <= 3) {
            firstErrors.add(what.length() > 300 ? what.substring(0, 300) : what);
        }
    }

    /** Bytes by class of the live heap ({@code jcmd GC.class_histogram} of this JVM), for finding what grew. */
    private static Map<String, Long> histogram() {
        Map<String, Long> bytes = new java.util.HashMap<>();
        try {
            Process jcmd = new ProcessBuilder(
                    Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                    Long.toString(ProcessHandle.current().pid()), "GC.class_histogram").redirectErrorStream(true).start();
            for (String line : new String(jcmd.getInputStream().readAllBytes()).split("\n")) {
                String[] parts = line.trim().split("\\s+");
                if (parts.length >= 4 && parts[0].endsWith(":")) {
                    bytes.put(parts[3], Long.parseLong(parts[2]));
                }
            }
            jcmd.waitFor();
        } catch (Exception e) {
            LOG.warn("No class histogram: {}", e.toString());
        }
        return bytes;
    }

    private static String growth(Map<String, Long> before, Map<String, Long> after) {
        return after.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), e.getValue() - before.getOrDefault(e.getKey(), 0L)))
                .sorted((a, b) -> Long.compare(b.getValue(), a.getValue())).limit(12)
                .map(e -> e.getKey() + " +" + e.getValue() / 1024 + " KB").toList().toString();
    }

    private static long settledHeap() throws InterruptedException {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(300);
        }
        return memory.getHeapMemoryUsage().getUsed();
    }

    private static long millis(List<Long> nanos, int percentile) {
        List<Long> sorted;
        synchronized (nanos) {
            sorted = new ArrayList<>(nanos);
        }
        if (sorted.isEmpty()) {
            return -1;
        }
        Collections.sort(sorted);
        int index = Math.min(sorted.size() - 1, (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1);
        return Duration.ofNanos(sorted.get(Math.max(0, index))).toMillis();
    }
}
