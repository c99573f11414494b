package io.camelinngest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import io.camelinngest.model.FunctionRun;
import io.camelinngest.model.InngestEvent;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Routes can read the component's results as the JSON the API speaks ({@code getBody(String.class)},
 * {@code convertBodyTo(String.class)}) or as a map with the API's snake_case keys.
 */
class ConvertersTest extends InngestTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RUN_ID = "01JWNNSWC44J3CY2ENV158DQX8";
    private static final String EVENT_ID = "01JWNNSVKR5DW3DMHK620M933E";

    private static final String RUN = """
            {"run_id":"01JWNNSWC44J3CY2ENV158DQX8","run_started_at":"2025-06-01T12:00:00.9Z",
             "function_id":"3f6a1c52-8d0b-5e1f-9a7c-2b4d6e8f0a1c","function_version":3,
             "environment_id":"c1a2b3c4-d5e6-4f70-8a9b-0c1d2e3f4a5b","event_id":"01JWNNSVKR5DW3DMHK620M933E",
             "status":"Completed","ended_at":"2025-06-01T14:00:01.734+02:00",
             "output":{"shipped":true,"trackingId":"TRK-99"}}""";

    private static final String EVENTS = """
            {"data":[
              {"internal_id":"01JWNNSVY2QJKQF8V4PP8H0ESP","account_id":"5b2c9e3a-7a1d-4c0e-9f21-3c4d5e6f7a8b",
               "environment_id":"c1a2b3c4-d5e6-4f70-8a9b-0c1d2e3f4a5b","source":"key",
               "source_id":"9e8d7c6b-5a49-4382-b716-0a1b2c3d4e5f","received_at":"2025-06-01T12:00:00.131Z",
               "id":"order-1234-created","name":"shop/order.created","data":{"orderId":1234,"total":49.99},
               "user":{"id":"usr_456"},"ts":1748779200120,"v":"2025-01-01.1"},
              {"internal_id":"01JWNNSVKR5DW3DMHK620M933E","account_id":"00000000-0000-0000-0000-000000000000",
               "environment_id":"00000000-0000-0000-0000-000000000000","source":"","source_id":null,
               "received_at":"2025-06-01T13:59:59.123456+02:00","id":"01JWNNSVKR5DW3DMHK620M933E",
               "name":"shop/order.paid","data":{"orderId":1234},"ts":1748779199100}
            ],"metadata":{"fetched_at":"2025-06-01T12:00:05.482913Z"}}""";

    /**
     * The server's JSON as the component writes it back: the same names and values, except that fields whose value
     * is {@code null} are left out (as the API itself leaves out empty optional fields such as {@code user}).
     */
    private static JsonNode withoutNulls(String json) throws Exception {
        JsonNode node = JSON.readTree(json);
        for (JsonNode item : node.isArray() ? node : List.of(node)) {
            ((ObjectNode) item).properties().removeIf(field -> field.getValue().isNull());
        }
        return node;
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:runsAsJson").to("inngest:listEventRuns").convertBodyTo(String.class);
            }
        };
    }

    private Exchange getRun() {
        INNGEST.stubFor(get("/v1/runs/" + RUN_ID).willReturn(okJson("{\"data\":" + RUN
                                                                   + ",\"metadata\":{\"fetched_at\":\"2025-06-01T12:00:02.3Z\"}}")));
        Exchange exchange = call("inngest:getRun?runId=" + RUN_ID);
        assertThat(exchange.getException()).isNull();
        assertThat(exchange.getMessage().getBody()).isInstanceOf(FunctionRun.class);
        return exchange;
    }

    @Test
    void aRunReadAsStringIsTheApisSnakeCaseJson() throws Exception {
        String json = getRun().getMessage().getBody(String.class);

        // the same fields, names and values as the server sent; times keep their offset
        assertThat(JSON.readTree(json)).isEqualTo(JSON.readTree(RUN));
    }

    @Test
    void aRunReadAsMapHasTheApisSnakeCaseKeys() {
        @SuppressWarnings("unchecked")
        Map<String, Object> map = getRun().getMessage().getBody(Map.class);

        assertThat(map).containsOnlyKeys("run_id", "run_started_at", "function_id", "function_version", "environment_id",
                "event_id", "status", "ended_at", "output");
        assertThat(map.get("run_id")).isEqualTo(RUN_ID);
        assertThat(map.get("status")).isEqualTo("Completed");
        assertThat(map.get("function_version")).isEqualTo(3);
        assertThat(map.get("ended_at")).isEqualTo("2025-06-01T14:00:01.734+02:00");
        assertThat(map.get("output")).isEqualTo(Map.of("shipped", true, "trackingId", "TRK-99"));
    }

    @Test
    void aPageOfEventsReadAsStringIsAJsonArrayOfTheApisEvents() throws Exception {
        INNGEST.stubFor(get(urlPathEqualTo("/v1/events")).willReturn(okJson(EVENTS)));
        Exchange exchange = call("inngest:listEvents");
        assertThat(exchange.getException()).isNull();
        assertThat(exchange.getMessage().getBody(List.class)).allMatch(InngestEvent.class::isInstance);

        String json = exchange.getMessage().getBody(String.class);

        JsonNode array = JSON.readTree(json);
        assertThat(array.isArray()).isTrue();
        assertThat(array).isEqualTo(withoutNulls(JSON.readTree(EVENTS).get("data").toString()));
        assertThat(array.get(1).has("source_id")).isFalse();
    }

    @Test
    void aListOfRunsConvertsToAJsonArrayInARoute() throws Exception {
        INNGEST.stubFor(get("/v1/events/" + EVENT_ID + "/runs").willReturn(okJson(
                "{\"data\":[" + RUN + "],\"metadata\":{\"fetched_at\":\"2025-06-01T12:00:02.01Z\"}}")));

        Object body = template.requestBodyAndHeader("direct:runsAsJson", null, InngestConstants.EVENT_ID, EVENT_ID);

        assertThat(body).isInstanceOf(String.class);
        assertThat(JSON.readTree((String) body)).isEqualTo(JSON.readTree("[" + RUN + "]"));
    }

    @Test
    void listResultsStillConvertAfterOtherListsWereConvertedInTheSameContext() throws Exception {
        // Camel caches the converter (or the miss) of the first conversion per (value class, target type): other
        // routes converting plain lists of the JDK classes the client builds lists with must not change what the
        // component's list results convert to
        for (List<String> plain : List.of(List.of("a"), List.of("a", "b", "c"), new ArrayList<>(List.of("a", "b")))) {
            assertThat(context.getTypeConverter().convertTo(String.class, plain)).isEqualTo(plain.toString());
            // whatever Camel makes of a list of strings as byte[] (nothing, or an error) is cached too
            catchThrowable(() -> context.getTypeConverter().convertTo(byte[].class, plain));
        }
        INNGEST.stubFor(get(urlPathEqualTo("/v1/events")).willReturn(okJson(EVENTS)));
        INNGEST.stubFor(get("/v1/events/" + EVENT_ID + "/runs").willReturn(okJson(
                "{\"data\":[" + RUN + "],\"metadata\":{\"fetched_at\":\"2025-06-01T12:00:02.01Z\"}}")));

        Exchange events = call("inngest:listEvents");
        Exchange runs = call("inngest:listEventRuns?eventId=" + EVENT_ID);

        JsonNode expectedEvents = withoutNulls(JSON.readTree(EVENTS).get("data").toString());
        assertThat(JSON.readTree(events.getMessage().getBody(String.class))).isEqualTo(expectedEvents);
        assertThat(JSON.readTree(events.getMessage().getBody(byte[].class))).isEqualTo(expectedEvents);
        assertThat(JSON.readTree(runs.getMessage().getBody(String.class))).isEqualTo(JSON.readTree("[" + RUN + "]"));
        assertThat(JSON.readTree(runs.getMessage().getBody(byte[].class))).isEqualTo(JSON.readTree("[" + RUN + "]"));
        // and the plain lists still convert as Camel converts them
        assertThat(context.getTypeConverter().convertTo(String.class, List.of("a"))).isEqualTo("[a]");
    }

    @Test
    void anEmptyPageReadAsStringIsAnEmptyJsonArray() throws Exception {
        INNGEST.stubFor(get(urlPathEqualTo("/v1/events")).willReturn(okJson(
                "{\"data\":[],\"metadata\":{\"fetched_at\":\"2025-06-01T12:00:05Z\"}}")));
        Exchange exchange = call("inngest:listEvents");
        assertThat(exchange.getException()).isNull();

        String json = exchange.getMessage().getBody(String.class);

        assertThat(JSON.readTree(json).isArray()).isTrue();
        assertThat(JSON.readTree(json)).isEmpty();
    }
}
