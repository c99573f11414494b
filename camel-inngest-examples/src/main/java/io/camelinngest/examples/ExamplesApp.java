package io.camelinngest.examples;

import java.time.Duration;
import java.util.Map;

import io.camelinngest.testing.FakeInngest;
import io.camelinngest.testing.FakeInngestServer;
import org.apache.camel.main.Main;

/**
 * The examples as one Camel Main application: orders are sent to Inngest as events, a function ships each order, and
 * the routes follow the events and the runs.
 * <p>
 * Against a real Inngest: set {@code INNGEST_DEV=1} (a Dev Server on localhost:8288, with an app that has a function
 * for {@code shop/order.paid}, such as the test app of the Dev Server kit) or {@code INNGEST_SIGNING_KEY} and
 * {@code INNGEST_EVENT_KEY} (Inngest Cloud). Without any of the {@code INNGEST_*} variables the application runs in
 * demo mode, against a fake Inngest on loopback whose function {@code ship-order} answers each order after a second and
 * a half, as the test app's does.
 */
public final class ExamplesApp {

    private ExamplesApp() {
    }

    public static void main(String[] args) throws Exception {
        Main main = new Main();
        FakeInngestServer demo = null;
        if (isDemo()) {
            demo = FakeInngestServer.start();
            shipOrder(demo.fake(), Duration.ofMillis(1500));
            // routes/compensate-failed-payments.camel.xml compensates this function's failures
            demo.fake().onEvent("shop/payment.requested", "shop", "charge-card", Duration.ofMillis(1000),
                    data -> {
                        throw new IllegalStateException("card declined");
                    });
            main.addInitialProperty("camel.component.inngest.dev", demo.url());
            System.out.println("camel-inngest examples: demo mode, fake Inngest at " + demo.url()
                               + " (set INNGEST_DEV=1 or INNGEST_SIGNING_KEY/INNGEST_EVENT_KEY to use a real one)");
        }
        main.configure().addRoutesBuilder(new OrderRoutes());
        serveFunctions(main);
        try {
            main.run(args);
        } finally {
            if (demo != null) {
                demo.close();
            }
        }
    }

    /**
     * The demo's function, as the Dev Server's test app has it: {@code ship-order} of app {@code test-app}, started by
     * {@code shop/order.paid}, answers {@code {"shipped": true, "tracking": "TRK-<data.order>"}}.
     */
    public static void shipOrder(FakeInngest fake, Duration runTime) {
        fake.onEvent(OrderRoutes.ORDER_PAID, "test-app", "ship-order", runTime,
                data -> Map.of("shipped", true, "tracking", "TRK-" + data.get("order")));
    }

    /**
     * Serves the function routes of {@link PackingRoutes} on Camel Main's HTTP server, on {@code EXAMPLES_PORT} or a
     * free port, as app {@code camel-examples}, at an origin the Inngest server on this machine can call.
     */
    private static void serveFunctions(Main main) throws java.io.IOException {
        String port = System.getenv("EXAMPLES_PORT");
        if (port == null || port.isBlank()) {
            try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
                port = Integer.toString(socket.getLocalPort());
            }
        }
        main.addInitialProperty("camel.server.enabled", "true");
        main.addInitialProperty("camel.server.host", "127.0.0.1");
        main.addInitialProperty("camel.server.port", port);
        main.addInitialProperty("camel.component.inngest-function.appId", "camel-examples");
        main.addInitialProperty("camel.component.inngest-function.serveOrigin", "http://127.0.0.1:" + port);
        main.configure().addRoutesBuilder(new PackingRoutes());
    }

    private static boolean isDemo() {
        for (String name : new String[] { "INNGEST_DEV", "INNGEST_BASE_URL", "INNGEST_API_BASE_URL", "INNGEST_SIGNING_KEY" }) {
            String value = System.getenv(name);
            if (value != null && !value.isBlank()) {
                return false;
            }
        }
        return true;
    }
}
