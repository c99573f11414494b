package io.camelinngest.live;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.camelinngest.InngestConstants;
import io.camelinngest.model.FunctionRun;
import io.camelinngest.model.NewEvent;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A real CamelContext whose {@code inngest} component talks to the running Dev Server ({@link DevServer}), and the few
 * steps most live tests take: send an event, find the run it started, wait for a run to end. Each step goes through the
 * component, as a route would.
 */
@Tag("live")
public abstract class LiveTestSupport extends CamelTestSupport {

    /** How long a run of the test app may take to appear or to end before a test gives up. */
    protected static final Duration PATIENCE = Duration.ofSeconds(45);

    @BeforeAll
    static void devServerIsUp() {
        DevServer.requireRunning();
    }

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        DevServer.addComponent(context);
        return context;
    }

    /** Sends a message to an endpoint and returns the exchange, failed or not. */
    protected Exchange call(String uri, Object body, Map<String, Object> headers) {
        return template.send(uri, e -> {
            e.getMessage().setBody(body);
            e.getMessage().setHeaders(new HashMap<>(headers));
        });
    }

    /** Like {@link #call} but the exchange must succeed; returns its message body. */
    protected <T> T request(String uri, Object body, Map<String, Object> headers, Class<T> type) {
        Exchange exchange = call(uri, body, headers);
        assertThat(exchange.getException()).as("%s failed", uri).isNull();
        return exchange.getMessage().getBody(type);
    }

    /** Sends one event through {@code inngest:sendEvents} and returns its internal ID. */
    protected String sendEvent(String name, Map<String, Object> data) {
        List<?> ids = request("inngest:sendEvents", NewEvent.of(name, data), Map.of(), List.class);
        assertThat(ids).hasSize(1);
        return (String) ids.get(0);
    }

    /** The one run an event started, as soon as {@code inngest:listEventRuns} shows it. */
    @SuppressWarnings("unchecked")
    protected FunctionRun runOf(String eventId) {
        return await("the run started by event " + eventId).atMost(PATIENCE).pollInterval(Duration.ofMillis(300))
                .until(() -> (List<FunctionRun>) request("inngest:listEventRuns", null,
                        Map.of(InngestConstants.EVENT_ID, eventId), List.class), runs -> !runs.isEmpty())
                .get(0);
    }

    /** Waits with {@code inngest:getRun?awaitTerminal=true} until the run has ended, and returns it. */
    protected FunctionRun endedRun(String runId) {
        return request("inngest:getRun?awaitTerminal=true&awaitTimeout=" + PATIENCE.toMillis(), null,
                Map.of(InngestConstants.RUN_ID, runId), FunctionRun.class);
    }

    /** Waits until the run is Running (a run of slow-job or await-approval that has reached its sleep or wait). */
    protected void awaitRunning(String runId) {
        await("run " + runId + " running").atMost(PATIENCE).pollInterval(Duration.ofMillis(300))
                .until(() -> request("inngest:getRun", null, Map.of(InngestConstants.RUN_ID, runId), FunctionRun.class)
                        .status().wireName(), "Running"::equals);
    }

    protected static Map<String, Object> order(String order) {
        return Map.of("order", order);
    }
}
