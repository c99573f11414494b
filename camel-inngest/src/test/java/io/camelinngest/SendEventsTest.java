package io.camelinngest;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.camelinngest.client.InngestApiException;
import io.camelinngest.model.NewEvent;
import io.camelinngest.producer.InngestProducer;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.camelinngest.ContractFixtures.EVENT_KEY_NOT_FOUND;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code inngest:sendEvents}: {@code POST /e/{eventKey}} with a JSON array of events, the internal IDs back in request
 * order, chunking with one event ID seed per send, retries that reuse the seed, part-way failures, and checks of every
 * event before anything is sent.
 */
class SendEventsTest extends InngestTestSupport {

    private static final String SEND_PATH = "/e/" + EVENT_KEY;
    /** {@code <unix millis>,<standard base64 of exactly 10 bytes>}. */
    private static final String SEED_FORMAT = "\\d{13},[A-Za-z0-9+/]{14}==";
    private static final String SEED_HEADER = "x-inngest-event-id-seed";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String ID_0 = "01JWNNSVKR5DW3DMHK620M9330";
    private static final String ID_1 = "01JWNNSVKR5DW3DMHK620M9331";
    private static final String ID_2 = "01JWNNSVKR5DW3DMHK620M9332";
    private static final String ID_3 = "01JWNNSVKR5DW3DMHK620M9333";
    private static final String ID_4 = "01JWNNSVKR5DW3DMHK620M9334";

    /**
     * The success answer of the open-source event API: the handler sets no Content-Type, so Go sniffs
     * {@code text/plain; charset=utf-8}, and the JSON is followed by a newline.
     */
    private static ResponseDefinitionBuilder accepted(String... ids) {
        return aResponse().withStatus(200)
                .withHeader("Content-Type", "text/plain; charset=utf-8")
                .withBody("{\"ids\":[" + quoted(ids) + "],\"status\":200}\n");
    }

    private static ResponseDefinitionBuilder rejected(String error, String... ids) {
        return aResponse().withStatus(400)
                .withHeader("Content-Type", "text/plain; charset=utf-8")
                .withBody("{\"ids\":[" + quoted(ids) + "],\"status\":400,\"error\":\"" + error + "\"}\n");
    }

    private static String quoted(String... ids) {
        return String.join(",", Arrays.stream(ids).map(id -> "\"" + id + "\"").toList());
    }

    private static Map<String, Object> event(String name, Object... data) {
        Map<String, Object> payload = new LinkedHashMap<>();
        for (int i = 0; i < data.length; i += 2) {
            payload.put((String) data[i], data[i + 1]);
        }
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("name", name);
        event.put("data", payload);
        return event;
    }

    /** The requests WireMock received, oldest first. */
    private static List<LoggedRequest> requests() {
        List<LoggedRequest> requests = new ArrayList<>(INNGEST.getAllServeEvents().stream().map(e -> e.getRequest()).toList());
        Collections.reverse(requests);
        return requests;
    }

    private record Seed(long millis, byte[] entropy) {
        static Seed of(LoggedRequest request) {
            String value = request.getHeader(SEED_HEADER);
            assertThat(value).matches(SEED_FORMAT);
            String[] parts = value.split(",");
            byte[] entropy = Base64.getDecoder().decode(parts[1]);
            assertThat(entropy).hasSize(10);
            return new Seed(Long.parseLong(parts[0]), entropy);
        }

        int counter() {
            return ByteBuffer.wrap(entropy).getInt(6);
        }
    }

    // -----------------------------------------------------------------------------------------------------------
    // bodies and the exact request

