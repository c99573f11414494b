package io.camelinngest.examples;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import io.camelinngest.InngestComponent;
import io.camelinngest.model.FunctionRun;
import io.camelinngest.model.InngestEvent;
import io.camelinngest.model.RunStatus;
import io.camelinngest.testing.FakeInngest.StoredEvent;
import io.camelinngest.testing.FakeInngest.StoredRun;
import io.camelinngest.testing.FakeInngestServer;
import org.apache.camel.CamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The XML DSL route of the examples ({@code routes/compensate-failed-payments.camel.xml}), loaded as Camel Main loads
 * it, against the fake Inngest whose payment function fails, as in the demo mode: the payment request's run fails, and
 * the route sends one compensating event for its order.
 */
class CompensationXmlRouteTest extends CamelTestSupport {

    private static final FakeInngestServer INNGEST = FakeInngestServer.start();

    static {
        INNGEST.fake().onEvent("shop/payment.requested", "shop", "charge-card", Duration.ofMillis(300),
                data -> {
                    throw new IllegalStateException("card declined");
                });
    }

    @AfterAll
    static void stopInngest() {
        INNGEST.close();
    }

    @Override
    protected Properties useOverridePropertiesWithPropertiesComponent() {
        Properties properties = new Properties();
        properties.put("inngest.runPollInterval", "100");
        properties.put("inngest.eventRunsInterval", "100");
        return properties;
    }

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        InngestComponent inngest = new InngestComponent();
        inngest.getConfiguration().setDev(INNGEST.url());
        context.addComponent("inngest", inngest);
        PluginHelper.getRoutesLoader(context).loadRoutes(PluginHelper.getResourceLoader(context)
                .resolveResource("classpath:routes/compensate-failed-payments.camel.xml"));
        return context;
    }

    private static List<StoredEvent> named(String name) {
        return INNGEST.fake().events().stream().filter(e -> e.name().equals(name)).toList();
    }

    @Test
    void aFailedPaymentRunIsCompensatedOnceWithItsOrder() {
        assertThat(context.getRoute("compensate-failed-payments").getEndpoint().getEndpointUri())
                .startsWith("inngest://runStatus").contains("statuses=Failed");

        await().atMost(Duration.ofSeconds(20)).until(() -> !named(Compensations.COMPENSATE).isEmpty());

        StoredEvent request = named("shop/payment.requested").get(0);
        StoredRun failed = INNGEST.fake().runsOf(request.internalId()).get(0);
        assertThat(failed.status()).isEqualTo("Failed");
        StoredEvent compensation = named(Compensations.COMPENSATE).get(0);
        assertThat(compensation.data()).containsEntry("orderId", 2001)
                .containsEntry("failedRunId", failed.runId())
                .containsEntry("failedFunction", "charge-card")
                .containsKey("reason");
        assertThat(compensation.data().get("reason")).isEqualTo(failed.output());
        // one failure, one compensation: the route does not compensate again on later polls
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                .until(() -> named(Compensations.COMPENSATE).size() == 1);
    }

    @Test
    void docsXmlDslShowsThisRouteFile() throws Exception {
        String file = Files.readString(Path.of("src/main/resources/routes/compensate-failed-payments.camel.xml"));
        String doc = Files.readString(Path.of("../docs/xml-dsl.md"));
        String shown = doc.substring(doc.indexOf("```xml\n") + 7, doc.indexOf("```", doc.indexOf("```xml\n") + 7));

        assertThat(file).contains(shown.strip());
    }

    @Test
    void theCompensatingEventIsBuiltAsAnObjectNotAsText() {
        Map<String, Object> data = Compensations.forFailedRun(
                new FunctionRun(
                        "01JWNNSVKR5DW3DMHK620M933E", null, "charge-card", null, null,
                        "01JWNNSVKR5DW3DMHK620M933F", null, null, null, RunStatus.FAILED, null,
                        Map.of("error", "card \"declined\""), null, "shop"),
                new InngestEvent(
                        "01JWNNSVKR5DW3DMHK620M933F", null, null, null, null, null, null,
                        "shop/payment.requested", null, null, null, null))
                .data();

        // an event without data (or a reason with quotes) still makes a valid event
        assertThat(data).containsEntry("orderId", null).containsEntry("reason", Map.of("error", "card \"declined\""));
    }
}
