package io.camelinngest.examples;

import java.util.Collection;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.camelinngest.InngestComponent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The examples' routes in dev mode against a running Inngest Dev Server with its test app
 * ({@code ../shared/inngest-dev/start.sh}; URL from {@code INNGEST_DEV} when it is a URL, else the system property
 * {@code inngest.dev.url}): the orders the routes send start the test app's {@code ship-order}, whose output comes
 * back to the route. Other tests send {@code shop/order.paid} too, so only this test's events and runs are checked.
 */
@Tag("live")
class ExamplesAppLiveTest extends CamelTestSupport {

    private static String devServer() {
        String env = System.getenv("INNGEST_DEV");
        return env != null && env.startsWith("http") ? env : System.getProperty("inngest.dev.url", "http://127.0.0.1:8288");
    }

    @Override
    public boolean isUseAdviceWith() {
        return true;
    }

    @Override
    protected Properties useOverridePropertiesWithPropertiesComponent() {
        Properties properties = new Properties();
        properties.put("orders.count", "2");
        return properties;
    }

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        InngestComponent inngest = new InngestComponent();
        inngest.getConfiguration().setDev(devServer());
        context.addComponent("inngest", inngest);
        context.addRoutes(new OrderRoutes());
        PluginHelper.getRoutesLoader(context)
                .loadRoutes(PluginHelper.getResourceLoader(context).resolveResource("classpath:routes/order-events.camel.yaml"));
        return context;
    }

    @Test
    void theOrdersStartTheTestAppsShipOrderAndItsOutputComesBack() throws Exception {
        for (String route : List.of("place-orders", "order-events", "follow-runs")) {
            AdviceWith.adviceWith(context, route, a -> a.weaveAddLast().to("mock:" + route));
        }
        MockEndpoint placed = getMockEndpoint("mock:place-orders");
        placed.expectedMessageCount(2);
        context.start();

        MockEndpoint.assertIsSatisfied(context, 60, TimeUnit.SECONDS);

        for (Exchange exchange : placed.getExchanges()) {
            String order = exchange.getMessage().getHeader("orderId", String.class);
            assertThat(exchange.getMessage().getBody(String.class))
                    .startsWith("[Completed {").contains("shipped=true", "tracking=TRK-" + order);
        }
        Set<String> sent = placed.getExchanges().stream()
                .flatMap(e -> ((Collection<?>) e.getMessage().getHeader("CamelInngestEventIds", Collection.class)).stream())
                .map(String::valueOf)
                .collect(Collectors.toSet());
        assertThat(sent).hasSize(2);
        // the YAML route receives this test's events among any others
        MockEndpoint events = getMockEndpoint("mock:order-events");
        await().atMost(30, TimeUnit.SECONDS).until(() -> events.getExchanges().stream()
                .map(e -> e.getMessage().getHeader("CamelInngestEventId", String.class)).collect(Collectors.toSet())
                .containsAll(sent));
        // the run follower sees the runs of this test's events complete
        MockEndpoint runs = getMockEndpoint("mock:follow-runs");
        await().atMost(30, TimeUnit.SECONDS).until(() -> runs.getExchanges().stream()
                .filter(e -> sent.contains(e.getMessage().getHeader("CamelInngestEventId", String.class)))
                .filter(e -> "Completed".equals(e.getMessage().getHeader("CamelInngestRunStatus")))
                .count() >= 2);
    }
}
