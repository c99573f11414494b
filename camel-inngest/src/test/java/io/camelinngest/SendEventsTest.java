package io.camelinngest;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import io.camelinngest.model.NewEvent;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code inngest:sendEvents}: {@code POST /e/{eventKey}} with a JSON array of events and the internal IDs back in
 * request order: the bodies made of each kind of message body, the exact request, and a Dev Server without an event
 * key. Chunking and seeds are in {@link SendEventSeedsTest}, the server's failures in {@link SendEventsFailureTest},
 * the checks before sending in {@link SendEventsChecksTest}.
 */
class SendEventsTest extends SendEventsTestSupport {

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
