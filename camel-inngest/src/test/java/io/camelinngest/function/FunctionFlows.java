package io.camelinngest.function;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.camel.builder.RouteBuilder;

/**
 * The function routes the live suite runs against the Dev Server and the CI suite against the fake, with what they
 * count: how often each step's work ran (by step and order) and when the concurrency-limited work ran.
 */
public final class FunctionFlows {

    public final Map<String, AtomicInteger> executions = new ConcurrentHashMap<>();
    public final List<Instant[]> intervals = new CopyOnWriteArrayList<>();
    private final String app;
    private final String invokeTarget;

    /**
     * @param app          the app ID, also the prefix of every event name
     * @param invokeTarget the function the {@code invoker} function invokes: it must answer {@code {order}} with
     *                     {@code {shipped: true, tracking: "TRK-<order>"}}
     */
    public FunctionFlows(String app, String invokeTarget) {
        this.app = app;
        this.invokeTarget = invokeTarget;
    }

    public int count(String step, Object order) {
        return executions.computeIfAbsent(step + "/" + order, k -> new AtomicInteger()).incrementAndGet();
    }

    public int executions(String step, Object order) {
        AtomicInteger n = executions.get(step + "/" + order);
        return n == null ? 0 : n.get();
    }

    public RouteBuilder routes() {
        return new RouteBuilder() {
            @Override
            @SuppressWarnings("unchecked")
            public void configure() {
                from("inngest-function:greet?trigger=" + app + "/greet")
                        .process(e -> e.getMessage().setBody(Map.of("greeting",
                                "hello " + e.getMessage().getBody(Map.class).get("name"))));

                // the TypeScript test app's ship-order, as a route
                from("inngest-function:ship-order?trigger=" + app + "/order.paid")
                        .setHeader("order", simple("${body[order]}"))
                        .to("inngest-step:label?to=direct:label")
                        .process(e -> e.getMessage().setBody(Map.of("shipped", true,
                                "tracking", e.getMessage().getBody(String.class))));
                from("direct:label").process(e -> e.getMessage().setBody("TRK-" + e.getMessage().getHeader("order")));

                from("inngest-function:checkout?trigger=" + app + "/checkout")
                        .to("inngest-step:reserve?to=direct:reserve")
                        .to("inngest-step:charge?to=direct:charge")
                        .process(e -> e.getMessage().setBody(Map.of("done", e.getMessage().getBody(Map.class))));
                from("direct:reserve").process(e -> {
                    Map<String, Object> order = new HashMap<>(e.getMessage().getBody(Map.class));
                    count("reserve", order.get("order"));
                    order.put("reserved", true);
                    e.getMessage().setBody(order);
                });
                from("direct:charge").process(e -> {
                    Map<String, Object> order = new HashMap<>(e.getMessage().getBody(Map.class));
                    count("charge", order.get("order"));
                    order.put("charged", true);
                    e.getMessage().setBody(order);
                });

                from("inngest-function:nap?trigger=" + app + "/nap")
                        .to("inngest-step:nap?op=sleep&duration=3s")
                        .setBody(constant(Map.of("woke", true)));

                from("inngest-function:approval?trigger=" + app + "/approval")
                        .to("inngest-step:approval?op=waitForEvent&event=" + app + "/approved&timeout=20s"
                            + "&match=async.data.order == event.data.order")
                        .process(e -> {
                            Map<String, Object> got = e.getMessage().getBody(Map.class);
                            Map<String, Object> out = new HashMap<>();
                            out.put("approved", got != null);
                            out.put("by", got == null ? null : ((Map<String, Object>) got.get("data")).get("by"));
                            out.put("timedOut", e.getMessage().getHeader(InngestFunctionConstants.STEP_TIMED_OUT));
                            e.getMessage().setBody(out);
                        });
                from("inngest-function:quick-approval?trigger=" + app + "/quick-approval")
                        .to("inngest-step:approval?op=waitForEvent&event=" + app + "/approved&timeout=3s")
                        .process(e -> e.getMessage().setBody(Map.of("approved", e.getMessage().getBody() != null)));

                from("inngest-function:flaky?trigger=" + app + "/flaky&retries=2")
                        .to("inngest-step:call-partner?to=direct:flaky")
                        .process(e -> e.getMessage().setBody(Map.of("answer", e.getMessage().getBody(String.class))));
                from("direct:flaky").process(e -> {
                    if (count("flaky", e.getMessage().getBody(Map.class).get("order")) == 1) {
                        throw new IllegalStateException("partner down");
                    }
                    e.getMessage().setBody("partner up");
                });

                from("inngest-function:refuse?trigger=" + app + "/refuse&retries=3")
                        .process(e -> {
                            count("refuse", e.getMessage().getBody(Map.class).get("order"));
                            throw new InngestNonRetriableException("order is invalid");
                        });

                from("inngest-function:serial?trigger=" + app + "/serial&concurrency=1")
                        .to("inngest-step:work?to=direct:work")
                        .setBody(constant(Map.of("worked", true)));
                from("direct:work").process(e -> {
                    Instant start = Instant.now();
                    Thread.sleep(2000);
                    intervals.add(new Instant[] { start, Instant.now() });
                    e.getMessage().setBody("done");
                });

                from("inngest-function:cancellable?trigger=" + app + "/long&cancelOn=" + app + "/stop"
                     + "&cancelIf=event.data.order == async.data.order")
                        .to("inngest-step:wait-long?op=sleep&duration=10m")
                        .setBody(constant(Map.of("woke", true)));

                from("inngest-function:notifier?trigger=" + app + "/notify")
                        .process(e -> e.getMessage().setBody(Map.of("name", app + "/notified",
                                "data", Map.of("order", e.getMessage().getBody(Map.class).get("order")))))
                        .to("inngest-step:notify?op=sendEvent")
                        .process(e -> e.getMessage().setBody(Map.of("sent", e.getMessage().getBody())));

                from("inngest-function:invoker?trigger=" + app + "/invoke")
                        .to("inngest-step:ship?op=invoke&function=" + invokeTarget + "&timeout=1m")
                        .process(e -> e.getMessage().setBody(Map.of("invoked", e.getMessage().getBody(Map.class))));
            }
        };
    }
}
