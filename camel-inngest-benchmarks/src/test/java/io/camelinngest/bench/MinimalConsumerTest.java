package io.camelinngest.bench;

import java.time.Duration;
import java.time.Instant;

import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Producer;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The catch-up baseline delivers a backlog each event once, oldest first, through a route, and writes its position as
 * its policy says: once per event, or once per window of at most 1,000.
 */
class MinimalConsumerTest {

    @ParameterizedTest
    @ValueSource(booleans = { true, false })
    void drainsTheBacklogInOrderAndWritesItsPositionPerPolicy(boolean perMessage) throws Exception {
        int size = 2_500;
        EventBacklog backlog = new EventBacklog(
                size, Instant.now().minus(Duration.ofMillis(size * 10L)).minusSeconds(60), 10);
        CountingStateRepository repository = new CountingStateRepository();
        DeliveryCheck check = new DeliveryCheck(backlog);
        try (LoopbackInngest server = new LoopbackInngest();
             CloseableHttpClient http = HttpClients.createDefault();
             CamelContext camel = new DefaultCamelContext()) {
            server.serve(backlog);
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:minimal").process(check);
                }
            });
            camel.start();
            repository.start();
            Endpoint endpoint = camel.getEndpoint("direct:minimal");
            Producer producer = endpoint.createProducer();
            producer.start();

            new MinimalConsumer(http, server.url(), repository, "key", perMessage, 1000)
                    .drain(backlog.oldest().minusSeconds(1), endpoint, producer);

            check.verify("minimal consumer");
            String position = repository.getState("key");
            assertThat(position).contains(backlog.id(size - 1));
            if (perMessage) {
                assertThat(repository.writes()).isEqualTo(size);
            } else {
                // three windows of 1,000 at most, a few more if a window holds fewer
                assertThat(repository.writes()).isBetween(3L, 6L);
            }
        }
    }
}
