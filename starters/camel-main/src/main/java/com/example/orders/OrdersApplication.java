package com.example.orders;

import org.apache.camel.main.Main;

/**
 * Runs the routes on Camel Main until stopped (Ctrl+C). The component reads its configuration from the environment:
 * INNGEST_DEV=1 for a Dev Server on localhost:8288, or INNGEST_SIGNING_KEY and INNGEST_EVENT_KEY for Inngest Cloud.
 */
public final class OrdersApplication {

    private OrdersApplication() {
    }

    public static void main(String[] args) throws Exception {
        Main main = new Main(OrdersApplication.class);
        main.configure().addRoutesBuilder(new OrderRoutes());
        main.run(args);
    }
}
