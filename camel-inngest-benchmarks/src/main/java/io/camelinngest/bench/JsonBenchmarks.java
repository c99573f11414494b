package io.camelinngest.bench;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camelinngest.client.EventQuery;
import io.camelinngest.client.HttpTransport;
import io.camelinngest.client.InngestClient;
import io.camelinngest.client.InngestClientConfig;
import io.camelinngest.client.InngestJson;
import io.camelinngest.client.RunQuery;
import io.camelinngest.model.EventPage;
import io.camelinngest.model.FunctionRun;
import io.camelinngest.model.InngestEvent;
import io.camelinngest.model.RunPage;
import io.camelinngest.model.SendResult;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.CloseableHttpResponse;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.message.BasicClassicHttpResponse;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.io.CloseMode;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Scenario 5: what the client does with JSON (read a response, check it for the server's traps, map it to the model;
 * validate and encode events to send) against Jackson alone on the same bytes. Both sides get their bytes from the same
 * in-memory HTTP client (no network), so the difference is the component's own work. The client is the real
 * {@link InngestClient}, over the in-memory HTTP client through the public {@link HttpTransport#over}.
 * <p>
 * Pairs, named {@code <figure>Component} / {@code <figure>Jackson}: a page of 51 events, a v2 page of 100 runs, one run
 * ({@code getRun}, whichever API the client reads runs through), and a send of 100 events.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class JsonBenchmarks {

    private static final ObjectMapper MAPPER = InngestJson.mapper();
    private static final String BASE = "http://memory.invalid";
    private static final EventQuery EVENTS = new EventQuery(null, Instant.parse("2026-12-01T22:00:00Z"), null, null, 51);
    private static final RunQuery RUNS = new RunQuery(
            "test-app", null, List.of(), RunQuery.TimeField.queuedAt,
            Instant.parse("2026-12-01T22:00:00Z"), true, null, 100);

    /** The baseline's shapes: the same model classes where the wire has the model's shape. */
    record EventsPage(List<InngestEvent> data) {
    }

    record RunEnvelope(FunctionRun data) {
    }

    record V2Run(String id, Map<String, Object> app, Map<String, Object> function, String status, OffsetDateTime queuedAt,
            OffsetDateTime startedAt, OffsetDateTime endedAt, Map<String, Object> trigger, Object output) {
    }

    record V2RunEnvelope(V2Run data) {
    }

    record V2RunsPage(List<V2Run> data, Map<String, Object> page) {
    }

    private final InMemoryHttp http = new InMemoryHttp();
    private InngestClient client;
    private List<Map<String, Object>> toSend;
    private String runId;

    @Setup
    public void setUp() throws Exception {
        client = new InngestClient(
                InngestClientConfig.builder().dev(BASE).maxRetries(0).build(),
                HttpTransport.over(http, Duration.ofSeconds(30)));
        toSend = SamplePages.events(100);
        runId = SamplePages.runId();
        client.getRun(runId); // learns which run API the client reads
    }

    @Benchmark
    public EventPage eventsPageComponent() {
        return client.listEvents(EVENTS);
    }

    @Benchmark
    public EventsPage eventsPageJackson() throws IOException {
        return http.execute(new HttpGet(BASE + "/v1/events"),
                r -> MAPPER.readValue(r.getEntity().getContent(), EventsPage.class));
    }

    @Benchmark
    public RunPage runsPageComponent() {
        return client.listRuns(RUNS);
    }

    @Benchmark
    public V2RunsPage runsPageJackson() throws IOException {
        return http.execute(new HttpGet(BASE + "/v2/runs"),
                r -> MAPPER.readValue(r.getEntity().getContent(), V2RunsPage.class));
    }

    @Benchmark
    public FunctionRun runComponent() {
        return client.getRun(runId);
    }

    @Benchmark
    public Object runJackson() throws IOException {
        boolean v2 = http.runsReadThroughV2;
        Class<?> type = v2 ? V2RunEnvelope.class : RunEnvelope.class;
        return http.execute(new HttpGet(BASE + (v2 ? "/v2/runs/" : "/v1/runs/") + runId),
                r -> MAPPER.readValue(r.getEntity().getContent(), type));
    }

    @Benchmark
    public SendResult sendComponent() {
        return client.sendEvents(toSend);
    }

    @Benchmark
    public JsonNode sendJackson() throws IOException {
        HttpPost post = new HttpPost(BASE + "/e/key");
        post.setEntity(new ByteArrayEntity(MAPPER.writeValueAsBytes(toSend), ContentType.APPLICATION_JSON));
        return http.execute(post, r -> MAPPER.readTree(r.getEntity().getContent()).get("ids"));
    }

    /** An HttpClient 5 whose "server" is a lookup of canned bytes: no sockets. */
    static final class InMemoryHttp extends CloseableHttpClient {

        private final byte[] events = SamplePages.eventsPage();
        private final byte[] runs = SamplePages.v2RunsPage();
        private final byte[] v1Run = SamplePages.v1Run();
        private final byte[] v2Run = SamplePages.v2Run();
        private final byte[] sendAnswer = SamplePages.sendAnswer(100);
        volatile boolean runsReadThroughV2;

        @Override
        protected CloseableHttpResponse doExecute(HttpHost target, ClassicHttpRequest request, HttpContext context) {
            String path = URI.create(request.getRequestUri()).getPath();
            byte[] body;
            String type = "application/json";
            if (path.startsWith("/e/")) {
                body = sendAnswer;
                type = "text/plain; charset=utf-8";
            } else if (path.equals("/v1/events")) {
                body = events;
            } else if (path.equals("/v2/runs")) {
                body = runs;
            } else if (path.startsWith("/v2/runs/")) {
                runsReadThroughV2 = true;
                body = v2Run;
            } else if (path.startsWith("/v1/runs/")) {
                body = v1Run;
            } else {
                throw new IllegalArgumentException("no canned answer for " + path);
            }
            BasicClassicHttpResponse response = new BasicClassicHttpResponse(200);
            response.setHeader("Content-Type", type);
            response.setEntity(new ByteArrayEntity(body, ContentType.parse(type)));
            return CloseableHttpResponse.adapt(response);
        }

        @Override
        public void close(CloseMode closeMode) {
        }

        @Override
        public void close() {
        }
    }
}
