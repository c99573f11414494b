package com.example.orders;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.camelinngest.model.InngestEvent;
import io.camelinngest.testing.FakeInngest.StoredEvent;
import io.camelinngest.testing.FakeInngestServer;

import static org.assertj.core.api.Assertions.assertThat;

/** The application against the fake Inngest of camel-inngest-testing: no server, no key needed. */
@CamelSpringBootTest
@SpringBootTest(properties = "camel.main.run-controller = false")
class OrderRoutesTest {

    static final FakeInngestServer INNGEST = FakeInngestServer.start();

    @Autowired
    CamelContext context;

    @Autowired
    ProducerTemplate template;

    // the component talks to the fake as to a Dev Server
    @DynamicPropertySource
    static void inngest(DynamicPropertyRegistry registry) {
        INNGEST.fake().onEvent("shop/order.created", "shop", "ship-order", Duration.ofMillis(100),
                data -> Map.of("shipped", true));
        registry.add("camel.component.inngest.dev", INNGEST::url);
    }

    @AfterAll
    static void stopInngest() {
        INNGEST.close();
    }

    @Test
    void anOrderBecomesAnEventAndTheConsumerReceivesIt() {
        NotifyBuilder received = new NotifyBuilder(context).fromRoute("order-events")
                .filter(exchange -> exchange.getMessage().getBody() instanceof InngestEvent event
                                    && event.data() != null && Integer.valueOf(1234).equals(event.data().get("orderId")))
                .whenCompleted(1).create();

        template.sendBody("direct:orderCreated", Map.of("orderId", 1234));

        assertThat(received.matches(30, TimeUnit.SECONDS)).as("the consumer received the order's event").isTrue();
        assertThat(INNGEST.fake().events()).extracting(StoredEvent::name).containsOnly("shop/order.created");
        assertThat(INNGEST.fake().events()).extracting(e -> e.data().get("orderId")).contains(1234);
    }
}
