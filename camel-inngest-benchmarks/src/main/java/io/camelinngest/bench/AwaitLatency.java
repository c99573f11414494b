package io.camelinngest.bench;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import io.camelinngest.model.FunctionRun;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * Scenario 6 (live, only with {@code -Dbench.scenarios=await}): against a running Dev Server with the test app,
 * {@code sendEvents?awaitRuns=true} of a {@code shop/order.paid} event (function ship-order), 50 times in a row; for
 * each, the time from the run's end ({@code endedAt} as the server reports it) to the route's reply. Default options
 * (runPollInterval 3 s: the server caches a run for 3 s).
 */
final class AwaitLatency {

    static final int SENDS = 50;

    private AwaitLatency() {
    }

    static void run(String devUrl, Report report) throws Exception {
        String key = UUID.randomUUID().toString().substring(0, 8);
        List<Double> latencies = new ArrayList<>();
        List<Double> totals = new ArrayList<>();
        int withoutEnd = 0;
        try (CamelContext camel = new DefaultCamelContext()) {
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:order").to("inngest:sendEvents?dev=" + devUrl + "&awaitRuns=true&awaitTimeout=60000");
                }
            });
            camel.start();
            ProducerTemplate template = camel.createProducerTemplate();
            System.out.println("  await latency against " + devUrl + ", " + SENDS + " sends");
            for (int i = 0; i < SENDS; i++) {
                String event = "{\"name\":\"shop/order.paid\",\"data\":{\"order\":\"bench-" + key + "-" + i + "\"}}";
                Instant sent = Instant.now();
                List<?> runs = template.requestBody("direct:order", event, List.class);
                Instant replied = Instant.now();
                OffsetDateTime ended = runs.stream().map(FunctionRun.class::cast).map(FunctionRun::endedAt)
                        .filter(java.util.Objects::nonNull).max(OffsetDateTime::compareTo).orElse(null);
                if (ended == null) {
                    withoutEnd++;
                    continue;
                }
                latencies.add((double) Duration.between(ended.toInstant(), replied).toMillis());
                totals.add((double) Duration.between(sent, replied).toMillis());
            }
        }
        String note
                = String.format(Locale.ROOT, "%d sends, %d without an ended run; send to reply: median %.0f ms, p95 %.0f ms",
                        SENDS, withoutEnd, Stats.median(totals), Stats.percentile(totals, 95));
        report.add(Result.reported("6 await latency (live)", "run end to route reply, median", "ms",
                Stats.median(latencies), null, note));
        report.add(Result.reported("6 await latency (live)", "run end to route reply, p95", "ms",
                Stats.percentile(latencies, 95), null, note));
    }
}
