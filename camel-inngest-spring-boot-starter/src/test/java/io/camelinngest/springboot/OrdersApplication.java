package io.camelinngest.springboot;

import org.apache.camel.builder.RouteBuilder;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * A Spring Boot application as a user writes one: routes as a bean, the inngest component configured only by
 * {@code camel.component.inngest.*} properties (application.properties).
 */
@SpringBootApplication
public class OrdersApplication {

    @Bean
    RouteBuilder orderRoutes() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                // producer: send the order event (the body is the event)
                from("direct:placeOrder").routeId("place-order")
                        .to("inngest:sendEvents");

                // producer: read a run (run ID in header CamelInngestRunId)
                from("direct:getRun").routeId("get-run")
                        .to("inngest:getRun");

                // consumer: every new order event, once, oldest first
                from("inngest:newEvents?name=shop/order.created&delay=200").routeId("order-events")
                        .log("order event ${header.CamelInngestEventId}: ${body.data}")
                        .to("mock:orderEvents");
            }
        };
    }
}