    @Test
    void sendsOneMapEventAsAJsonArrayWithTheEventKeyInThePathAndNoAuthorization() throws Exception {
        INNGEST.stubFor(post(SEND_PATH).willReturn(accepted(ID_0)));
        long before = System.currentTimeMillis();

        Exchange exchange = call("inngest:sendEvents", event("shop/order.created", "orderId", 1234, "total", 49.99),
                Map.of());

        long after = System.currentTimeMillis();
        assertThat(exchange.getException()).isNull();
        assertThat(exchange.getMessage().getBody()).isEqualTo(List.of(ID_0));
        assertThat(exchange.getMessage().getHeader(InngestConstants.EVENT_IDS)).isEqualTo(List.of(ID_0));
        INNGEST.verify(1, postRequestedFor(urlEqualTo(SEND_PATH))
                .withHeader("Content-Type", matching("application/json(; ?charset=UTF-8)?"))
                .withHeader(SEED_HEADER, matching(SEED_FORMAT))
                .withoutHeader("Authorization")
                .withRequestBody(
                        equalToJson("[{\"name\":\"shop/order.created\",\"data\":{\"orderId\":1234,\"total\":49.99}}]")));
        // the seed's time is the time of the send (the server puts it into every internal ID)
        assertThat(Seed.of(requests().get(0)).millis()).isBetween(before, after);
    }

    @Test
    void aJsonStringEventIsSentAsTheJsonItHolds() {
        INNGEST.stubFor(post(SEND_PATH).willReturn(accepted(ID_0)));

        Exchange exchange = call("inngest:sendEvents",
                "{\"name\":\"shop/order.created\",\"data\":{\"orderId\":1234},\"id\":\"order-1234-created\"}", Map.of());

        assertThat(exchange.getException()).isNull();
        assertThat(exchange.getMessage().getBody()).isEqualTo(List.of(ID_0));
        INNGEST.verify(1, postRequestedFor(urlEqualTo(SEND_PATH)).withRequestBody(equalToJson(
                "[{\"name\":\"shop/order.created\",\"data\":{\"orderId\":1234},\"id\":\"order-1234-created\"}]")));
    }

    @Test
    void aByteArrayEventIsSentAsTheJsonItHolds() {
        INNGEST.stubFor(post(SEND_PATH).willReturn(accepted(ID_0)));

        Exchange exchange = call("inngest:sendEvents",
                "{\"name\":\"shop/café.opened\",\"data\":{\"city\":\"Zürich\"}}".getBytes(StandardCharsets.UTF_8), Map.of());

        assertThat(exchange.getException()).isNull();
        assertThat(exchange.getMessage().getBody()).isEqualTo(List.of(ID_0));
        INNGEST.verify(1, postRequestedFor(urlEqualTo(SEND_PATH)).withRequestBody(equalToJson(
                "[{\"name\":\"shop/café.opened\",\"data\":{\"city\":\"Zürich\"}}]")));
    }

    @Test
    void aJsonStringEventIsSentByteForByteAsGiven() {
        INNGEST.stubFor(post(SEND_PATH).willReturn(accepted(ID_0)));
        String event = "{\"data\":{\"total\":49.90, \"note\":\"caf\\u00e9\"},\"name\":\"shop/order.paid\"}";

        Exchange exchange = call("inngest:sendEvents", "  " + event + "\n", Map.of());

        assertThat(exchange.getException()).isNull();
        INNGEST.verify(1, postRequestedFor(urlEqualTo(SEND_PATH)).withRequestBody(equalTo("[" + event + "]")));
    }

    @Test
    void aJsonStringWithTextAfterTheEventSendsOnlyTheEvent() {
        INNGEST.stubFor(post(SEND_PATH).willReturn(accepted(ID_0)));

        Exchange exchange = call("inngest:sendEvents", "{\"name\":\"a/b\",\"data\":{}} trailing text", Map.of());

        assertThat(exchange.getException()).isNull();
        INNGEST.verify(1, postRequestedFor(urlEqualTo(SEND_PATH)).withRequestBody(equalTo("[{\"name\":\"a/b\",\"data\":{}}]")));
    }

