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
 * Load against a real Dev Server, on loopback, bounded in time: 200 REST readers and 50 MCP sessions at once for 20 s,
 * round after round in one gateway. Every request must be answered with a success, and the heap after each round
 * (sessions closed, their connections gone, after a full GC) must not climb from round to round. The figures go to the
 * log and to {@code target/gateway-load.txt}.
 */
@Tag("live")
class GatewayLoadLiveTest {

    private static final Logger LOG = LoggerFactory.getLogger(GatewayLoadLiveTest.class);
    private static final String TOKEN = "load-token-0123456789abcdef";
    private static final int REST_READERS = 200;
    private static final int MCP_SESSIONS = 50;
    private static final Duration LOAD = Duration.ofSeconds(20);
    private static final Duration WARM_UP = Duration.ofSeconds(5);
    /** Requests the clients gave up on may still be in the gateway: they finish before the heap is read. */
    private static final Duration QUIET = Duration.ofSeconds(5);
    private static final int ROUNDS = Integer.getInteger("gateway.load.rounds", 4);
    /**
     * The most the heap after a round may climb per round (least-squares slope over the measured rounds): above the
     * noise of a full GC's figure, below what a retained kilobyte per request would add over a round's thousands of
     * requests.
     */
    private static final long SLOPE_BOUND = 1024L * 1024;
    /**
     * How long a client waits for an answer: the gateway's own bound (the component's default callTimeout, then its
     * 504) and a margin, so an error counted is the gateway's, not a client giving up on a busy machine.
     */
    private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(70);

    private final List<Long> restNanos = Collections.synchronizedList(new ArrayList<>());
    private final List<Long> mcpNanos = Collections.synchronizedList(new ArrayList<>());
    private final AtomicLong restErrors = new AtomicLong();
    private final AtomicLong mcpErrors = new AtomicLong();
    private final List<String> firstErrors = Collections.synchronizedList(new ArrayList<>());

    @Test
    void twoHundredRestReadersAndFiftyMcpSessionsRoundAfterRound() throws Exception {
        try (Gateway gateway = new Gateway(
                GatewaySettings.of("127.0.0.1", 0, 0, BearerToken.of(TOKEN)),
                Map.of("camel.component.inngest.dev", GatewayLiveTest.devServer()), g -> {
                }).start()) {
            // HTTP/1.1: the JDK client upgrades to h2c on one connection and fails requests beyond its 100 streams
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5)).build();
            // a first, shorter round warms up what stays (pools, caches, compiled code)
            round(gateway, http, WARM_UP);
            long closeMillis = closeConnections(gateway);
            List<Long> heaps = new ArrayList<>(List.of(settledHeap()));
            Map<String, Long> histogram = histogram();
            StringBuilder figures = new StringBuilder(
                    "load against " + GatewayLiveTest.devServer() + ": " + REST_READERS
                                                      + " REST readers and " + MCP_SESSIONS + " MCP sessions, rounds of "
                                                      + LOAD.toSeconds() + " s after a " + WARM_UP.toSeconds()
                                                      + " s warm-up; heap used after a full GC, in KB"
                                                      + System.lineSeparator()
                                                      + "warm-up: heap " + heaps.get(0) / 1024
                                                      + " (MCP connections closed " + closeMillis + " ms after the sessions)"
                                                      + System.lineSeparator());
            int requests = 0;
            for (int r = 1; r <= ROUNDS; r++) {
                restNanos.clear();
                mcpNanos.clear();
                List<McpSyncClient> sessions = round(gateway, http, LOAD);
                Thread.sleep(QUIET.toMillis());
                // while the closed sessions' clients are referenced, their connections stay open: what they cost
                int open = gateway.mcpConnections();
                long heapOpen = settledHeap();
                sessions.clear();
                closeMillis = closeConnections(gateway);
                heaps.add(settledHeap());
                Map<String, Long> now = histogram();
                LOG.info("Round {}: heap growth by class: {}", r, growth(histogram, now));
                histogram = now;
                requests += restNanos.size() + mcpNanos.size();
                String line = "round " + r + ": REST " + restNanos.size() + " requests, p50 " + millis(restNanos, 50)
                              + " ms, p99 " + millis(restNanos, 99) + " ms; MCP " + mcpNanos.size()
                              + " tools/call, p50 " + millis(mcpNanos, 50) + " ms, p99 " + millis(mcpNanos, 99)
                              + " ms; heap " + heapOpen / 1024 + " with the sessions' " + open
                              + " MCP connections still open, " + heaps.get(r) / 1024 + " after they closed ("
                              + closeMillis + " ms); " + ManagementFactory.getThreadMXBean().getThreadCount()
                              + " threads";
                LOG.info(line);
                figures.append(line).append(System.lineSeparator());
                // every reader and session called at least once (on a busy machine, a call can take most of a round)
                assertThat(restNanos.size()).as(line).isGreaterThanOrEqualTo(REST_READERS);
                assertThat(mcpNanos.size()).as(line).isGreaterThanOrEqualTo(MCP_SESSIONS);
            }
            long slope = slope(heaps.subList(1, heaps.size()));
            figures.append("heap after each round " + heaps.stream().map(h -> h / 1024).toList() + ", slope over the "
                           + ROUNDS + " rounds " + slope / 1024 + " KB per round, " + requests + " requests in all, "
                           + restErrors.get() + " REST and " + mcpErrors.get() + " MCP errors"
                           + (firstErrors.isEmpty() ? "" : "; first errors: " + firstErrors));
            LOG.info(figures.toString());
            Files.writeString(Path.of("target/gateway-load.txt"), figures + System.lineSeparator());

