package com.example.orders;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.camel.CamelContext;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.camelinngest.InngestComponent;
import io.camelinngest.model.InngestEvent;
import io.camelinngest.testing.FakeInngest.StoredEvent;
import io.camelinngest.testing.FakeInngestServer;

import static org.assertj.core.api.Assertions.assertThat;

/** The routes against the fake Inngest of camel-inngest-testing: no server, no key needed. */
class OrderRoutesTest extends CamelTestSupport {

    static FakeInngestServer inngest;

    @BeforeAll
    static void startInngest() {
        inngest = FakeInngestServer.start();
        inngest.fake().onEvent("shop/order.created", "shop", "ship-order", Duration.ofMillis(100),
                data -> Map.of("shipped", true));
    }

    @AfterAll
    static void stopInngest() {
        inngest.close();
    }

    // set before the routes start: the component then talks to the fake as to a Dev Server
    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        context.getComponent("inngest", InngestComponent.class).getConfiguration().setDev(inngest.url());
        return context;
    }

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new OrderRoutes();
    }

    @Test
    void anOrderBecomesAnEventAndTheConsumerReceivesIt() {
        NotifyBuilder received = new NotifyBuilder(context).fromRoute("order-events")
                .filter(exchange -> exchange.getMessage().getBody() instanceof InngestEvent event
                                    && event.data() != null && Integer.valueOf(1234).equals(event.data().get("orderId")))
                .whenCompleted(1).create();

        template.sendBody("direct:orderCreated", Map.of("orderId", 1234));

        assertThat(received.matches(30, TimeUnit.SECONDS)).as("the consumer received the order's event").isTrue();
        assertThat(inngest.fake().events()).extracting(StoredEvent::name).containsOnly("shop/order.created");
        assertThat(inngest.fake().events()).extracting(e -> e.data().get("orderId")).contains(1234);
    }
}
