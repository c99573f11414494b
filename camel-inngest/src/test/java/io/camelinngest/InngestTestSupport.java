package io.camelinngest;

import java.util.Map;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

/**
 * A real CamelContext whose {@code inngest} component talks to WireMock (a real HTTP server on a random port) for both
 * the REST and the event API. Retries wait 1 ms so that retry tests stay fast; no environment variable leaks in from
 * the machine running the tests.
 */
public abstract class InngestTestSupport extends CamelTestSupport {

    /** The signing key example of the Inngest SDK specification, and the bearer token it hashes to. */
    protected static final String SIGNING_KEY = "signkey-test-12345678";
    protected static final String HASHED_BEARER
            = "Bearer signkey-test-b2ed992186a5cb19f6668aade821f502c1d00970dfd0e35128d51bac4649916c";
    protected static final String EVENT_KEY = "test-event-key";

    @RegisterExtension
    protected static final WireMockExtension INNGEST = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        InngestComponent component = new InngestComponent();
        component.environment(environment()::get);
        InngestConfiguration config = component.getConfiguration();
        config.setBaseUrl(INNGEST.baseUrl());
        config.setEventBaseUrl(INNGEST.baseUrl());
        config.setSigningKey(SIGNING_KEY);
        config.setEventKey(EVENT_KEY);
        config.setRetryDelay(1);
        configure(config);
        context.addComponent("inngest", component);
        return context;
    }

    /** The environment variables the component sees: none, unless a test says otherwise. */
    protected Map<String, String> environment() {
        return Map.of();
    }

    /** Adjusts the component's configuration before the context starts. */
    protected void configure(InngestConfiguration config) {
    }

    /** Sends a message to an endpoint and returns the exchange, failed or not. */
    protected Exchange call(String uri, Object body, Map<String, Object> headers) {
        return template.send(uri, e -> {
            e.getMessage().setBody(body);
            e.getMessage().setHeaders(new java.util.HashMap<>(headers));
        });
    }

    protected Exchange call(String uri) {
        return call(uri, null, Map.of());
    }

    /**
     * The cause of the failure to create the producer of an endpoint whose URI holds an option that can never work:
     * such an endpoint fails when its route starts (here: when a template first sends to it), not per message.
     */
    protected Throwable producerFailure(String uri) {
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> template.send(uri, e -> {
        }));
        org.assertj.core.api.Assertions.assertThat(thrown).isInstanceOf(org.apache.camel.FailedToCreateProducerException.class);
        Throwable root = thrown;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root;
    }
}
