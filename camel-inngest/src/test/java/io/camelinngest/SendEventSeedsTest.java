package io.camelinngest;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.camelinngest.client.InngestApiException;
import io.camelinngest.producer.InngestProducer;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code inngest:sendEvents}: chunking with one event ID seed per send, and retries and redeliveries that reuse the
 * seed, so that the server gives the same IDs again.
 */
class SendEventSeedsTest extends SendEventsTestSupport {

    // -----------------------------------------------------------------------------------------------------------
    // chunking and the event ID seed

    @Test
    void aLargerSendIsSplitIntoChunksWhoseSeedsContinueTheFirstChunksSeed() throws Exception {
        INNGEST.stubFor(post(SEND_PATH).withRequestBody(matchingJsonPath("$[0].data.n", equalTo("0")))
                .willReturn(accepted(ID_0, ID_1)));
        INNGEST.stubFor(post(SEND_PATH).withRequestBody(matchingJsonPath("$[0].data.n", equalTo("2")))
                .willReturn(accepted(ID_2, ID_3)));
        INNGEST.stubFor(post(SEND_PATH).withRequestBody(matchingJsonPath("$[0].data.n", equalTo("4")))
                .willReturn(accepted(ID_4)));
        List<Map<String, Object>> events = new ArrayList<>();
        for (int n = 0; n < 5; n++) {
            events.add(event("chunk/test", "n", n));
        }

        Exchange exchange = call("inngest:sendEvents?maxEventsPerRequest=2", events, Map.of());

        assertThat(exchange.getException()).isNull();
        assertThat(exchange.getMessage().getBody()).isEqualTo(List.of(ID_0, ID_1, ID_2, ID_3, ID_4));
        assertThat(exchange.getMessage().getHeader(InngestConstants.EVENT_IDS))
                .isEqualTo(List.of(ID_0, ID_1, ID_2, ID_3, ID_4));

        List<LoggedRequest> requests = requests();
        assertThat(requests).hasSize(3);
        int[][] expectedNs = { { 0, 1 }, { 2, 3 }, { 4 } };
        for (int i = 0; i < 3; i++) {
            JsonNode body = JSON.readTree(requests.get(i).getBodyAsString());
            assertThat(body.isArray()).isTrue();
            assertThat(body).hasSize(expectedNs[i].length);
            for (int j = 0; j < expectedNs[i].length; j++) {
                assertThat(body.get(j).path("data").path("n").asInt()).isEqualTo(expectedNs[i][j]);
            }
            assertThat(requests.get(i).getUrl()).isEqualTo(SEND_PATH);
        }

        // the chunk starting at event offset k carries the first seed with k added to its last 4 entropy bytes
        // (big-endian uint32), so every event gets the internal ID it would have had in one request
        Seed first = Seed.of(requests.get(0));
        int[] offsets = { 0, 2, 4 };
        for (int i = 0; i < 3; i++) {
            Seed seed = Seed.of(requests.get(i));
            assertThat(seed.millis()).isEqualTo(first.millis());
            assertThat(Arrays.copyOf(seed.entropy(), 6)).isEqualTo(Arrays.copyOf(first.entropy(), 6));
            assertThat(Integer.toUnsignedLong(seed.counter()))
                    .isEqualTo((Integer.toUnsignedLong(first.counter()) + offsets[i]) & 0xFFFF_FFFFL);
        }
    }

    @Test
    void twoSendsUseDifferentSeeds() {
        INNGEST.stubFor(post(SEND_PATH).willReturn(accepted(ID_0)));

        call("inngest:sendEvents", event("a/b"), Map.of());
        call("inngest:sendEvents", event("a/b"), Map.of());

        List<LoggedRequest> requests = requests();
        assertThat(requests).hasSize(2);
        assertThat(requests.get(0).getHeader(SEED_HEADER)).isNotEqualTo(requests.get(1).getHeader(SEED_HEADER));
    }

