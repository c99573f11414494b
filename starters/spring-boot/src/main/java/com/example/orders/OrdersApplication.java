package com.example.orders;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The application; its routes are the RouteBuilder beans of this package. Configuration: application.properties
 * (camel.component.inngest.*), or the environment (INNGEST_DEV=1 for a Dev Server on localhost:8288,
 * INNGEST_SIGNING_KEY and INNGEST_EVENT_KEY for Inngest Cloud).
 */
@SpringBootApplication
public class OrdersApplication {

    public static void main(String[] args) {
        SpringApplication.run(OrdersApplication.class, args);
    }
}
