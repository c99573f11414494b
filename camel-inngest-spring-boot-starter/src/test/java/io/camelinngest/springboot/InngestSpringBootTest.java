package io.camelinngest.springboot;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.camelinngest.InngestComponent;
import io.camelinngest.InngestConfiguration;
import io.camelinngest.InngestConstants;
import io.camelinngest.model.FunctionRun;
import io.camelinngest.model.NewEvent;
import io.camelinngest.model.RunStatus;
import io.camelinngest.testing.FakeInngest.StoredRun;
import io.camelinngest.testing.FakeInngestServer;
import io.camelinngest.testing.Ulids;
import org.apache.camel.CamelContext;
import org.apache.camel.EndpointInject;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The component on Camel Spring Boot 4.18 (camel-spring-boot-starter, Spring Boot 3.5): the
 * {@code camel.component.inngest.*} properties of application.properties configure it with this starter, and a producer
 * and a consumer route run against the fake Inngest. Without the starter the properties are ignored (the first test
 * then fails: the component keeps no key).
 */
@CamelSpringBootTest
@SpringBootTest(classes = OrdersApplication.class)
@DirtiesContext // the consumer route stops with this class, not when the JVM ends
class InngestSpringBootTest {

    private static final FakeInngestServer INNGEST = FakeInngestServer.start();

    @DynamicPropertySource
    static void inngestUrls(DynamicPropertyRegistry registry) {
        registry.add("camel.component.inngest.base-url", INNGEST::url);
        registry.add("camel.component.inngest.event-base-url", INNGEST::url);
    }

    @AfterAll
    static void stopInngest() {
        INNGEST.close();
    }

    @Autowired
    CamelContext camelContext;

    @Autowired
    ProducerTemplate template;

    @EndpointInject("mock:orderEvents")
    MockEndpoint orderEvents;

    @Test
    void theSpringBootPropertiesConfigureTheComponent() {
        InngestConfiguration config = camelContext.getComponent("inngest", InngestComponent.class).getConfiguration();

        assertThat(config.getSigningKey()).isEqualTo("signkey-test-12345678");
        assertThat(config.getEventKey()).isEqualTo("sb-event-key");
        assertThat(config.getEnv()).isEqualTo("spring-branch");
        assertThat(config.getBaseUrl()).isEqualTo(INNGEST.url());
        assertThat(config.getMaxRetries()).isZero();
    }

    @Test
    void aProducerRouteSendsAnEventThatTheConsumerRouteReceives() throws Exception {
        orderEvents.reset();
        orderEvents.expectedMessageCount(1);
        orderEvents.setAssertPeriod(500);

        List<?> ids = template.requestBody("direct:placeOrder",
                NewEvent.of("shop/order.created", Map.of("orderId", 4711)), List.class);

        assertThat(ids).hasSize(1);
        INNGEST.wireMock().verify(1, postRequestedFor(urlEqualTo("/e/sb-event-key"))
                .withHeader("X-Inngest-Env", equalTo("spring-branch")));
        orderEvents.assertIsSatisfied(10_000);
        assertThat(orderEvents.getExchanges().get(0).getMessage().getHeader(InngestConstants.EVENT_ID))
                .isEqualTo(ids.get(0));
    }

    @Test
    void aProducerRouteReadsARunWithTheSigningKeyOfTheProperties() {
        Instant started = Instant.now().minusSeconds(3);
        StoredRun stored = INNGEST.fake().putRun(new StoredRun(
                Ulids.at(started), null, "ship-order", "shop",
                "Completed", started, Instant.now(), Map.of("shipped", true)));

        FunctionRun run = template.requestBodyAndHeader("direct:getRun", null, InngestConstants.RUN_ID, stored.runId(),
                FunctionRun.class);

        assertThat(run.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(run.output()).isEqualTo(Map.of("shipped", true));
        // the SDKs' hashed form of signkey-test-12345678
        INNGEST.wireMock().verify(getRequestedFor(urlPathEqualTo("/v2/runs/" + stored.runId()))
                .withHeader("Authorization", equalTo(
                        "Bearer signkey-test-b2ed992186a5cb19f6668aade821f502c1d00970dfd0e35128d51bac4649916c")));
    }
}
