package com.example.orders;

import org.apache.camel.main.Main;
import org.junit.jupiter.api.Test;

import io.camelinngest.testing.FakeInngestServer;

import static org.assertj.core.api.Assertions.assertThat;

/** The application as `mvn exec:java` starts it: Camel Main finds the routes of the package, once each. */
class OrdersApplicationTest {

    @Test
    void theApplicationStartsItsThreeRoutes() throws Exception {
        try (FakeInngestServer inngest = FakeInngestServer.start()) {
            Main main = OrdersApplication.application();
            main.addInitialProperty("camel.component.inngest.dev", inngest.url());
            main.start();
            try {
                assertThat(main.getCamelContext().getRoutes()).extracting(r -> r.getRouteId())
                        .contains("send-order", "order-events").hasSize(3);
            } finally {
                main.stop();
            }
        }
    }
}
