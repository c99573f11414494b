package io.camelinngest.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camelinngest.client.HttpTransport;
import io.camelinngest.client.InngestClient;
import io.camelinngest.client.InngestClientConfig;
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

/**
 * Scenario "send cost": the component's own CPU time and allocated bytes per send, with HTTP in memory (an HttpClient 5
 * whose server is a canned answer: no sockets, so the figures are the component's work, not the network's). Each send
 * is set against a Jackson baseline over the same in-memory client that does the same checks (every event an object
 * with a non-blank string name; as many IDs back as events sent) and sends the same seed header. One thread; the two
 * sides alternate in 100 ms slices and each side's thread CPU time and allocated bytes are divided by its sends.
 * Budgets (docs/performance.md): a send of 1 event within 1.5 times the baseline's CPU and bytes (ratio
 * baseline/component >= 0.67: the seed, the per-event checks and the answer check are work the baseline is given too,
 * so what is left is the component's structure); a send of 100 events >= 0.90 of the baseline's CPU.
 */
final class SendCost {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final com.sun.management.ThreadMXBean THREADS
            = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private static final String BASE = "http://in-memory.invalid";
    private static volatile Object sink;

    private SendCost() {
    }

    static void run(int slices, Report report) throws Exception {
        for (int n : new int[] { 1, 100 }) {
            InMemorySend http = new InMemorySend(SamplePages.sendAnswer(n));
            InngestClient client = new InngestClient(
                    InngestClientConfig.builder().dev(BASE).maxRetries(0).build(),
                    HttpTransport.over(http, Duration.ofSeconds(30)));
            List<Map<String, Object>> events = SamplePages.events(n);
            Callable<Object> component = () -> client.sendEvents(events);
            Callable<Object> jackson = () -> jacksonSend(http, events);
            long[] c = new long[3];
            long[] j = new long[3];
            slice(component, 1500);
            slice(jackson, 1500);
            for (int i = 0; i < slices; i++) {
                // A B, B A, ...: neither side always runs first
                if (i % 2 == 0) {
                    add(c, slice(component, 100));
                    add(j, slice(jackson, 100));
                } else {
                    add(j, slice(jackson, 100));
                    add(c, slice(component, 100));
                }
            }
            double cCpu = c[1] / 1000.0 / c[0];
            double jCpu = j[1] / 1000.0 / j[0];
            double cBytes = (double) c[2] / c[0];
            double jBytes = (double) j[2] / j[0];
            String note = slices + " alternating slices of 100 ms on one thread, HTTP in memory; baseline: Jackson"
                          + " over the same client with the same checks";
            String what = "send of " + n + " event" + (n > 1 ? "s" : "");
            double min = n == 1 ? 0.67 : 0.90;
            report.add(Result.atLeast("send cost", what + ": CPU per send (ratio = baseline/component)", "us",
                    cCpu, jCpu, jCpu / cCpu, min, note));
            report.add(n == 1
                    ? Result.atLeast("send cost", what + ": bytes allocated per send (ratio = baseline/component)", "bytes",
                            cBytes, jBytes, jBytes / cBytes, min, note)
                    : Result.reported("send cost", what + ": bytes allocated per send", "bytes", cBytes, jBytes, note));
        }
    }

    /** What the component does for a send, written with Jackson alone. */
    private static JsonNode jacksonSend(CloseableHttpClient http, List<Map<String, Object>> events) throws IOException {
        for (Map<String, Object> event : events) {
            if (!(event.get("name") instanceof String name) || name.isBlank()) {
                throw new IllegalArgumentException("event without a name");
            }
        }
        HttpPost post = new HttpPost(BASE + "/e/key");
        post.setHeader("x-inngest-event-id-seed", "1765152000000,AAAAAAAAAAAAAA==");
        post.setEntity(new ByteArrayEntity(MAPPER.writeValueAsBytes(events), ContentType.APPLICATION_JSON));
        return http.execute(post, r -> {
            JsonNode ids = MAPPER.readTree(r.getEntity().getContent()).get("ids");
            if (ids == null || ids.size() != events.size()) {
                throw new IllegalStateException("expected " + events.size() + " IDs");
            }
            return ids;
        });
    }

    private static void add(long[] total, long[] slice) {
        for (int i = 0; i < total.length; i++) {
            total[i] += slice[i];
        }
    }

    /** Runs {@code op} for {@code millis} of wall time: sends done, thread CPU nanoseconds, bytes allocated. */
    private static long[] slice(Callable<Object> op, long millis) throws Exception {
        long cpu = THREADS.getCurrentThreadCpuTime();
        long bytes = THREADS.getCurrentThreadAllocatedBytes();
        long end = System.nanoTime() + millis * 1_000_000;
        long ops = 0;
        while (System.nanoTime() < end) {
            for (int i = 0; i < 8; i++) {
                sink = op.call();
                ops++;
            }
        }
        return new long[] { ops, THREADS.getCurrentThreadCpuTime() - cpu, THREADS.getCurrentThreadAllocatedBytes() - bytes };
    }

    /** An HttpClient 5 that answers every request with the event API's answer to a send: no sockets. */
    private static final class InMemorySend extends CloseableHttpClient {

        private final byte[] answer;

        InMemorySend(byte[] answer) {
            this.answer = answer;
        }

        @Override
        protected CloseableHttpResponse doExecute(HttpHost target, ClassicHttpRequest request, HttpContext context) {
            BasicClassicHttpResponse response = new BasicClassicHttpResponse(200);
            response.setHeader("Content-Type", "text/plain; charset=utf-8");
            response.setEntity(new ByteArrayEntity(answer, ContentType.parse("text/plain; charset=utf-8")));
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