    @Test
    void aPrettyPrintedEventIsMeasuredAgainstMaxEventSizeWrittenCompactly() {
        INNGEST.stubFor(post(SEND_PATH).willReturn(accepted(ID_0)));
        String pretty = "{\n    \"name\": \"a/b\",\n    \"data\": {\n        \"blob\": \"" + "x".repeat(200) + "\"\n    }\n}\n";
        String compact = "{\"name\":\"a/b\",\"data\":{\"blob\":\"" + "x".repeat(200) + "\"}}";
        assertThat(pretty.length()).isGreaterThan(256);
        assertThat(compact.length()).isLessThanOrEqualTo(256);

        Exchange exchange = call("inngest:sendEvents?maxEventSize=256", pretty, Map.of());

        assertThat(exchange.getException()).isNull();
        INNGEST.verify(1, postRequestedFor(urlEqualTo(SEND_PATH)).withRequestBody(equalTo("[" + compact + "]")));
    }

    @Test
    void aJsonStringEventWithARepeatedNameIsCheckedOnTheLastOneAsTheServerReadsIt() {
        Exchange exchange = call("inngest:sendEvents", "{\"name\":\"a/b\",\"name\":\"inngest/x\"}", Map.of());

        assertThat(exchange.getException()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("index 0").hasMessageContaining("inngest/x").hasMessageContaining("reserved");
        assertThat(INNGEST.getAllServeEvents()).isEmpty();
    }

    @Test
    void aNewEventRecordIsSentWithItsFieldsAndWithoutTheUnsetOnes() {
        INNGEST.stubFor(post(SEND_PATH).willReturn(accepted(ID_0, ID_1)));

        Exchange exchange = call("inngest:sendEvents", List.of(
                new NewEvent(
                        "shop/order.created", Map.of("orderId", 1234), "order-1234-created", 1748779200120L, "2025-01-01.1"),
                NewEvent.of("shop/order.paid", Map.of("orderId", 1234))), Map.of());

        assertThat(exchange.getException()).isNull();
        assertThat(exchange.getMessage().getBody()).isEqualTo(List.of(ID_0, ID_1));
        INNGEST.verify(1, postRequestedFor(urlEqualTo(SEND_PATH)).withRequestBody(equalToJson(
                """
                        [{"name":"shop/order.created","data":{"orderId":1234},"id":"order-1234-created","ts":1748779200120,"v":"2025-01-01.1"},
                         {"name":"shop/order.paid","data":{"orderId":1234}}]""")));
    }

    @Test
    void aListOfEventsOfMixedTypesIsSentAsOneArrayAndTheIdsComeBackInRequestOrder() {
        INNGEST.stubFor(post(SEND_PATH).willReturn(accepted(ID_0, ID_1, ID_2)));

        Exchange exchange = call("inngest:sendEvents", List.of(
                event("a/first", "n", 0),
                "{\"name\":\"a/second\",\"data\":{\"n\":1}}",
                NewEvent.of("a/third", Map.of("n", 2))), Map.of());

        assertThat(exchange.getException()).isNull();
        assertThat(exchange.getMessage().getBody()).isEqualTo(List.of(ID_0, ID_1, ID_2));
        assertThat(exchange.getMessage().getHeader(InngestConstants.EVENT_IDS)).isEqualTo(List.of(ID_0, ID_1, ID_2));
        INNGEST.verify(1, postRequestedFor(urlEqualTo(SEND_PATH)).withRequestBody(equalToJson("""
                [{"name":"a/first","data":{"n":0}},{"name":"a/second","data":{"n":1}},{"name":"a/third","data":{"n":2}}]""")));
    }

    @Test
    void aJsonArrayStringIsSentAsThoseEvents() {
        INNGEST.stubFor(post(SEND_PATH).willReturn(accepted(ID_0, ID_1)));

        Exchange exchange = call("inngest:sendEvents",
                "[{\"name\":\"a/first\"},{\"name\":\"a/second\",\"data\":{\"n\":1},\"user\":{\"id\":\"usr_456\"}}]", Map.of());

        assertThat(exchange.getException()).isNull();
        assertThat(exchange.getMessage().getBody()).isEqualTo(List.of(ID_0, ID_1));
        INNGEST.verify(1, postRequestedFor(urlEqualTo(SEND_PATH)).withRequestBody(equalToJson(
                "[{\"name\":\"a/first\"},{\"name\":\"a/second\",\"data\":{\"n\":1},\"user\":{\"id\":\"usr_456\"}}]")));
    }

    @Test
    void aSuccessAnswerWithoutAnyContentTypeIsRead() {
        INNGEST.stubFor(post(SEND_PATH).willReturn(aResponse().withStatus(200)
                .withBody("{\"ids\":[\"" + ID_0 + "\"],\"status\":200}\n")));

        Exchange exchange = call("inngest:sendEvents", event("a/b"), Map.of());

        assertThat(exchange.getException()).isNull();
        assertThat(exchange.getMessage().getBody()).isEqualTo(List.of(ID_0));
    }

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

    // -----------------------------------------------------------------------------------------------------------
    // failures answered by the server

    @Test
    void aConnectionLostOnTheSecondChunkStillNamesTheEventsTheFirstChunkGotAccepted() {
        INNGEST.stubFor(post(SEND_PATH).withRequestBody(matchingJsonPath("$[0].data.n", equalTo("0")))
                .willReturn(accepted(ID_0, ID_1)));
        INNGEST.stubFor(post(SEND_PATH).withRequestBody(matchingJsonPath("$[0].data.n", equalTo("2")))
                .willReturn(aResponse().withFault(com.github.tomakehurst.wiremock.http.Fault.CONNECTION_RESET_BY_PEER)));

        Exchange exchange = call("inngest:sendEvents?maxEventsPerRequest=2&maxRetries=0",
                List.of(event("a/b", "n", 0), event("a/b", "n", 1), event("a/b", "n", 2)), Map.of());

        InngestApiException e = exchange.getException(InngestApiException.class);
        assertThat(e).isNotNull();
        assertThat(e.getHttpStatus()).isZero();
        assertThat(e.getAcceptedEventIds()).containsExactly(ID_0, ID_1);
        assertThat(e.getFailedEventIndex()).isEqualTo(2);
        assertThat(e.getMessage()).contains("accepted 2 of 3", "index 2", "could not reach Inngest");
    }

    @Test
    void aSendTheServerRejectsPartWayNamesTheAcceptedIdsAndTheFirstRejectedEvent() {
        // Inngest Cloud's free plan rejects events over 256 KiB; the component's own limit is the server's 3 MiB
        String error = "Event is over the max size: Max 262144 bytes / Size 300046 bytes";
        INNGEST.stubFor(post(SEND_PATH).willReturn(rejected(error, ID_0, ID_1, "")));

        Exchange exchange = call("inngest:sendEvents",
                List.of(event("a/first"), event("a/second"), event("a/big", "blob", "x".repeat(300_000))), Map.of());

        InngestApiException e = exchange.getException(InngestApiException.class);
        assertThat(e).isNotNull();
        assertThat(e.getOperation()).isEqualTo("sendEvents");
        assertThat(e.getHttpStatus()).isEqualTo(400);
        assertThat(e.getStatus()).isEqualTo(400);
        assertThat(e.getError()).isEqualTo(error);
        assertThat(e.isRetryable()).isFalse();
        assertThat(e.getAcceptedEventIds()).containsExactly(ID_0, ID_1);
        assertThat(e.getFailedEventIndex()).isEqualTo(2);
        assertThat(e.getMessage()).contains("accepted 2 of 3", "index 2", error);
        assertThat(exchange.getMessage().getHeader(InngestConstants.EVENT_IDS)).isNull();
        INNGEST.verify(1, postRequestedFor(urlEqualTo(SEND_PATH)));
    }

    @Test
    void aRejectionInTheSecondChunkIncludesTheIdsOfTheFirstChunk() {
        String error = "Event is over the max size: Max 262144 bytes / Size 300046 bytes";
        INNGEST.stubFor(post(SEND_PATH).withRequestBody(matchingJsonPath("$[0].data.n", equalTo("0")))
                .willReturn(accepted(ID_0, ID_1)));
        INNGEST.stubFor(post(SEND_PATH).withRequestBody(matchingJsonPath("$[0].data.n", equalTo("2")))
                .willReturn(rejected(error, ID_2, "")));

        Exchange exchange = call("inngest:sendEvents?maxEventsPerRequest=2",
                List.of(event("a/b", "n", 0), event("a/b", "n", 1), event("a/b", "n", 2), event("a/b", "n", 3),
                        event("a/b", "n", 4)),
                Map.of());

        InngestApiException e = exchange.getException(InngestApiException.class);
        assertThat(e).isNotNull();
        assertThat(e.getAcceptedEventIds()).containsExactly(ID_0, ID_1, ID_2);
        assertThat(e.getFailedEventIndex()).isEqualTo(3);
        assertThat(e.getMessage()).contains("accepted 3 of 5", "index 3", error);
        // the third chunk is never sent
        assertThat(requests()).hasSize(2);
    }

    @Test
    void anUnknownEventKeyFailsWith401WithoutRetryAndWithoutShowingTheKey() {
        INNGEST.stubFor(post(SEND_PATH).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json")
                .withBody(EVENT_KEY_NOT_FOUND)));

        Exchange exchange = call("inngest:sendEvents", event("a/b"), Map.of());

        InngestApiException e = exchange.getException(InngestApiException.class);
        assertThat(e).isNotNull();
        assertThat(e.getHttpStatus()).isEqualTo(401);
        assertThat(e.getStatus()).isEqualTo(401);
        assertThat(e.getError()).isEqualTo("Event key not found");
        assertThat(e.isRetryable()).isFalse();
        assertThat(e.getAcceptedEventIds()).isEmpty();
        assertThat(e.getMessage()).contains("sendEvents failed", "401", "Event key not found")
                .doesNotContain(EVENT_KEY);
        assertThat(e.toString()).doesNotContain(EVENT_KEY);
        INNGEST.verify(1, postRequestedFor(urlEqualTo(SEND_PATH)));
    }

