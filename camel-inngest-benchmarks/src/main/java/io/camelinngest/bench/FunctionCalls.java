package io.camelinngest.bench;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import io.camelinngest.InngestComponent;
import io.camelinngest.InngestFunctionComponent;
import io.camelinngest.model.FunctionRun;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServerConfiguration;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * Route functions ({@code inngest-function}), two scenarios:
 * <ul>
 * <li>{@code calls} (loopback, no server): the time of one call request (HTTP POST to the serve path, route run, JSON
 * answer) against a plain platform-http route on the same server answering the same JSON: the component's own overhead
 * per call request.</li>
 * <li>{@code functions} (live, Dev Server with the test app): invoke to ended run of the route twin of the test app's
 * ship-order (one step) against ship-order itself, alternating, through {@code invokeFunction?awaitTerminal=true}; the
 * run's server-reported duration (startedAt to endedAt) and the wall time.</li>
 * </ul>
 */
final class FunctionCalls {

    private static final int CALLS = 2000;
    private static final int LIVE_RUNS = 20;

    private FunctionCalls() {
    }

    static void overhead(int rounds, Report report) throws Exception {
        int port = freePort();
        try (CamelContext camel = servingContext(port, "http://127.0.0.1:1", "bench", false)) {
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("inngest-function:echo?trigger=bench/echo").setBody(constant(Map.of("ok", true)));
                    from("platform-http:/plain?httpMethodRestrict=POST").setBody(constant("{\"ok\":true}"))
                            .setHeader("Content-Type", constant("application/json"));
                }
            });
            camel.start();
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            String body = "{\"event\":{\"name\":\"bench/echo\",\"data\":{\"order\":\"1\"},\"id\":\"01E\",\"ts\":1},"
                          + "\"events\":[{\"name\":\"bench/echo\",\"data\":{\"order\":\"1\"},\"id\":\"01E\",\"ts\":1}],\"steps\":{},"
                          + "\"ctx\":{\"run_id\":\"01R\",\"attempt\":0,\"disable_immediate_execution\":false,\"use_api\":false,"
                          + "\"stack\":{\"stack\":[],\"current\":0}}}";
            URI function = URI.create("http://127.0.0.1:" + port + "/api/inngest?fnId=bench-echo&stepId=step");
            URI plain = URI.create("http://127.0.0.1:" + port + "/plain");
            List<Double> component = new ArrayList<>();
            List<Double> baseline = new ArrayList<>();
            time(http, function, body, CALLS / 4);
            time(http, plain, body, CALLS / 4);
            for (int r = 0; r < rounds; r++) {
                component.add(time(http, function, body, CALLS));
                baseline.add(time(http, plain, body, CALLS));
            }
            double c = Stats.median(component);
            double b = Stats.median(baseline);
            report.add(Result.reported("9 function call overhead", "call request to a route function vs a plain "
                                                                   + "platform-http route, per call, 1 thread",
                    "µs", c, b,
                    String.format(Locale.ROOT, "%d calls per round, %d rounds, median of rounds; overhead %.0f µs per call",
                            CALLS, rounds, c - b)));
        }
    }

    static void live(String devUrl, Report report) throws Exception {
        String app = "bench-" + UUID.randomUUID().toString().substring(0, 8);
        int port = freePort();
        try (CamelContext camel = servingContext(port, devUrl, app, true)) {
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("inngest-function:ship-order?trigger=" + app + "/order.paid")
                            .setHeader("order", simple("${body[order]}"))
                            .to("inngest-step:label?to=direct:label")
                            .process(e -> e.getMessage().setBody(Map.of("shipped", true,
                                    "tracking", e.getMessage().getBody(String.class))));
                    from("direct:label").process(e -> e.getMessage().setBody("TRK-" + e.getMessage().getHeader("order")));
                }
            });
            camel.start();
            Thread.sleep(3000); // the sync
            ProducerTemplate template = camel.createProducerTemplate();
            List<Double> routeWall = new ArrayList<>();
            List<Double> tsWall = new ArrayList<>();
            List<Double> routeRun = new ArrayList<>();
            List<Double> tsRun = new ArrayList<>();
            System.out.println("  route function vs TypeScript function against " + devUrl + ", " + LIVE_RUNS + " runs each");
            for (int i = 0; i < LIVE_RUNS; i++) {
                Map<String, Object> data = Map.of("order", "bench-" + app + "-" + i);
                measure(template, app, "ship-order", data, routeWall, routeRun);
                measure(template, "test-app", "ship-order", data, tsWall, tsRun);
            }
            String note = String.format(Locale.ROOT, "%d runs each, alternating; p95 wall: route %.0f ms, TypeScript %.0f ms",
                    LIVE_RUNS, Stats.percentile(routeWall, 95), Stats.percentile(tsWall, 95));
            report.add(Result.reported("10 route function (live)", "invoke to ended run, wall, median (baseline: the "
                                                                   + "test app's ship-order)",
                    "ms", Stats.median(routeWall), Stats.median(tsWall), note));
            report.add(Result.reported("10 route function (live)", "run startedAt to endedAt, median (baseline: the "
                                                                   + "test app's ship-order)",
                    "ms", Stats.median(routeRun), Stats.median(tsRun), note));
        }
    }

    private static void measure(
            ProducerTemplate template, String app, String function, Map<String, Object> data,
            List<Double> wall, List<Double> run) {
        Instant start = Instant.now();
        FunctionRun ended
                = template.requestBody("inngest:invokeFunction?awaitTerminal=true&awaitTimeout=60000&runPollInterval=100"
                                       + "&appId=" + app + "&functionId=" + function,
                        data, FunctionRun.class);
        wall.add((double) Duration.between(start, Instant.now()).toMillis());
        if (ended.runStartedAt() != null && ended.endedAt() != null) {
            run.add((double) Duration.between(ended.runStartedAt(), ended.endedAt()).toMillis());
        }
    }

    private static double time(HttpClient http, URI uri, String body, int calls) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        long start = System.nanoTime();
        for (int i = 0; i < calls; i++) {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(uri + " answered " + response.statusCode() + ": " + response.body());
            }
        }
        return (System.nanoTime() - start) / 1000.0 / calls;
    }

    private static CamelContext servingContext(int port, String devUrl, String app, boolean sync) throws Exception {
        CamelContext camel = new DefaultCamelContext();
        VertxPlatformHttpServerConfiguration http = new VertxPlatformHttpServerConfiguration();
        http.setBindHost("127.0.0.1");
        http.setBindPort(port);
        camel.addService(new VertxPlatformHttpServer(http));
        InngestComponent inngest = new InngestComponent();
        inngest.getConfiguration().setDev(devUrl);
        camel.addComponent("inngest", inngest);
        InngestFunctionComponent functions = new InngestFunctionComponent();
        functions.setAppId(app);
        functions.setServeOrigin("http://127.0.0.1:" + port);
        functions.setSyncOnStart(sync);
        camel.addComponent("inngest-function", functions);
        return camel;
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