    @Test
    void aRetriedRequestCarriesTheSameSeedSoTheServerGivesTheSameIds() {
        INNGEST.stubFor(post(SEND_PATH).inScenario("retry").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503).withHeader("Content-Type", "text/plain")
                        .withBody("upstream connect error or disconnect/reset before headers"))
                .willSetStateTo("recovered"));
        INNGEST.stubFor(post(SEND_PATH).inScenario("retry").whenScenarioStateIs("recovered")
                .willReturn(accepted(ID_0, ID_1)));

        Exchange exchange = call("inngest:sendEvents", List.of(event("a/first"), event("a/second")), Map.of());

        assertThat(exchange.getException()).isNull();
        assertThat(exchange.getMessage().getBody()).isEqualTo(List.of(ID_0, ID_1));
        List<LoggedRequest> requests = requests();
        assertThat(requests).hasSize(2);
        assertThat(requests.get(1).getHeader(SEED_HEADER)).matches(SEED_FORMAT)
                .isEqualTo(requests.get(0).getHeader(SEED_HEADER));
        assertThat(requests.get(1).getBodyAsString()).isEqualTo(requests.get(0).getBodyAsString());
    }

    @Test
    void theIdsReadAsTextAreAJsonArray() {
        INNGEST.stubFor(post(SEND_PATH).willReturn(accepted(ID_0, ID_1)));

        Exchange exchange = call("inngest:sendEvents", List.of(event("a/first"), event("a/second")), Map.of());

        assertThat(exchange.getMessage().getBody(String.class)).isEqualTo("[\"" + ID_0 + "\",\"" + ID_1 + "\"]");
    }

    @Test
    void aCamelRedeliveryOfTheSameMessageSendsWithTheSameSeed() throws Exception {
        // the component's own retries are off: the route's error handler repeats the send instead
        INNGEST.stubFor(post(SEND_PATH).inScenario("redelivery").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503).withHeader("Content-Type", "text/plain").withBody("busy"))
                .willSetStateTo("recovered"));
        INNGEST.stubFor(post(SEND_PATH).inScenario("redelivery").whenScenarioStateIs("recovered")
                .willReturn(accepted(ID_0)));
        context.addRoutes(new org.apache.camel.builder.RouteBuilder() {
            @Override
            public void configure() {
                from("direct:send").errorHandler(defaultErrorHandler().maximumRedeliveries(1).redeliveryDelay(1))
                        .to("inngest:sendEvents?maxRetries=0");
            }
        });

        Exchange exchange = call("direct:send", event("a/first"), Map.of());

        assertThat(exchange.getException()).isNull();
        assertThat(exchange.getMessage().getBody()).isEqualTo(List.of(ID_0));
        List<LoggedRequest> requests = requests();
        assertThat(requests).hasSize(2);
        assertThat(requests.get(1).getHeader(SEED_HEADER)).matches(SEED_FORMAT)
                .isEqualTo(requests.get(0).getHeader(SEED_HEADER));
    }

    @Test
    void aRedeliveryAfterTheConnectionDroppedMidSendReusesTheSeed() throws Exception {
        // the server may have stored the events before the connection dropped: the same seed makes it the same send
        INNGEST.stubFor(post(SEND_PATH).inScenario("drop").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withFault(com.github.tomakehurst.wiremock.http.Fault.CONNECTION_RESET_BY_PEER))
                .willSetStateTo("back"));
        INNGEST.stubFor(post(SEND_PATH).inScenario("drop").whenScenarioStateIs("back").willReturn(accepted(ID_0)));
        context.addRoutes(new org.apache.camel.builder.RouteBuilder() {
            @Override
            public void configure() {
                from("direct:send").errorHandler(defaultErrorHandler().maximumRedeliveries(2).redeliveryDelay(1))
                        .to("inngest:sendEvents?maxRetries=0");
            }
        });

        Exchange exchange = call("direct:send", event("a/first"), Map.of());

        assertThat(exchange.getException()).isNull();
        List<LoggedRequest> requests = requests();
        assertThat(requests).hasSize(2);
        assertThat(requests.get(1).getHeader(SEED_HEADER)).isEqualTo(requests.get(0).getHeader(SEED_HEADER));
        // the send completed: nothing is left on the exchange for a later send to pick up
        assertThat(exchange.getProperty(InngestProducer.SEED_PROPERTY)).isNull();
    }

    @Test
    void aSecondSendOfTheSameExchangeIsANewSendWithANewSeed() throws Exception {
        // the same body twice, on purpose: with one seed the server would store both under one ID and start one run
        INNGEST.stubFor(post(SEND_PATH).willReturn(accepted(ID_0)));
        context.addRoutes(new org.apache.camel.builder.RouteBuilder() {
            @Override
            public void configure() {
                from("direct:twice").to("inngest:sendEvents").setBody(exchangeProperty("event"))
                        .to("inngest:sendEvents");
            }
        });

        Exchange exchange = template.send("direct:twice", e -> {
            e.getMessage().setBody(event("a/b"));
            e.setProperty("event", event("a/b"));
        });

        assertThat(exchange.getException()).isNull();
        List<LoggedRequest> requests = requests();
        assertThat(requests).hasSize(2);
        assertThat(requests.get(0).getBodyAsString()).isEqualTo(requests.get(1).getBodyAsString());
        assertThat(requests.get(1).getHeader(SEED_HEADER)).isNotEqualTo(requests.get(0).getHeader(SEED_HEADER));
    }

    @Test
    void splitAndMulticastCopiesAndLoopsEachSendWithTheirOwnSeed() throws Exception {
        INNGEST.stubFor(post(SEND_PATH).willReturn(accepted(ID_0)));
        context.addRoutes(new org.apache.camel.builder.RouteBuilder() {
            @Override
            public void configure() {
                from("direct:split").split(body()).to("inngest:sendEvents");
                from("direct:multicast").multicast().to("inngest:sendEvents", "inngest:sendEvents");
                // copy: each pass sends the original body again, not the IDs the last pass answered
                from("direct:loop").loop(3).copy().to("inngest:sendEvents");
            }
        });

        template.sendBody("direct:split", List.of(event("a/b"), event("a/b"), event("a/b")));
        template.sendBody("direct:multicast", event("a/b"));
        template.sendBody("direct:loop", event("a/b"));

        List<String> seeds = requests().stream().map(r -> r.getHeader(SEED_HEADER)).toList();
        assertThat(seeds).hasSize(8).doesNotHaveDuplicates();
    }

    @Test
    void aFailedSendWhoseErrorWasHandledLeavesNoSeedForADifferentSend() throws Exception {
        INNGEST.stubFor(post(SEND_PATH).withRequestBody(matchingJsonPath("$[0].name", equalTo("a/broken")))
                .willReturn(aResponse().withStatus(503).withHeader("Content-Type", "text/plain").withBody("busy")));
        INNGEST.stubFor(post(SEND_PATH).withRequestBody(matchingJsonPath("$[0].name", equalTo("a/other")))
                .willReturn(accepted(ID_0)));
        context.addRoutes(new org.apache.camel.builder.RouteBuilder() {
            @Override
            public void configure() {
                from("direct:fallback")
                        .doTry().to("inngest:sendEvents?maxRetries=0")
                        .doCatch(InngestApiException.class).setBody(exchangeProperty("other")).to("inngest:sendEvents")
                        .end();
            }
        });

        Exchange exchange = template.send("direct:fallback", e -> {
            e.getMessage().setBody(event("a/broken"));
            e.setProperty("other", event("a/other"));
        });

        assertThat(exchange.getException()).isNull();
        List<LoggedRequest> requests = requests();
        assertThat(requests).hasSize(2);
        assertThat(requests.get(1).getHeader(SEED_HEADER)).isNotEqualTo(requests.get(0).getHeader(SEED_HEADER));
    }
}
