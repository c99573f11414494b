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
        application().run(args);
    }

    /** The application, not started yet (its test starts and stops it). */
    static Main application() {
        // Main scans this class's package for RouteBuilder classes: OrderRoutes is found there
        return new Main(OrdersApplication.class);
    }
}
