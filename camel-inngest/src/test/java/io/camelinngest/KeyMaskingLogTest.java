package io.camelinngest;

import java.util.List;
import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A signing key, a fallback key and an event key on one URI, and Camel's own log at DEBUG: endpoint creation, route
 * start, producers, consumers and their thread pools, the error handler's exhausted delivery with its message
 * history. Wherever Camel shows the endpoint, no key is shown. What Camel 4.18 prints of the route as written is out
 * of the component's reach and is listed here as such: the route dump (printed as written, no key masked), and the
 * two DEBUG lines about the URI before the endpoint exists (masked by Camel's sanitizeUri: the first key only).
 */
class KeyMaskingLogTest extends InngestTestSupport {

    private static final String SIGNING = "signkey-test-deadbeefcafef00d";
    private static final String FALLBACK = "signkey-test-f00dfeedfacecafe";
    private static final String EVENT = "fake-event-key-do-not-leak";
    private static final String KEYS = "signingKey=" + SIGNING + "&signingKeyFallback=" + FALLBACK + "&eventKey=" + EVENT;
    private static final List<String> SECRETS = List.of(SIGNING, "deadbeefcafef00d", FALLBACK, "f00dfeedfacecafe", EVENT);

    @Override
    public boolean isUseRouteBuilder() {
        return false;
    }

    @Override
    protected void configure(InngestConfiguration config) {
        config.setSigningKey(null);
        config.setEventKey(null);
        config.setMaxRetries(0);
    }

    /** Camel's lines about the route as written, out of the component's reach (see the class comment). */
    private static boolean isTheRouteAsWritten(LogLines.Line line) {
        return line.logger().equals("org.apache.camel.impl.DefaultDumpRoutesStrategy")
               || line.message().startsWith("Creating endpoint uri=[inngest:")
               || line.message().startsWith("inngest:") && line.message().contains(" converted to endpoint: ");
    }

    @Test
    void camelsOwnDebugLogShowsNoKeyOfAUriWithThreeKeys() throws Exception {
        INNGEST.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(500).withBody("boom")));
        Exchange failed;
        try (LogLines log = LogLines.capture(
                Map.of("org.apache.camel", Level.DEBUG, "io.camelinngest", Level.DEBUG, "org.apache.hc", Level.INFO),
                Map.of("org.apache.camel", Level.INFO, "io.camelinngest", Level.DEBUG, "org.apache.hc", Level.INFO))) {
            context.setDumpRoutes("yaml");
            context.setMessageHistory(true);
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:run").routeId("run")
                            .to("inngest:getRun?runId=01JWNNSVKR5DW3DMHK620M933E&" + KEYS);
                    from("inngest:newEvents?delay=60000&initialDelay=0&" + KEYS).routeId("events")
                            .to("log:events");
                }
            });
            context.start();
            failed = template.send("direct:run", e -> e.getMessage().setBody("x"));
            await().until(() -> context.getRoute("events").getConsumer() != null
                                && ((org.apache.camel.support.ScheduledPollConsumer) context.getRoute("events").getConsumer())
                                           .getErrorCounter() > 0);
            context.stop();

            List<LogLines.Line> lines = log.lines();
            lines.forEach(line -> System.out.println("MASK-LOG: " + line));
            assertThat(failed.getException()).isNotNull();
            assertThat(lines).as("Camel logged the URIs").anySatisfy(line -> assertThat(line.message())
                    .contains("signingKeyFallback=xxxxxx"));
            assertThat(lines).anySatisfy(line -> assertThat(line.message()).startsWith("Starting producer: Producer[")
                    .contains("signingKey=xxxxxx", "signingKeyFallback=xxxxxx", "eventKey=xxxxxx"));
            assertThat(lines).anySatisfy(line -> assertThat(line.message()).startsWith("Starting consumer: Consumer[")
                    .contains("signingKey=xxxxxx", "signingKeyFallback=xxxxxx", "eventKey=xxxxxx"));
            assertThat(lines).anySatisfy(line -> assertThat(line.message()).contains("Message History"));
            List<LogLines.Line> asWritten = lines.stream().filter(KeyMaskingLogTest::isTheRouteAsWritten).toList();
            for (LogLines.Line line : lines) {
                String text = line.message() + (line.thrown() == null ? "" : String.valueOf(line.thrown()));
                if (!asWritten.contains(line)) {
                    assertThat(SECRETS).as(line.toString()).noneMatch(text::contains);
                }
            }
            System.out.println("MASK-LOG: lines=" + lines.size() + " showingTheRouteAsWritten=" + asWritten.size());
        }
    }
}
