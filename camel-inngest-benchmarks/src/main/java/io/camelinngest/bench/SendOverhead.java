package io.camelinngest.bench;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

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
 * Scenario 1: {@code sendEvents} of one event through a route ({@code direct:send -> inngest:sendEvents}) against the
 * same POST made without the component, on 1 and on 16 threads. The component validates and re-encodes the event, adds
 * the seed header, reads the answer and checks the IDs: that is its cost.
 * <p>
 * The baselines put the component's own request on the wire: the bytes and headers the component sent are captured on
 * the loopback server first, and each baseline's request is captured and compared with them before anything is measured
 * (a baseline that sent less would flatter it). Held to 0.90: the default producer against the raw HttpClient 5 POST in
 * a route's processor ({@code direct:floor}, what Camel's exchange costs any producer), and against Camel's own HTTP
 * producer doing that POST ({@code to("http:...")}). Reported: {@code synchronous=true}, and the route's processor
 * against the bare POST (what the route itself costs).
 */
final class SendOverhead {

    static final byte[] EVENT = "{\"name\":\"shop/order.paid\",\"data\":{\"order\":\"43\"}}".getBytes(StandardCharsets.UTF_8);
    private static final long WARMUP_MILLIS = 3_000;
    private static final long ROUND_MILLIS = 3_000;
    /** Set by the transport for each connection or request, not chosen by the sender. */
    private static final Set<String> TRANSPORT_HEADERS = Set.of("host", "content-length", "connection", "keep-alive");

    private SendOverhead() {
    }

