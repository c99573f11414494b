package io.camelinngest.bench;

import java.time.Instant;

import io.camelinngest.InngestConstants;
import io.camelinngest.model.InngestEvent;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The catch-up's check passes each event once in order, and fails a run on anything else. */
class DeliveryCheckTest {

    private final CamelContext camel = new DefaultCamelContext();
    private final EventBacklog backlog = new EventBacklog(3, Instant.parse("2026-12-01T00:00:00Z"), 10);

    @AfterEach
    void close() throws Exception {
        camel.close();
    }

    @Test
    void eachEventOnceInOrderPasses() throws Exception {
        DeliveryCheck check = deliver(0, 1, 2);
        check.verify("arm");
        assertThat(check.await(0)).isTrue();
        assertThat(check.costAtLast()).isNotNull();
    }

    @Test
    void aRepeatedEventFailsTheRun() {
        assertThatThrownBy(() -> deliver(0, 0, 1, 2).verify("arm"))
                .hasMessageContaining("delivery #2 carried " + backlog.id(0));
    }

    @Test
    void aSkippedOrReorderedEventFailsTheRun() {
        assertThatThrownBy(() -> deliver(0, 2, 1).verify("arm")).hasMessageContaining("expected " + backlog.id(1));
    }

    @Test
    void anEventAfterTheLastFailsTheRun() {
        assertThatThrownBy(() -> deliver(0, 1, 2, 2).verify("arm")).hasMessageContaining("after all 3 events");
    }

    @Test
    void aMissingEventFailsTheRun() throws Exception {
        DeliveryCheck check = deliver(0, 1);
        assertThat(check.await(0)).isFalse();
        assertThatThrownBy(() -> check.verify("arm")).hasMessageContaining("2 of 3 events delivered");
    }

    @Test
    void aBodyThatIsNotTheEventOfItsHeaderFailsTheRun() {
        DeliveryCheck check = new DeliveryCheck(backlog);
        Exchange exchange = new DefaultExchange(camel);
        exchange.getMessage().setHeader(InngestConstants.EVENT_ID, backlog.id(0));
        exchange.getMessage().setBody(event(backlog.id(1)));
        check.process(exchange);
        assertThatThrownBy(() -> check.verify("arm")).hasMessageContaining("body " + backlog.id(1));
    }

    private DeliveryCheck deliver(int... indexes) {
        DeliveryCheck check = new DeliveryCheck(backlog);
        for (int index : indexes) {
            Exchange exchange = new DefaultExchange(camel);
            exchange.getMessage().setHeader(InngestConstants.EVENT_ID, backlog.id(index));
            exchange.getMessage().setBody(event(backlog.id(index)));
            check.process(exchange);
        }
        return check;
    }

    private static InngestEvent event(String id) {
        return new InngestEvent(id, null, null, null, null, null, id, "shop/order.paid", null, null, null, null);
    }
}
