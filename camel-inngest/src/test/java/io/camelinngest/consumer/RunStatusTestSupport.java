package io.camelinngest.consumer;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.camelinngest.testing.FakeInngest.StoredRun;
import io.camelinngest.testing.Ulids;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.builder.RouteBuilder;

import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What the {@code from("inngest:runStatus")} tests share: a route on the fake Inngest server whose delivered changes
 * are recorded as {@code runId:previous->status} from the headers ({@code previous} empty on first sight), and a check
 * that bad options fail at route start before any HTTP call.
 */
abstract class RunStatusTestSupport extends ConsumerTestSupport {

    protected static final String FAST = "delay=50&initialDelay=0&runPollInterval=50&eventRunsInterval=50";

    protected final List<Exchange> exchanges = new CopyOnWriteArrayList<>();

    @Override
    public boolean isUseRouteBuilder() {
        return false;
    }

    protected void startRoute(String uri, Processor processor) throws Exception {
        startRoute(context, uri, processor);
        context.start();
    }

    protected static void startRoute(CamelContext camel, String uri, Processor processor) throws Exception {
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(uri).routeId("runs").process(processor);
            }
        });
    }

    protected void record(Exchange exchange) {
        exchanges.add(exchange.copy());
        received.add(change(exchange));
    }

    protected static String change(Exchange exchange) {
        String previous = exchange.getMessage().getHeader("CamelInngestPreviousRunStatus", String.class);
        return exchange.getMessage().getHeader("CamelInngestRunId", String.class) + ":" + (previous == null ? "" : previous)
               + "->" + exchange.getMessage().getHeader("CamelInngestRunStatus", String.class);
    }

    protected Exchange delivered(String change) {
        return exchanges.stream().filter(e -> change(e).equals(change)).findFirst().orElseThrow();
    }

    protected static StoredRun running(String eventId, String functionId) {
        return FAKE.putRun(new StoredRun(
                Ulids.at(Instant.now()), eventId, functionId, "my-app", "Running", Instant.now(),
                null, null));
    }

    protected static int requestsFor(String path) {
        return INNGEST.findAll(getRequestedFor(urlPathEqualTo(path))).size();
    }

    protected static String c(StoredRun run, String previous, String status) {
        return run.runId() + ":" + previous + "->" + status;
    }

    protected void assertStartFails(String uri, String message) throws Exception {
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(uri).routeId("runs").process(e -> received.add("unexpected"));
            }
        });
        assertThatThrownBy(() -> context.start()).rootCause()
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
        assertThat(INNGEST.getAllServeEvents()).isEmpty();
        assertThat(received).isEmpty();
    }

}