    @Test
    void anErrorTextThatEchoesTheEventKeyIsRedacted() {
        INNGEST.stubFor(post(SEND_PATH).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"status\":401,\"message\":\"\",\"error\":\"Event key not found: " + EVENT_KEY + "\"}")));

        Exchange exchange = call("inngest:sendEvents", event("a/b"), Map.of());

        InngestApiException e = exchange.getException(InngestApiException.class);
        assertThat(e).isNotNull();
        assertThat(e.getMessage()).contains("Event key not found").doesNotContain(EVENT_KEY);
        assertThat(e.getError()).doesNotContain(EVENT_KEY);
    }

    // -----------------------------------------------------------------------------------------------------------
    // checks before sending

    static Stream<Arguments> invalidEvents() {
        Map<String, Object> ok = event("shop/order.created", "orderId", 1);
        Map<String, Object> noName = new HashMap<>(Map.of("data", Map.of("orderId", 1)));
        return Stream.of(
                Arguments.of("missing name", List.of(ok, noName), new String[] { "index 1", "name" }),
                Arguments.of("blank name", List.of(ok, event("   ")), new String[] { "index 1", "name" }),
                Arguments.of("reserved name", List.of(ok, event("inngest/foo")),
                        new String[] { "index 1", "inngest/foo", "reserved" }),
                Arguments.of("reserved name in other case", List.of(ok, event("Inngest/Foo")),
                        new String[] { "index 1", "Inngest/Foo", "reserved" }),
                Arguments.of("data not an object", List.of(ok, Map.of("name", "a/b", "data", List.of(1, 2))),
                        new String[] { "index 1", "'data'", "JSON object" }),
                Arguments.of("ts not an integer", List.of(ok, "{\"name\":\"a/b\",\"ts\":1748779200120.5}"),
                        new String[] { "index 1", "'ts'", "whole number" }),
                Arguments.of("ts as a string", List.of(ok, Map.of("name", "a/b", "ts", "1748779200120")),
                        new String[] { "index 1", "'ts'", "whole number" }),
                Arguments.of("ts 1 ms before 1980", List.of(ok, Map.of("name", "a/b", "ts", 315_532_799_999L)),
                        new String[] { "index 1", "'ts'", "1980" }),
                Arguments.of("ts at 2100", List.of(ok, Map.of("name", "a/b", "ts", 4_102_444_800_000L)),
                        new String[] { "index 1", "'ts'", "2100" }),
                Arguments.of("empty list", List.of(), new String[] { "at least one event" }),
                Arguments.of("invalid JSON string", List.of(ok, "{\"name\":\"a/b\""),
                        new String[] { "index 1", "not valid JSON" }),
                Arguments.of("nested list", List.of(ok, List.of(ok)), new String[] { "index 1", "nested" }));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidEvents")
    void anInvalidEventFailsBeforeAnyHttpCallNamingItsIndex(String description, Object body, String[] fragments) {
        Exchange exchange = call("inngest:sendEvents", body, Map.of());

        assertThat(exchange.getException()).isInstanceOf(IllegalArgumentException.class);
        assertThat(exchange.getException().getMessage()).contains(fragments);
        assertThat(INNGEST.getAllServeEvents()).isEmpty();
    }

    @Test
    void nullDataIsAllowedAsOnTheServer() {
        INNGEST.stubFor(post(SEND_PATH).willReturn(accepted(ID_0)));
        Map<String, Object> nullData = new HashMap<>();
        nullData.put("name", "a/b");
        nullData.put("data", null);

        Exchange exchange = call("inngest:sendEvents", nullData, Map.of());

        assertThat(exchange.getException()).isNull();
        INNGEST.verify(1,
                postRequestedFor(urlEqualTo(SEND_PATH)).withRequestBody(equalToJson("[{\"name\":\"a/b\",\"data\":null}]")));
    }

    @Test
    void anEventOverMaxEventSizeFailsBeforeAnyHttpCall() {
        Exchange exchange = call("inngest:sendEvents?maxEventSize=256",
                List.of(event("a/small"), event("a/big", "blob", "x".repeat(300))), Map.of());

        assertThat(exchange.getException()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("index 1").hasMessageContaining("maxEventSize").hasMessageContaining("256");
        assertThat(INNGEST.getAllServeEvents()).isEmpty();
    }

    // -----------------------------------------------------------------------------------------------------------
    // Dev Server

    @Test
    void devModeWithoutAnEventKeySendsWithThePlaceholderKeyTheSdksUse() throws Exception {
        InngestComponent dev = new InngestComponent();
        dev.environment(name -> null);
        dev.getConfiguration().setDev("true");
        dev.getConfiguration().setEventBaseUrl(INNGEST.baseUrl());
        dev.getConfiguration().setRetryDelay(1);
        context.addComponent("inngest-dev", dev);
        INNGEST.stubFor(post("/e/NO_EVENT_KEY_SET").willReturn(accepted(ID_0)));

        Exchange exchange = call("inngest-dev:sendEvents", event("a/b"), Map.of());

        assertThat(exchange.getException()).isNull();
        assertThat(exchange.getMessage().getBody()).isEqualTo(List.of(ID_0));
        INNGEST.verify(1, postRequestedFor(urlEqualTo("/e/NO_EVENT_KEY_SET")).withoutHeader("Authorization"));
    }
}