    static void run(LoopbackInngest server, int rounds, Report report) throws Exception {
        try (CamelContext camel = new DefaultCamelContext();
             CloseableHttpClient raw = HttpClients.custom()
                     .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                             .setMaxConnTotal(20).setMaxConnPerRoute(20).build())
                     .disableAutomaticRetries().disableContentCompression().build()) {
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:send").to("inngest:sendEvents?dev=" + server.url());
                    from("direct:sendSync").to("inngest:sendEvents?synchronous=true&dev=" + server.url());
                }
            });
            camel.start();
            ProducerTemplate template = camel.createProducerTemplate();
            // resolved once, as a route's own endpoints are: the figure is the send, not Camel's URI lookup
            Endpoint send = camel.getEndpoint("direct:send");
            Endpoint sendSync = camel.getEndpoint("direct:sendSync");

            LoopbackInngest.SentRequest wanted = server.captureSend(() -> template.requestBody(send, EVENT));
            URI uri = URI.create(server.url() + wanted.path());
            byte[] body = wanted.body();
            ContentType type = ContentType.parse(wanted.headers().get("content-type"));
            Map<String, String> headers = senderHeaders(wanted.headers());
            headers.remove("content-type"); // carried by the entity (raw) or Exchange.CONTENT_TYPE (camel-http)
            System.out.println("  the component's request: " + body.length + " bytes, headers " + wanted.headers().keySet());

            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:floor").process(e -> e.getMessage().setBody(post(raw, uri, body, type, headers)));
                    from("direct:camelHttp").to(uri + "?httpMethod=POST&throwExceptionOnFailure=true");
                }
            });
            Endpoint floor = camel.getEndpoint("direct:floor");
            Endpoint camelHttp = camel.getEndpoint("direct:camelHttp");
            Map<String, Object> camelHeaders = new TreeMap<>(headers);
            camelHeaders.put("Content-Type", type.toString());

            Throughput.Op component = () -> template.requestBody(send, EVENT);
            Throughput.Op componentSync = () -> template.requestBody(sendSync, EVENT);
            Throughput.Op bare = () -> post(raw, uri, body, type, headers);
            Throughput.Op routeFloor = () -> template.requestBody(floor, body);
            Throughput.Op camelPeer = () -> template.requestBodyAndHeaders(camelHttp, body, camelHeaders);

            sameRequest("the raw POST", wanted, server.captureSend(bare::call));
            sameRequest("the raw POST in a route", wanted, server.captureSend(routeFloor::call));
            sameRequest("camel-http", wanted, server.captureSend(camelPeer::call));

            for (int threads : new int[] { 1, 16 }) {
                String label = threads + " thread" + (threads > 1 ? "s" : "");
                // every arm warmed before any is measured: the first arm measured must not pay for the JIT
                for (Throughput.Op op : List.of(component, componentSync, bare, routeFloor, camelPeer)) {
                    Throughput.perSecond(threads, WARMUP_MILLIS, op);
                }
                List<Arm> arms = List.of(
                        new Arm(
                                component, routeFloor, "sendEvents of 1 event vs the same raw POST in a route's processor, "
                                                       + label,
                                true),
                        new Arm(
                                component, camelPeer, "sendEvents of 1 event vs the same POST through to(\"http:...\"), "
                                                      + label,
                                true),
                        new Arm(
                                componentSync, routeFloor, "sendEvents of 1 event, synchronous=true, vs the same raw POST"
                                                           + " in a route's processor, " + label,
                                false),
                        new Arm(
                                routeFloor, bare, "reference: the raw POST in a route's processor vs the bare raw POST"
                                                  + " (what Camel costs any producer), " + label,
                                false));
                for (Arm arm : arms) {
                    System.out.println("  " + arm.metric());
                    Interleaved result = Interleaved.run(rounds,
                            () -> Throughput.perSecond(threads, ROUND_MILLIS, arm.op()),
                            () -> Throughput.perSecond(threads, ROUND_MILLIS, arm.baseline()));
                    String note = "median of " + rounds + " interleaved rounds of " + ROUND_MILLIS / 1000 + " s; "
                                  + result.spread();
                    report.add(arm.held()
                            ? Result.atLeast("1 send overhead", arm.metric(), "sends/s", result.componentMedian(),
                                    result.baselineMedian(), result.ratioMedian(), 0.90, note)
                            : new Result(
                                    "1 send overhead", arm.metric(), "sends/s", result.componentMedian(),
                                    result.baselineMedian(), result.ratioMedian(), null, null, "no target; " + note));
                }
            }
        }
    }

    /** The headers a sender chooses (names in lower case), without those the transport sets. */
    private static Map<String, String> senderHeaders(SortedMap<String, String> received) {
        Map<String, String> headers = new TreeMap<>(received);
        headers.keySet().removeAll(TRANSPORT_HEADERS);
        return headers;
    }

    /**
     * Fails the run unless {@code actual} carried the component's path, bytes and sender headers; the seed header's
     * value is per send by design, so only its presence is compared.
     */
    private static void sameRequest(String arm, LoopbackInngest.SentRequest wanted, LoopbackInngest.SentRequest actual) {
        Map<String, String> want = senderHeaders(wanted.headers());
        Map<String, String> got = senderHeaders(actual.headers());
        want.computeIfPresent("x-inngest-event-id-seed", (k, v) -> "present");
        got.computeIfPresent("x-inngest-event-id-seed", (k, v) -> "present");
        if (!wanted.path().equals(actual.path()) || !Arrays.equals(wanted.body(), actual.body()) || !want.equals(got)) {
            throw new IllegalStateException(
                    arm + " does not send the component's request: wanted " + wanted.path() + " "
                                            + want + " " + new String(wanted.body(), StandardCharsets.UTF_8) + ", sent "
                                            + actual.path() + " " + got + " "
                                            + new String(actual.body(), StandardCharsets.UTF_8));
        }
        System.out.println("  " + arm + " sends the component's bytes and headers " + want.keySet());
    }

    /** One side measured against its baseline; {@code held} when the 0.90 target applies, else a reference. */
    private record Arm(Throughput.Op op, Throughput.Op baseline, String metric, boolean held) {
    }

    private static byte[] post(CloseableHttpClient raw, URI uri, byte[] body, ContentType type, Map<String, String> headers)
            throws java.io.IOException {
        HttpPost post = new HttpPost(uri);
        headers.forEach(post::setHeader);
        post.setEntity(new ByteArrayEntity(body, type));
        return raw.execute(post, response -> EntityUtils.toByteArray(response.getEntity()));
    }
}
