package io.camelinngest.bench;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;

import org.apache.camel.AsyncCallback;
import org.apache.camel.AsyncProcessor;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.AsyncProcessorSupport;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;

/**
 * Scenario 1: {@code sendEvents} of one event through a route ({@code direct:send -> inngest:sendEvents}) against a
 * raw HttpClient 5 POST of the same bytes to the same server, on 1 and on 16 threads. The component validates and
 * re-encodes the event, adds the seed header, reads the answer and checks the IDs: that is its cost. Measured as
 * configured by default (the call on the route's thread, asynchronous only when it must wait, which a healthy server
 * never makes it) and with {@code synchronous=true} (every wait on the route's thread too).
 * <p>
 * Two reference figures split that cost (reported, no target): the same raw POST made by a processor in a route
 * ({@code direct:floor}, what Camel's exchange and routing cost any producer), and made by an asynchronous
 * processor that hands it to a pool thread and continues the exchange from there ({@code direct:handoff}, what an
 * asynchronous producer's hand-off costs on top).
 */
final class SendOverhead {

    static final byte[] EVENT = "{\"name\":\"shop/order.paid\",\"data\":{\"order\":\"43\"}}".getBytes(StandardCharsets.UTF_8);
    private static final long WARMUP_MILLIS = 3_000;
    private static final long ROUND_MILLIS = 3_000;

    private SendOverhead() {
    }

    static void run(LoopbackInngest server, int rounds, Report report) throws Exception {
        try (CamelContext camel = new DefaultCamelContext();
             CloseableHttpClient raw = HttpClients.custom()
                     .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                             .setMaxConnTotal(20).setMaxConnPerRoute(20).build())
                     .disableAutomaticRetries().build()) {
            URI uri = URI.create(server.url() + "/e/dev-key");
            ExecutorService pool = camel.getExecutorServiceManager().newCachedThreadPool(SendOverhead.class, "bench-handoff");
            AsyncProcessor handoff = new AsyncProcessorSupport() {
                @Override
                public boolean process(Exchange exchange, AsyncCallback callback) {
                    try {
                        pool.execute(() -> {
                            try {
                                exchange.getMessage().setBody(post(raw, uri, exchange.getMessage().getBody(byte[].class)));
                            } catch (Exception e) {
                                exchange.setException(e);
                            }
                            callback.done(false);
                        });
                        return false;
                    } catch (RejectedExecutionException e) {
                        exchange.setException(e);
                        callback.done(true);
                        return true;
                    }
                }
            };
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:send").to("inngest:sendEvents?dev=" + server.url());
                    from("direct:sendSync").to("inngest:sendEvents?synchronous=true&dev=" + server.url());
                    from("direct:floor").process(e -> e.getMessage().setBody(post(raw, uri, e.getMessage().getBody(byte[].class))));
                    from("direct:handoff").process(handoff);
                }
            });
            camel.start();
            ProducerTemplate template = camel.createProducerTemplate();
            // resolved once, as a route's own endpoints are: the figure is the send, not Camel's URI lookup
            Endpoint send = camel.getEndpoint("direct:send");
            Endpoint sendSync = camel.getEndpoint("direct:sendSync");
            Endpoint floor = camel.getEndpoint("direct:floor");
            Endpoint handoffRoute = camel.getEndpoint("direct:handoff");
            Throughput.Op component = () -> template.requestBody(send, EVENT);
            Throughput.Op componentSync = () -> template.requestBody(sendSync, EVENT);
            Throughput.Op baseline = () -> post(raw, uri, EVENT);
            Throughput.Op camelFloor = () -> template.requestBody(floor, EVENT);
            Throughput.Op camelHandoff = () -> template.requestBody(handoffRoute, EVENT);
            int referenceRounds = Math.max(3, rounds / 2 + 1);
            for (int threads : new int[] { 1, 16 }) {
                String label = threads + " thread" + (threads > 1 ? "s" : "");
                // every arm warmed before any is measured: the first arm measured must not pay for the JIT
                for (Throughput.Op op : List.of(component, componentSync, baseline, camelFloor, camelHandoff)) {
                    Throughput.perSecond(threads, WARMUP_MILLIS, op);
                }
                List<Arm> arms = List.of(
                        new Arm(component, "sendEvents of 1 event, " + label, true),
                        new Arm(componentSync, "sendEvents of 1 event, synchronous=true, " + label, true),
                        new Arm(camelFloor, "reference: the raw POST in a route's processor (what Camel costs any producer), "
                                            + label, false),
                        new Arm(camelHandoff, "reference: the raw POST handed to a pool thread by an asynchronous processor"
                                              + " (what any asynchronous producer costs), " + label, false));
                for (Arm arm : arms) {
                    int n = arm.held() ? rounds : referenceRounds;
                    System.out.println("  " + arm.metric());
                    Interleaved result = Interleaved.run(n,
                            () -> Throughput.perSecond(threads, ROUND_MILLIS, arm.op()),
                            () -> Throughput.perSecond(threads, ROUND_MILLIS, baseline));
                    String note = "median of " + n + " interleaved rounds of " + ROUND_MILLIS / 1000 + " s; " + result.spread();
                    report.add(arm.held()
                            ? Result.atLeast("1 send overhead", arm.metric(), "sends/s", result.componentMedian(),
                                    result.baselineMedian(), result.ratioMedian(), 0.90, note)
                            : new Result("1 send overhead", arm.metric(), "sends/s", result.componentMedian(),
                                    result.baselineMedian(), result.ratioMedian(), null, null, "no target; " + note));
                }
            }
        }
    }

    /** One side measured against the raw POST; {@code held} when the 0.90 target applies, else a reference. */
    private record Arm(Throughput.Op op, String metric, boolean held) {
    }

    private static byte[] post(CloseableHttpClient raw, URI uri, byte[] body) throws java.io.IOException {
        HttpPost post = new HttpPost(uri);
        post.setEntity(new ByteArrayEntity(body, ContentType.APPLICATION_JSON));
        return raw.execute(post, response -> EntityUtils.toByteArray(response.getEntity()));
    }
}
