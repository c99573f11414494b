package io.camelinngest.bench;

import java.net.URI;
import java.nio.charset.StandardCharsets;

import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
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
 * re-encodes the event, adds the seed header, reads the answer and checks the IDs: that is its cost.
 */
final class SendOverhead {

    static final byte[] EVENT = "{\"name\":\"shop/order.paid\",\"data\":{\"order\":\"43\"}}".getBytes(StandardCharsets.UTF_8);
    private static final long WARMUP_MILLIS = 2_000;
    private static final long ROUND_MILLIS = 3_000;

    private SendOverhead() {
    }

    static void run(LoopbackInngest server, int rounds, Report report) throws Exception {
        try (CamelContext camel = new DefaultCamelContext();
             CloseableHttpClient raw = HttpClients.custom()
                     .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                             .setMaxConnTotal(20).setMaxConnPerRoute(20).build())
                     .disableAutomaticRetries().build()) {
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:send").to("inngest:sendEvents?dev=" + server.url());
                }
            });
            camel.start();
            ProducerTemplate template = camel.createProducerTemplate();
            // resolved once, as a route's own endpoints are: the figure is the send, not Camel's URI lookup
            Endpoint send = camel.getEndpoint("direct:send");
            URI uri = URI.create(server.url() + "/e/dev-key");
            Throughput.Op component = () -> template.requestBody(send, EVENT);
            Throughput.Op baseline = () -> {
                HttpPost post = new HttpPost(uri);
                post.setEntity(new ByteArrayEntity(EVENT, ContentType.APPLICATION_JSON));
                raw.execute(post, response -> EntityUtils.toByteArray(response.getEntity()));
            };
            for (int threads : new int[] { 1, 16 }) {
                System.out.println("  send overhead, " + threads + " thread(s)");
                Throughput.perSecond(threads, WARMUP_MILLIS, component);
                Throughput.perSecond(threads, WARMUP_MILLIS, baseline);
                Interleaved result = Interleaved.run(rounds,
                        () -> Throughput.perSecond(threads, ROUND_MILLIS, component),
                        () -> Throughput.perSecond(threads, ROUND_MILLIS, baseline));
                report.add(Result.atLeast("1 send overhead", "sendEvents of 1 event, " + threads + " thread" + (threads > 1 ? "s" : ""),
                        "sends/s", result.componentMedian(), result.baselineMedian(), result.ratioMedian(), 0.90,
                        "median of " + rounds + " interleaved rounds of " + ROUND_MILLIS / 1000 + " s; " + result.spread()));
            }
        }
    }
}
