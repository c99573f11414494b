package io.camelinngest;

import java.util.Map;

import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * An option on the URI that can never work fails the route when it starts, with the message its first exchange would
 * have failed with, and nothing is sent. (Headers that override these options are checked per message, as before.)
 */
class StaticOptionChecksTest extends InngestTestSupport {

    @Override
    public boolean isUseRouteBuilder() {
        return false;
    }

    @Override
    protected void configure(InngestConfiguration config) {
        config.setSigningKey(null);
        config.setEventKey(null);
    }

    private void startRoute(String from, String uri) throws Exception {
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                if (from.startsWith("inngest:")) {
                    from(from).routeId("r").to("mock:out");
                } else {
                    from(from).routeId("r").to(uri);
                }
            }
        });
        context.start();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "inngest:listEvents?limit=100&signingKey=signkey-test-12345678"
                                          + "|inngest:listEvents: header CamelInngestLimit / option limit must be a whole number from 1 to 51, was '100'",
            "inngest:listEvents?limit=0&signingKey=signkey-test-12345678"
                                                                                                                                                           + "|inngest:listEvents: header CamelInngestLimit / option limit must be a whole number from 1 to 51, was '0'",
            "inngest:listEvents?receivedAfter=yesterday&signingKey=signkey-test-12345678"
                                                                                                                                                                                                                                                                          + "|inngest:listEvents: header CamelInngestReceivedAfter / option receivedAfter must be an ISO-8601 instant such as"
                                                                                                                                                                                                                                                                          + " 2025-06-01T12:00:00Z, was 'yesterday'",
            "inngest:getRun?runId=run-42&signingKey=signkey-test-12345678"
                                                                                                                                                                                                                                                                                                                      + "|inngest:getRun: header CamelInngestRunId / option runId must be a 26-character ULID such as"
                                                                                                                                                                                                                                                                                                                      + " 01JWNNSVKR5DW3DMHK620M933E, was 'run-42'",
            "inngest:getEvent?eventId=42&signingKey=signkey-test-12345678"
                                                                                                                                                                                                                                                                                                                                                                     + "|inngest:getEvent: header CamelInngestEventId / option eventId must be a 26-character ULID such as"
                                                                                                                                                                                                                                                                                                                                                                     + " 01JWNNSVKR5DW3DMHK620M933E, was '42'",
            "inngest:getRun"
                                                                                                                                                                                                                                                                                                                                                                                                                + "|getRun needs a signing key: set option signingKey (or the environment variable INNGEST_SIGNING_KEY), or"
                                                                                                                                                                                                                                                                                                                                                                                                                + " dev=true to use a Dev Server",
            "inngest:sendEvents"
                                                                                                                                                                                                                                                                                                                                                                                                                                                   + "|sendEvents needs an event key: set option eventKey (or the environment variable INNGEST_EVENT_KEY), or"
                                                                                                                                                                                                                                                                                                                                                                                                                                                   + " dev=true to use a Dev Server",
    })
    void aProducerOptionThatCanNeverWorkFailsTheRouteAtStart(String uri, String message) {
        assertThatThrownBy(() -> startRoute("direct:in", uri)).rootCause()
                .isInstanceOf(IllegalArgumentException.class).hasMessage(message);
        assertThat(INNGEST.getAllServeEvents()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "inngest:newEvents"
                                          + "|inngest:newEvents needs a signing key: set option signingKey (or the environment variable"
                                          + " INNGEST_SIGNING_KEY), or dev=true to use a Dev Server",
            "inngest:runStatus?runId=01JWNNSVKR5DW3DMHK620M933E,nope&signingKey=signkey-test-12345678"
                                                                                                      + "|inngest:runStatus: option runId must hold 26-character ULIDs such as 01JWNNSVKR5DW3DMHK620M933E,"
                                                                                                      + " separated by commas, was 'nope'",
    })
    void aConsumerOptionThatCanNeverWorkFailsTheRouteAtStart(String uri, String message) {
        assertThatThrownBy(() -> startRoute(uri, null)).rootCause()
                .isInstanceOf(IllegalArgumentException.class).hasMessage(message);
        assertThat(INNGEST.getAllServeEvents()).isEmpty();
    }

    @Test
    void devModeNeedsNoKeys() throws Exception {
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:run").routeId("run").to("inngest:getRun?dev=true&baseUrl=" + INNGEST.baseUrl());
                from("direct:send").routeId("send").to("inngest:sendEvents?dev=true&eventBaseUrl=" + INNGEST.baseUrl());
            }
        });
        context.start();
        assertThat(context.getRouteController().getRouteStatus("run").isStarted()).isTrue();
        assertThat(context.getRouteController().getRouteStatus("send").isStarted()).isTrue();
    }

    @Test
    void headersAreStillCheckedPerMessage() throws Exception {
        startRoute("direct:in", "inngest:listEvents?signingKey=signkey-test-12345678");
        var exchange = call("direct:in", null, Map.of(InngestConstants.LIMIT, 500));
        assertThat(exchange.getException()).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("inngest:listEvents: header CamelInngestLimit / option limit must be a whole number from 1 to 51,"
                            + " was '500'");
        assertThat(INNGEST.getAllServeEvents()).isEmpty();
    }
}
