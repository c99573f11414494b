package io.camelinngest.examples;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.camelinngest.model.FunctionRun;
import org.apache.camel.builder.RouteBuilder;

/**
 * Java DSL: send an order event and wait for the function that ships it (request-reply on top of Inngest), and follow
 * every run the orders start. The YAML route in {@code routes/order-events.camel.yaml} logs the events.
 */
public class OrderRoutes extends RouteBuilder {

    /** The event the Dev Server's test app ships orders for (function ship-order), and the demo's fake alike. */
    public static final String ORDER_PAID = "shop/order.paid";

    private final AtomicInteger nextOrder = new AtomicInteger(1000);

    @Override
    public void configure() {
        from("timer:orders?repeatCount={{orders.count:3}}&period=1000").routeId("place-orders")
                .process(exchange -> {
                    String order = Integer.toString(nextOrder.incrementAndGet());
                    exchange.getMessage().setHeader("orderId", order);
                    // a Map body: the component writes the JSON, so no value can break it
                    exchange.getMessage().setBody(Map.of("name", ORDER_PAID, "data", Map.of("order", order)));
                })
                .log("placing order ${header.orderId}")
                .to("inngest:sendEvents?awaitRuns=true&awaitTimeout=30000"
                    + "&runPollInterval={{inngest.runPollInterval:3000}}&eventRunsInterval={{inngest.eventRunsInterval:15000}}")
                .process(exchange -> {
                    List<FunctionRun> runs = exchange.getMessage().getBody(List.class);
                    exchange.getMessage().setBody(runs.stream()
                            .map(run -> run.status() + " " + run.output()).toList());
                })
                .log("order ${header.orderId} done: ${body}");

        from("inngest:runStatus?eventName=" + ORDER_PAID + "&delay=500"
             + "&runPollInterval={{inngest.runPollInterval:3000}}&eventRunsInterval={{inngest.eventRunsInterval:15000}}")
                .routeId("follow-runs")
                .log("run ${header.CamelInngestRunId}: ${header.CamelInngestPreviousRunStatus} -> ${header.CamelInngestRunStatus}");
    }
}
