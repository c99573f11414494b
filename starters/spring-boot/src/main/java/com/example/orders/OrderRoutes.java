package com.example.orders;

import java.util.Map;

import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

import io.camelinngest.model.NewEvent;

/** Sends an order as an Inngest event, and logs each new event of that name that Inngest received. */
@Component
public class OrderRoutes extends RouteBuilder {

    @Override
    public void configure() {
        // one order a few seconds after the start, so that the application shows something
        from("timer:firstOrder?repeatCount=1&delay=2000")
            .setBody(constant(Map.of("orderId", 1001)))
            .to("direct:orderCreated");

        // the order in the body (a Map) becomes the event's data; the body becomes the internal IDs of the events sent
        from("direct:orderCreated").routeId("send-order")
            .setBody(exchange -> NewEvent.of("shop/order.created", exchange.getMessage().getBody(Map.class)))
            .to("inngest:sendEvents")
            .log("sent order event ${body[0]}");

        // each new event of that name, once, in the order Inngest received them
        from("inngest:newEvents?name=shop/order.created").routeId("order-events")
            .log("received ${body.name} ${header.CamelInngestEventId}: ${body.data}");
    }
}
