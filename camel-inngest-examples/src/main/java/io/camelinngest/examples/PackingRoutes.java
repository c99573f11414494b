package io.camelinngest.examples;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.camelinngest.model.FunctionRun;
import org.apache.camel.builder.RouteBuilder;

/**
 * A Camel route as an Inngest function: {@code pack-order} picks an order and prints its label in two durable steps
 * (each runs once per run, however often Inngest calls the route), and a client route asks for one packing with
 * {@code inngest:sendEvents?awaitRuns=true} and logs the run's output. Inngest calls the function over the app's serve
 * path ({@code /api/inngest}), so the app needs Camel's platform HTTP (here Camel Main's server).
 */
public class PackingRoutes extends RouteBuilder {

    /** The event that starts the function {@code pack-order}. */
    public static final String ORDER_PACKED = "shop/order.pack";

    @Override
    @SuppressWarnings("unchecked")
    public void configure() {
        from("inngest-function:pack-order?trigger=" + ORDER_PACKED + "&retries=2").routeId("pack-order")
                .to("inngest-step:pick?to=direct:pick")
                .to("inngest-step:label?to=direct:label");

        from("direct:pick").routeId("pick")
                .process(e -> {
                    Map<String, Object> order = new HashMap<>(e.getMessage().getBody(Map.class));
                    order.put("picked", true);
                    e.getMessage().setBody(order);
                })
                .log("picked order ${body[order]}");
        from("direct:label").routeId("label")
                .process(e -> {
                    Map<String, Object> order = new HashMap<>(e.getMessage().getBody(Map.class));
                    order.put("label", "PKG-" + order.get("order"));
                    e.getMessage().setBody(order);
                });

        // waits until the app has synced its functions, then asks for one packing and logs its output
        from("timer:pack?repeatCount=1&delay={{packing.delay:3000}}").routeId("pack-orders")
                .setBody(constant(Map.of("name", ORDER_PACKED, "data", Map.of("order", "2001"))))
                .to("inngest:sendEvents?awaitRuns=true&awaitTimeout=30000"
                    + "&runPollInterval={{inngest.runPollInterval:1000}}&eventRunsInterval={{inngest.eventRunsInterval:1000}}")
                .process(e -> e.getMessage().setBody(((List<FunctionRun>) e.getMessage().getBody(List.class)).stream()
                        .map(run -> run.status() + " " + run.output()).toList()))
                .log("order 2001 packed: ${body}");
    }
}
