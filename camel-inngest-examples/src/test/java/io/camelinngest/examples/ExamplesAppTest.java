package io.camelinngest.examples;

import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import io.camelinngest.InngestComponent;
import io.camelinngest.testing.FakeInngestServer;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The examples' routes (Java DSL and YAML DSL) against the fake Inngest with the demo's function, as the demo mode runs
 * them: three {@code shop/order.paid} events are sent, each comes back shipped with its tracking number (the output the
 * Dev Server's test app gives), the YAML route sees the three events, and the run follower sees each run start and
 * complete.
 */
class ExamplesAppTest extends CamelTestSupport {

    private static final FakeInngestServer INNGEST = FakeInngestServer.start();

    static {
        ExamplesApp.shipOrder(INNGEST.fake(), Duration.ofMillis(300));
    }

    @AfterAll
    static void stopInngest() {
        INNGEST.close();
    }

    @Override
    public boolean isUseAdviceWith() {
        return true;
    }

    @Override
    protected Properties useOverridePropertiesWithPropertiesComponent() {
        Properties properties = new Properties();
        properties.put("inngest.runPollInterval", "100");
        properties.put("inngest.eventRunsInterval", "100");
        properties.put("orders.count", "3");
        return properties;
    }

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        InngestComponent inngest = new InngestComponent();
        inngest.getConfiguration().setDev(INNGEST.url());
        context.addComponent("inngest", inngest);
        context.addRoutes(new OrderRoutes());
        org.apache.camel.support.PluginHelper.getRoutesLoader(context)
                .loadRoutes(org.apache.camel.support.PluginHelper.getResourceLoader(context)
                        .resolveResource("classpath:routes/order-events.camel.yaml"));
        return context;
    }

    private static java.util.Set<Object> completedRuns(MockEndpoint runs) {
        return runs.getExchanges().stream()
                .filter(e -> "Completed".equals(e.getMessage().getHeader("CamelInngestRunStatus")))
                .map(e -> e.getMessage().getHeader("CamelInngestRunId"))
                .collect(java.util.stream.Collectors.toSet());
    }

    @Test
    void threeOrdersAreShippedAndFollowed() throws Exception {
        for (String route : List.of("place-orders", "order-events", "follow-runs")) {
            AdviceWith.adviceWith(context, route, a -> a.weaveAddLast().to("mock:" + route));
        }
        MockEndpoint placed = getMockEndpoint("mock:place-orders");
        MockEndpoint events = getMockEndpoint("mock:order-events");
        MockEndpoint runs = getMockEndpoint("mock:follow-runs");
        placed.expectedMessageCount(3);
        events.expectedMessageCount(3);
        context.start();

        MockEndpoint.assertIsSatisfied(context, 20, TimeUnit.SECONDS);

        // the producer is asynchronous: an order's reply comes when its run ends, so replies may come in any order
        List<String> outcomes = placed.getExchanges().stream().map(e -> e.getMessage().getBody(String.class)).toList();
        assertThat(outcomes).allSatisfy(outcome -> assertThat(outcome).startsWith("[Completed {").contains("shipped=true"));
        for (int i = 1; i <= 3; i++) {
            String tracking = "tracking=TRK-100" + i;
            assertThat(outcomes).as(tracking).filteredOn(outcome -> outcome.contains(tracking)).hasSize(1);
        }
        assertThat(events.getExchanges()).extracting(e -> e.getMessage().getHeader("CamelInngestEventName"))
                .containsOnly("shop/order.paid");

        // the follower reports what it observes: each run's end for sure, its Running state when a poll caught it
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (completedRuns(runs).size() < 3 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(completedRuns(runs)).hasSize(3);
        assertThat(runs.getExchanges()).extracting(e -> e.getMessage().getHeader("CamelInngestRunStatus"))
                .isSubsetOf("Running", "Completed");
    }
}
