package io.camelinngest.consumer;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.camelinngest.InngestComponent;
import io.camelinngest.InngestConfiguration;
import io.camelinngest.InngestTestHooks;
import io.camelinngest.testing.FakeInngest;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.support.ScheduledPollConsumer;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.awaitility.Awaitility.await;

/**
 * A real CamelContext whose {@code inngest} component talks to a {@link FakeInngest} behind WireMock: a real HTTP
 * server that lists events and runs the way the contract describes, so that consumers can be watched polling it while
 * tests add events and move runs along. Faults are stubbed on top at a higher priority.
 */
public abstract class ConsumerTestSupport extends CamelTestSupport {

    static {
        // upper bounds only (a passing await returns as soon as its condition holds): generous, so that a machine
        // under load (the consumer tests run 20 times in a row beside two busy threads) does not fail them
        org.awaitility.Awaitility.setDefaultTimeout(Duration.ofSeconds(30));
    }

    protected static final FakeInngest FAKE = new FakeInngest();

    @RegisterExtension
    protected static final WireMockExtension INNGEST = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().extensions(FAKE))
            .build();

    /** What the route received, in order: internal event IDs or "runId:status". */
    protected final List<String> received = new CopyOnWriteArrayList<>();

    @BeforeEach
    void resetFake() {
        FAKE.clear();
        INNGEST.stubFor(any(anyUrl()).atPriority(10).willReturn(aResponse().withTransformers(FakeInngest.NAME)));
    }

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        context.addComponent("inngest", component(INNGEST.baseUrl()));
        return context;
    }

    /** A component aimed at the fake, with dev mode off, a signing key, and fast retries. */
    public static InngestComponent component(String baseUrl) {
        InngestComponent component = new InngestComponent();
        InngestTestHooks.noEnvironment(component);
        InngestConfiguration config = component.getConfiguration();
        config.setBaseUrl(baseUrl);
        config.setEventBaseUrl(baseUrl);
        config.setSigningKey("signkey-test-12345678");
        config.setEventKey("test-event-key");
        config.setRetryDelay(1);
        config.setMaxRetries(1);
        return component;
    }

    /**
     * Waits until the consumer of a route has begun {@code more} more polls. Polls run one after the other and deliver
     * what they found before the next begins, so by then everything an earlier poll found has been delivered: what was
     * received is final, and "nothing more came" is proven by polls, not by time.
     */
    public static void awaitPolls(CamelContext context, String routeId, int more) {
        ScheduledPollConsumer consumer = (ScheduledPollConsumer) context.getRoute(routeId).getConsumer();
        long now = consumer.getCounter();
        await().atMost(Duration.ofSeconds(30)).until(() -> consumer.getCounter() >= now + more);
    }

    protected void awaitPolls(String routeId, int more) {
        awaitPolls(context, routeId, more);
    }

    protected static String idOf(Exchange exchange) {
        return exchange.getMessage().getHeader("CamelInngestEventId", String.class);
    }

    /** Turns on the readiness checks of the consumers of a context (off by default in a test context). */
    protected static void enableConsumerHealthChecks(CamelContext context) {
        HealthCheckRegistry health = HealthCheckRegistry.get(context);
        health.setEnabled(true);
        health.register(health.resolveById("consumers"));
    }

    /** The readiness of the consumer of a route, as Camel's health checks report it. */
    protected HealthCheck.Result readinessOf(String routeId) {
        return HealthCheckHelper.invokeReadiness(context).stream()
                .filter(r -> r.getCheck().getId().equals("consumer:" + routeId)).findFirst().orElseThrow();
    }
}
