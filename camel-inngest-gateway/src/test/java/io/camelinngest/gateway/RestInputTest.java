package io.camelinngest.gateway;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the REST port reads, as a careless or hostile client sends it: query values percent-decoded as every HTTP
 * library encodes them (and nothing of Camel's URI syntax), exactly one JSON document in valid UTF-8 with a JSON
 * content type. Anything else is refused with a JSON error and nothing reaches Inngest.
 */
class RestInputTest extends GatewayTestSupport {

    @Test
    void aPercentEncodedQueryValueIsDecoded() throws Exception {
        inngest.fake().addEvent("shop/order.paid", Instant.now().minusSeconds(5), Map.of("order", "q1"));
        inngest.fake().addEvent("other/event", Instant.now().minusSeconds(4), Map.of());

        // what java.net.URLEncoder, URLSearchParams, requests and curl --data-urlencode send
        HttpResponse<String> response = get("/v1/events?name=shop%2Forder.paid&limit=5");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode data = json(response).path("data");
        assertThat(data).hasSize(1);
        assertThat(data.get(0).path("name").asText()).isEqualTo("shop/order.paid");
    }

    @Test
    void camelsRawSyntaxIsNotHonouredInAQuery() throws Exception {
        // Camel's URI rules would read one parameter, name = RAW(shop/order.paid&limit=2); a query string has two
        HttpResponse<String> response = get("/v1/events?name=RAW(shop/order.paid&limit=2)");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(json(response).path("parameter").asText()).isEqualTo("limit");
        assertThat(requestsToInngest()).isZero();
    }

    @Test
    void aMalformedPercentEscapeIsAJsonBadRequest() throws Exception {
        // java.net.http refuses to send it: written on a socket
        for (String query : new String[] { "name=shop%2", "name=%zz" }) {
            RawResponse response = raw(restPort(), "GET /v1/events?" + query + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                                   + "Authorization: Bearer " + TOKEN + "\r\nConnection: close\r\n\r\n");

            assertThat(response.status()).as(query).isEqualTo(400);
            assertThat(response.headers()).containsIgnoringCase("content-type: application/json");
            assertThat(JSON.readTree(response.body()).path("status").asInt()).isEqualTo(400);
        }
        assertThat(requestsToInngest()).isZero();
    }

    @Test
    void malformedRequestsAreJsonAndWriteNoErrorLine() throws Exception {
        long errorsBefore = errorLines();
        String[] requests = {
                // no leading slash
                "GET v1/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + TOKEN + "\r\nConnection: close\r\n\r\n",
                // a malformed escape, without the token
                "GET /v1/events?name=%zz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n" };
        for (String request : requests) {
            RawResponse response = raw(restPort(), request);

            assertThat(response.status()).as(request).isIn(400, 401, 404);
            assertThat(response.headers()).as(request).containsIgnoringCase("content-type: application/json");
            assertThat(JSON.readTree(response.body()).path("status").asInt()).isEqualTo(response.status());
        }
        assertThat(errorLines()).isEqualTo(errorsBefore);
        assertThat(requestsToInngest()).isZero();
    }

    private static long errorLines() throws java.io.IOException {
        return java.nio.file.Files.readAllLines(java.nio.file.Path.of("target/gateway-tests.log")).stream()
                .filter(l -> l.matches("\\S+ ERROR .*")).count();
    }

    @Test
    void aBodyWithTwoJsonDocumentsIsRefusedAndNothingIsSent() throws Exception {
        for (String body : new String[] {
                "[{\"name\":\"shop/order.paid\"}] [{\"name\":\"shop/order.paid\"}]",
                "{\"name\":\"shop/order.paid\"}\n{\"name\":\"shop/order.paid\"}\n",
                "{\"name\":\"shop/order.paid\"} trailing" }) {
            HttpResponse<String> response = post("/e/default", body);

            assertThat(response.statusCode()).as(body).isEqualTo(400);
            assertThat(json(response).path("parameter").asText()).isEqualTo("body");
            assertThat(json(response).path("message").asText()).as(body).containsAnyOf("exactly one JSON document", "not JSON");
        }
        assertThat(requestsToInngest()).isZero();
        assertThat(inngest.fake().events()).isEmpty();
    }

    @Test
    void aKeyGivenTwiceIsRefused() throws Exception {
        HttpResponse<String> response = post("/v1/signals", "{\"signal\":\"a\",\"signal\":\"b\"}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).path("message").asText()).contains("signal");
        assertThat(requestsToInngest()).isZero();
    }

    @Test
    void invalidUtf8IsRefusedNotReplaced() throws Exception {
        byte[] body = "{\"name\":\"shop/order.paid\",\"data\":{\"who\":\"X\"}}".getBytes(StandardCharsets.UTF_8);
        // X becomes 0xC3 0x28, an invalid two-byte sequence
        int at = new String(body, StandardCharsets.UTF_8).indexOf('X');
        byte[] bad = new byte[body.length + 1];
        System.arraycopy(body, 0, bad, 0, at);
        bad[at] = (byte) 0xC3;
        bad[at + 1] = (byte) 0x28;
        System.arraycopy(body, at + 1, bad, at + 2, body.length - at - 1);

        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(gateway.restUrl() + "/e/default"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(bad))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + TOKEN));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).path("message").asText()).contains("UTF-8");
        assertThat(inngest.fake().events()).isEmpty();
        assertThat(requestsToInngest()).isZero();
    }

    @Test
    void onlyJsonContentTypesAreAccepted() throws Exception {
        for (String type : new String[] {
                "application/notjson", "text/json-ish", "application/json; charset=iso-8859-1",
                "text/plain", "application/cloudevents+json" }) {
            HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(gateway.restUrl() + "/e/default"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"shop/order.paid\"}"))
                    .header("Content-Type", type).header("Authorization", "Bearer " + TOKEN));

            assertThat(response.statusCode()).as(type).isEqualTo(415);
            assertThat(json(response).path("error").asText()).isEqualTo("unsupported_media_type");
        }
        for (String type : new String[] { "application/json", "application/json; charset=UTF-8", "Application/JSON" }) {
            HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(gateway.restUrl() + "/e/default"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"shop/order.paid\"}"))
                    .header("Content-Type", type).header("Authorization", "Bearer " + TOKEN));

            assertThat(response.statusCode()).as(type + ": " + response.body()).isEqualTo(200);
        }
        assertThat(inngest.fake().events()).hasSize(3);
    }

    @Test
    void aBodyOverTheLimitIsAJson413() throws Exception {
        String big = "{\"name\":\"shop/order.paid\",\"data\":{\"pad\":\"" + "x".repeat(McpRequestGuard.MAX_BODY_BYTES) + "\"}}";

        HttpResponse<String> response = post("/e/default", big);

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(json(response).path("status").asInt()).isEqualTo(413);
        assertThat(requestsToInngest()).isZero();
    }
}