            assertThat(restErrors.get()).as(figures.toString()).isZero();
            assertThat(mcpErrors.get()).as(figures.toString()).isZero();
            assertThat(slope).as(figures.toString()).isLessThan(SLOPE_BOUND);
        }
    }

    /**
     * The JDK client of a closed MCP session keeps its connections until the client is collected (Java 17 cannot close
     * one), and the gateway keeps what belongs to an open connection: collect until the MCP port holds none, at most
     * its idle timeout. Returns how long it took.
     */
    private static long closeConnections(Gateway gateway) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + Duration.ofMillis(McpHttpServer.IDLE_TIMEOUT_MS).plusSeconds(10).toNanos();
        while (gateway.mcpConnections() > 0 && System.nanoTime() < deadline) {
            System.gc();
            Thread.sleep(500);
        }
        assertThat(gateway.mcpConnections()).as("MCP connections still open").isZero();
        return Duration.ofNanos(System.nanoTime() - start).toMillis();
    }

    /** Least-squares slope of the values over their index: how much they climb per round. */
    static long slope(List<Long> values) {
        int n = values.size();
        if (n < 2) {
            return 0;
        }
        double meanX = (n - 1) / 2.0;
        double meanY = values.stream().mapToLong(Long::longValue).average().orElse(0);
        double num = 0;
        double den = 0;
        for (int i = 0; i < n; i++) {
            num += (i - meanX) * (values.get(i) - meanY);
            den += (i - meanX) * (i - meanX);
        }
        return Math.round(num / den);
    }

    private static void daemon(Runnable work) {
        Thread thread = new Thread(work, "gateway-load");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * One round: the REST readers and MCP sessions at once, each calling without pause until the time is up. Returns
     * the sessions, closed.
     */
    private List<McpSyncClient> round(Gateway gateway, HttpClient http, Duration length) throws InterruptedException {
        List<McpSyncClient> clients = new ArrayList<>();
        GatewayTestSupport.gateway = gateway;
        for (int i = 0; i < MCP_SESSIONS; i++) {
            McpSyncClient client = GatewayTestSupport.mcpClient("Bearer " + TOKEN, CLIENT_TIMEOUT);
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
        return clients;
    }

    /**
     * Reads that reach the Dev Server: mostly a name-filtered event list (one call upstream), one in ten the function
     * list (one call per app upstream, 17 on the shared Dev Server).
     */
    private static HttpRequest read(Gateway gateway, int n) {
        String path = n % 10 == 0 ? "/v1/functions" : "/v1/events?name=gw-load%2Fnone&limit=1";
        return HttpRequest.newBuilder(URI.create(gateway.restUrl() + path)).timeout(CLIENT_TIMEOUT)
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
