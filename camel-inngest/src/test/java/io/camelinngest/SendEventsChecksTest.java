package io.camelinngest;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code inngest:sendEvents}: the checks of every event before anything is sent. */
class SendEventsChecksTest extends SendEventsTestSupport {

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
}
