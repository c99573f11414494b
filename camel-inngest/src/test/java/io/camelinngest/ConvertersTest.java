package io.camelinngest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.camelinngest.model.FunctionRun;
import io.camelinngest.model.InngestEvent;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.camelinngest.ContractFixtures.EVENTS_JSON;
import static io.camelinngest.ContractFixtures.EVENT_ID;
import static io.camelinngest.ContractFixtures.RUN_ID;
import static io.camelinngest.ContractFixtures.runJson;
import static io.camelinngest.ContractFixtures.runWith;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Routes can read the component's results as the JSON the API speaks ({@code getBody(String.class)},
 * {@code convertBodyTo(String.class)}) or as a map with the API's snake_case keys.
 */
class ConvertersTest extends InngestTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The contract's run, its end time with an offset (kept when the run is written back as JSON). */
    private static final String RUN = runWith("ended_at", "\"2025-06-01T14:00:01.734+02:00\"");

    /**
     * The server's JSON as the component writes it back: the same names and values, except that fields whose value is
     * {@code null} are left out (as the API itself leaves out empty optional fields such as {@code user}).
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
        INNGEST.stubFor(get("/v1/runs/" + RUN_ID).willReturn(okJson(runJson(RUN))));
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
        INNGEST.stubFor(get(urlPathEqualTo("/v1/events")).willReturn(okJson(EVENTS_JSON)));
        Exchange exchange = call("inngest:listEvents");
        assertThat(exchange.getException()).isNull();
        assertThat(exchange.getMessage().getBody(List.class)).allMatch(InngestEvent.class::isInstance);

        String json = exchange.getMessage().getBody(String.class);

        JsonNode array = JSON.readTree(json);
        assertThat(array.isArray()).isTrue();
        assertThat(array).isEqualTo(withoutNulls(JSON.readTree(EVENTS_JSON).get("data").toString()));
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
        INNGEST.stubFor(get(urlPathEqualTo("/v1/events")).willReturn(okJson(EVENTS_JSON)));
        INNGEST.stubFor(get("/v1/events/" + EVENT_ID + "/runs").willReturn(okJson(
                "{\"data\":[" + RUN + "],\"metadata\":{\"fetched_at\":\"2025-06-01T12:00:02.01Z\"}}")));

        Exchange events = call("inngest:listEvents");
        Exchange runs = call("inngest:listEventRuns?eventId=" + EVENT_ID);

        JsonNode expectedEvents = withoutNulls(JSON.readTree(EVENTS_JSON).get("data").toString());
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
