package io.camelinngest.gateway;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.camelinngest.testing.FakeInngest.StoredEvent;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The REST adapter's event paths against the fake Inngest: POST /e/{eventKey}, GET /v1/events, GET
 * /v1/events/{eventId}.
 */
class RestEventsTest extends GatewayTestSupport {

    @Test
    void sendsAnArrayOfEventsAndAnswersTheirIds() throws Exception {
        HttpResponse<String> response = post("/e/any-key",
                "[{\"name\":\"shop/order.paid\",\"data\":{\"order\":\"42\"}},{\"name\":\"shop/order.paid\",\"data\":{\"order\":\"43\"}}]");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        JsonNode body = json(response);
        assertThat(body.path("status").asInt()).isEqualTo(200);
        assertThat(body.path("ids")).hasSize(2);
        assertThat(inngest.fake().events()).extracting(StoredEvent::internalId)
                .containsExactly(body.path("ids").get(0).asText(), body.path("ids").get(1).asText());
        assertThat(inngest.fake().events()).extracting(e -> e.data().get("order")).containsExactly("42", "43");
    }

    @Test
    void sendsOneEventObject() throws Exception {
        HttpResponse<String> response = post("/e/any-key", "{\"name\":\"acc/one\",\"data\":{\"k\":1}}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).path("ids")).hasSize(1);
        assertThat(inngest.fake().events()).singleElement().extracting(StoredEvent::name).isEqualTo("acc/one");
    }

    @Test
    void aBodyOfAnotherTypeIsRefusedAndOneWithoutATypeIsReadAsJson() throws Exception {
        // what curl -d sends without -H 'Content-Type: application/json'
        HttpResponse<String> response
                = send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(gateway.restUrl() + "/e/k"))
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"name\":\"acc/form\"}"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header("Authorization", "Bearer " + TOKEN));

        assertThat(response.statusCode()).isEqualTo(415);
        assertThat(json(response).path("message").asText()).contains("Content-Type: application/json");
        assertThat(requestsToInngest()).isZero();

        HttpResponse<String> untyped
                = send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(gateway.restUrl() + "/e/k"))
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"name\":\"acc/untyped\"}"))
                        .header("Authorization", "Bearer " + TOKEN));

        assertThat(untyped.statusCode()).as(untyped.body()).isEqualTo(200);
        assertThat(inngest.fake().events()).singleElement().extracting(StoredEvent::name).isEqualTo("acc/untyped");
    }

    @Test
    void malformedJsonIsRefusedNamingTheBodyAndNothingIsSent() throws Exception {
        HttpResponse<String> response = post("/e/any-key", "[{\"name\":");

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode body = json(response);
        assertThat(body.path("error").asText()).isEqualTo("invalid_parameter");
        assertThat(body.path("parameter").asText()).isEqualTo("body");
        assertThat(body.path("message").asText()).startsWith("The request body is not JSON");
        assertThat(requestsToInngest()).isZero();
    }

    @Test
    void aMissingBodyIsRefusedNamingTheEvents() throws Exception {
        HttpResponse<String> response = post("/e/any-key", null);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).path("parameter").asText()).isEqualTo("events");
        assertThat(json(response).path("message").asText()).contains("events is required");
        assertThat(requestsToInngest()).isZero();
    }

    @Test
    void aBodyThatHoldsNoEventsIsRefused() throws Exception {
        HttpResponse<String> response = post("/e/any-key", "[1,2]");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).path("parameter").asText()).isEqualTo("events");
        assertThat(requestsToInngest()).isZero();
    }

    @Test
    void anEventInngestRefusesIsABadRequestWithItsMessage() throws Exception {
        HttpResponse<String> response = post("/e/any-key", "{\"name\":\"inngest/reserved\"}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).path("message").asText()).contains("reserved");
    }

    @Test
    void listsEventsFilteredByNameWithALimit() throws Exception {
        Instant now = Instant.now();
        inngest.fake().addEvent("shop/order.paid", now.minusSeconds(30), Map.of("order", "1"));
        inngest.fake().addEvent("shop/order.paid", now.minusSeconds(20), Map.of("order", "2"));
        inngest.fake().addEvent("shop/order.paid", now.minusSeconds(10), Map.of("order", "3"));
        inngest.fake().addEvent("other/event", now.minusSeconds(5), Map.of());

        HttpResponse<String> response = get("/v1/events?name=shop/order.paid&limit=2");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode data = json(response).path("data");
        assertThat(data).hasSize(2);
        // newest first, as Inngest lists them
        assertThat(data.get(0).path("data").path("order").asText()).isEqualTo("3");
        assertThat(data.get(1).path("data").path("order").asText()).isEqualTo("2");
        assertThat(data.get(0).path("name").asText()).isEqualTo("shop/order.paid");
    }

    @Test
    void aLimitOutOfRangeOrNotANumberIsRefusedNamingIt() throws Exception {
        for (String limit : new String[] { "0", "52", "abc", "2.5" }) {
            HttpResponse<String> response = get("/v1/events?limit=" + limit);

            assertThat(response.statusCode()).as(limit).isEqualTo(400);
            assertThat(json(response).path("parameter").asText()).isEqualTo("limit");
            assertThat(json(response).path("message").asText()).contains("from 1 to 51");
        }
        assertThat(requestsToInngest()).isZero();
    }

    @Test
    void anUnknownQueryParameterIsRefusedNamingIt() throws Exception {
        HttpResponse<String> response = get("/v1/events?nmae=shop/order.paid");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).path("parameter").asText()).isEqualTo("nmae");
        assertThat(json(response).path("message").asText()).contains("Unknown parameter 'nmae'").contains("name, limit");
        assertThat(requestsToInngest()).isZero();
    }

    @Test
    void getsOneEvent() throws Exception {
        StoredEvent event = inngest.fake().addEvent("shop/order.paid", Instant.now(), Map.of("order", "7"));

        HttpResponse<String> response = get("/v1/events/" + event.internalId());

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode data = json(response).path("data");
        assertThat(data.path("internal_id").asText()).isEqualTo(event.internalId());
        assertThat(data.path("data").path("order").asText()).isEqualTo("7");
    }

    @Test
    void anUnknownEventIsNotFound() throws Exception {
        HttpResponse<String> response = get("/v1/events/01ZZZZZZZZZZZZZZZZZZZZZZZZ");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(json(response).path("error").asText()).isEqualTo("not_found");
        assertThat(json(response).path("operation").asText()).isEqualTo("getEvent");
        assertThat(json(response).path("inngest_status").asInt()).isEqualTo(404);
    }

    @Test
    void aMalformedEventIdIsRefusedBeforeAnythingIsSent() throws Exception {
        HttpResponse<String> response = get("/v1/events/not-a-ulid");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).path("parameter").asText()).isEqualTo("eventId");
        assertThat(json(response).path("message").asText()).contains("26-character ULID").contains("not-a-ulid");
        assertThat(requestsToInngest()).isZero();
    }
}
