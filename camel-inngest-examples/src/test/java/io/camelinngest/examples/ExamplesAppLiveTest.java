package io.camelinngest.examples;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import io.camelinngest.InngestComponent;
import io.camelinngest.InngestConstants;
import io.camelinngest.model.FunctionRun;
import io.camelinngest.model.InngestEvent;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The examples application in dev mode against the running Inngest Dev Server ({@code ../shared/inngest-dev/start.sh};
 * URL from {@code INNGEST_DEV} when it is a URL, else {@code -Dinngest.dev.url}). Its order events must start the
 * {@code ship-order} function of the Dev Server's test app ({@code shop/order.paid}, data {@code {order: ...}}), each
 * order must come back shipped with its tracking number, and the event and run followers must see them. Other users of
 * the server send events too: only this application's events and runs are looked at.
 */
@Tag("live")
class ExamplesAppLiveTest extends CamelTestSupport {

    private final List<Exchange> eventsSeen = new CopyOnWriteArrayList<>();
    private final List<Exchange> runsSeen = new CopyOnWriteArrayList<>();

    static String devServerUrl() {
        String env = System.getenv("INNGEST_DEV");
        if (env != null && (env.startsWith("http://") || env.startsWith("https://"))) {
            return env;
        }
        if ("1".equals(env) || "true".equalsIgnoreCase(env)) {
            return "http://localhost:8288";
        }
        String property = System.getProperty("inngest.dev.url");
        return property == null || property.isBlank() || property.startsWith("${") ? "http://127.0.0.1:8288" : property;
    }

    @Override
    public boolean isUseAdviceWith() {
        return true;
    }

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        // dev mode, as INNGEST_DEV=<url> gives the application
        InngestComponent inngest = new InngestComponent();
        inngest.getConfiguration().setDev(devServerUrl());
        context.addComponent("inngest", inngest);
        context.addRoutes(new OrderRoutes());
        PluginHelper.getRoutesLoader(context)
                .loadRoutes(
                        PluginHelper.getResourceLoader(context).resolveResource("classpath:routes/order-events.camel.yaml"));
        return context;
    }

    @Test
    @SuppressWarnings("unchecked")
    void theOrdersStartShipOrderOfTheTestAppAndComeBackShipped() throws Exception {
        AdviceWith.adviceWith(context, "place-orders", a -> a.weaveByToUri("inngest:sendEvents*").after().to("mock:replies"));
        AdviceWith.adviceWith(context, "order-events", a -> a.weaveAddLast().process(eventsSeen::add));
        AdviceWith.adviceWith(context, "follow-runs", a -> a.weaveAddLast().process(runsSeen::add));
        MockEndpoint replies = getMockEndpoint("mock:replies");
        replies.expectedMessageCount(3);
        context.start();

        MockEndpoint.assertIsSatisfied(context, 120, TimeUnit.SECONDS);

        Set<String> ourEvents = new java.util.HashSet<>();
        Set<String> ourRuns = new java.util.HashSet<>();
        for (Exchange reply : replies.getExchanges()) {
            List<String> eventIds = reply.getMessage().getHeader(InngestConstants.EVENT_IDS, List.class);
            assertThat(eventIds).hasSize(1);
            InngestEvent event = template.requestBodyAndHeader("inngest:getEvent", null, InngestConstants.EVENT_ID,
                    eventIds.get(0), InngestEvent.class);
            assertThat(event.name()).isEqualTo("shop/order.paid");
            assertThat(event.data()).containsKey("order");
            List<FunctionRun> runs = reply.getMessage().getBody(List.class);
            assertThat(runs).as("runs of order %s", event.data().get("order")).singleElement().satisfies(run -> {
                assertThat(run.status().wireName()).isEqualTo("Completed");
                assertThat(run.appId()).isEqualTo("test-app");
                assertThat(run.functionId()).isEqualTo("ship-order");
                assertThat(run.output()).isEqualTo(Map.of("shipped", true, "tracking", "TRK-" + event.data().get("order")));
            });
            ourEvents.add(eventIds.get(0));
            ourRuns.add(runs.get(0).runId());
        }

        await("the YAML route saw the three order events").atMost(Duration.ofSeconds(30))
                .until(() -> ids(eventsSeen, InngestConstants.EVENT_ID).containsAll(ourEvents));
        await("the run follower saw the three runs complete").atMost(Duration.ofSeconds(60))
                .until(() -> completed(runsSeen).containsAll(ourRuns));
    }

    private static Set<Object> ids(List<Exchange> exchanges, String header) {
        return exchanges.stream().map(e -> e.getMessage().getHeader(header)).collect(Collectors.toSet());
    }

    private static Set<Object> completed(List<Exchange> exchanges) {
        return exchanges.stream().filter(e -> "Completed".equals(e.getMessage().getHeader(InngestConstants.RUN_STATUS)))
                .map(e -> e.getMessage().getHeader(InngestConstants.RUN_ID)).collect(Collectors.toSet());
    }
}
