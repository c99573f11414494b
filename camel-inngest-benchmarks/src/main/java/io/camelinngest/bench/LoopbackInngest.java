package io.camelinngest.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A fast Inngest on loopback for the benchmarks: the JDK's HTTP server answering the calls the scenarios make with
 * contract-true canned responses (shapes from the recordings in {@code fixtures/}): {@code POST /e/{key}} (one ID per
 * event sent), {@code GET /v1/events} (an {@link EventBacklog}), {@code GET /v1/runs/{id}} and {@code GET /v2/runs} (a
 * {@link RunBoard}). It counts requests, so scenarios can report requests per poll.
 */
final class LoopbackInngest implements AutoCloseable {

    private static final JsonFactory JSON = new JsonFactory();
    private static final String JSON_TYPE = "application/json";
    /** The event API answers with this type, as the recording shows. */
    private static final String SEND_TYPE = "text/plain; charset=utf-8";

    private final HttpServer server;
    private final ExecutorService executor;
    private final LongAdder requests = new LongAdder();
    /** When the first {@code GET /v1/events} since {@link #markEventReads()} arrived (System.nanoTime), or 0. */
    private final java.util.concurrent.atomic.AtomicLong firstEventRead = new java.util.concurrent.atomic.AtomicLong();
    private final byte[][] sendAnswers = new byte[1001][];
    private volatile EventBacklog backlog = new EventBacklog(0, Instant.now(), 1);
    private volatile RunBoard runs = new RunBoard(0, Instant.now(), 1);
    private final java.util.concurrent.atomic.AtomicReference<java.util.concurrent.CompletableFuture<SentRequest>> capture
            = new java.util.concurrent.atomic.AtomicReference<>();

    LoopbackInngest() throws IOException {
        // without it the JDK server's small writes wait for the client's delayed ACK: 40 ms a request
        System.setProperty("sun.net.httpserver.nodelay", "true");
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
        AtomicInteger n = new AtomicInteger();
        executor = Executors.newFixedThreadPool(16, r -> {
            Thread t = new Thread(r, "loopback-inngest-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    long requests() {
        return requests.sum();
    }

    /** Forgets the first event read: the next {@code GET /v1/events} starts a consumer's clock. */
    void markEventReads() {
        firstEventRead.set(0);
    }

    /** When the first {@code GET /v1/events} since {@link #markEventReads()} arrived (System.nanoTime), or 0. */
    long firstEventRead() {
        return firstEventRead.get();
    }

    void serve(EventBacklog backlog) {
        this.backlog = backlog;
    }

    void serve(RunBoard runs) {
        this.runs = runs;
    }

    private void handle(HttpExchange exchange) throws IOException {
        requests.increment();
        try (exchange) {
            try {
                answer(exchange);
            } catch (RuntimeException e) {
                // a bug of this server, reported in the v2 error shape so that the client names it
                ObjectNode error = Fixtures.JSON.createObjectNode();
                error.putArray("errors").addObject().put("code", "internal_error").put("message", e.toString());
                byte[] body = Fixtures.JSON.writeValueAsBytes(error);
                exchange.sendResponseHeaders(500, body.length);
                exchange.getResponseBody().write(body);
            }
        }
    }

    private void answer(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getRawPath();
        byte[] body = exchange.getRequestBody().readAllBytes();
        Map<String, List<String>> query = query(exchange.getRequestURI().getRawQuery());
        if (path.startsWith("/e/") && "POST".equals(exchange.getRequestMethod())) {
            java.util.concurrent.CompletableFuture<SentRequest> waiting = capture.getAndSet(null);
            if (waiting != null) {
                java.util.TreeMap<String, String> headers = new java.util.TreeMap<>();
                exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(java.util.Locale.ROOT),
                        String.join(",", values)));
                waiting.complete(new SentRequest(path, body, headers));
            }
            respond(exchange, SEND_TYPE, sendAnswer(countEvents(body)));
        } else if (path.equals("/v1/events")) {
            firstEventRead.compareAndSet(0, System.nanoTime());
            respond(exchange, JSON_TYPE, backlog.page(
                    Instant.parse(first(query, "received_after", Instant.now().minusSeconds(3600).toString())),
                    query.containsKey("received_before") ? Instant.parse(first(query, "received_before", null)) : null,
                    first(query, "cursor", null),
                    query.containsKey("limit") ? Integer.valueOf(first(query, "limit", null)) : null,
                    first(query, "name", null)));
        } else if (path.startsWith("/v1/runs/")) {
            byte[] run = runs.v1Run(path.substring("/v1/runs/".length()));
            respond(exchange, JSON_TYPE, run != null
                    ? run
                    : "{\"error\":\"Unable to load function run: function run not found\",\"data\":null,\"status\":500}"
                            .getBytes(StandardCharsets.UTF_8));
        } else if (path.equals("/v2/runs")) {
            respond(exchange, JSON_TYPE, runs.v2Page(first(query, "timeField", "queuedAt"),
                    query.containsKey("from") ? Instant.parse(first(query, "from", null)) : null,
                    query.getOrDefault("status", List.of()),
                    Integer.parseInt(first(query, "limit", "20")),
                    first(query, "cursor", null)));
        } else {
            exchange.sendResponseHeaders(404, -1);
        }
    }

    /**
     * The next event send this server receives, as it arrived (path, body, headers with lower-case names), made by
     * {@code send}: lets a scenario check that its arms put the same request on the wire.
     */
    SentRequest captureSend(ThrowingRunnable send) throws Exception {
        java.util.concurrent.CompletableFuture<SentRequest> waiting = new java.util.concurrent.CompletableFuture<>();
        capture.set(waiting);
        send.run();
        return waiting.get(10, java.util.concurrent.TimeUnit.SECONDS);
    }

    /** One request as received. */
    record SentRequest(String path, byte[] body, java.util.SortedMap<String, String> headers) {
    }

    interface ThrowingRunnable {
        void run() throws Exception;
    }

    /** {@code {"ids":[...],"status":200}}: one ID per event, from a fixed pool (the client only counts them). */
    private byte[] sendAnswer(int count) {
        if (count < sendAnswers.length && sendAnswers[count] != null) {
            return sendAnswers[count];
        }
        StringBuilder ids = new StringBuilder("{\"ids\":[");
        long now = System.currentTimeMillis();
        for (int i = 0; i < count; i++) {
            ids.append(i == 0 ? "\"" : ",\"").append(Ids.ulid(now)).append('"');
        }
        byte[] answer = ids.append("],\"status\":200}").toString().getBytes(StandardCharsets.US_ASCII);
        if (count < sendAnswers.length) {
            sendAnswers[count] = answer;
        }
        return answer;
    }

    /** How many events a send carries: one object, or the elements of an array. */
    private static int countEvents(byte[] body) throws IOException {
        try (JsonParser parser = JSON.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                return 1;
            }
            int count = 0;
            while (parser.nextToken() == JsonToken.START_OBJECT) {
                parser.skipChildren();
                count++;
            }
            return count;
        }
    }

    private static void respond(HttpExchange exchange, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.getResponseHeaders().set("X-Inngest-Server-Kind", "dev");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static String first(Map<String, List<String>> query, String name, String absent) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? absent : values.get(0);
    }

    private static Map<String, List<String>> query(String raw) {
        Map<String, List<String>> params = new HashMap<>();
        if (raw == null || raw.isEmpty()) {
            return params;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
        }
        return params;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
