package io.camelinngest.gateway;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenAPI document as a client generator reads it: the bearer scheme every path needs, JSON request bodies typed as
 * the objects they are, a schema for every answer, and the 405, 413 and 415 the adapter gives.
 */
class RestOpenApiTest extends GatewayTestSupport {

    private static JsonNode doc;

    @BeforeAll
    static void read() throws Exception {
        HttpResponse<String> response = get(RestRoutes.OPENAPI_PATH);
        assertThat(response.statusCode()).isEqualTo(200);
        Files.writeString(Path.of("target/gateway-openapi.json"), response.body());
        doc = JSON.readTree(response.body());
    }

    private static JsonNode operation(GatewayOperation operation) {
        return doc.path("paths").path(operation.path()).path(operation.method().toLowerCase());
    }

    /** A schema, following one {@code $ref} into components. */
    private static JsonNode resolve(JsonNode schema) {
        String ref = schema.path("$ref").asText("");
        if (ref.startsWith("#/components/schemas/")) {
            return doc.path("components").path("schemas").path(ref.substring("#/components/schemas/".length()));
        }
        return schema;
    }

    @Test
    void everyPathNeedsTheBearerScheme() {
        JsonNode schemes = doc.path("components").path("securitySchemes");
        assertThat(schemes.path(RestRoutes.SECURITY).path("type").asText()).as(schemes.toString()).isEqualTo("http");
        assertThat(schemes.path(RestRoutes.SECURITY).path("scheme").asText()).isEqualToIgnoringCase("bearer");
        for (GatewayOperation operation : GatewayOperation.values()) {
            assertThat(operation(operation).path("security").findValues(RestRoutes.SECURITY)).as(operation.path()).isNotEmpty();
        }
    }

    @Test
    void jsonBodiesAreTypedObjects() {
        JsonNode events = operation(GatewayOperation.SENDEVENTS).path("requestBody").path("content")
                .path("application/json").path("schema");
        assertThat(events.path("type").asText()).as(events.toString()).isEqualTo("array");
        assertThat(resolve(events.path("items")).path("properties").has("name")).as(doc.path("components").toString()).isTrue();

        JsonNode signal = resolve(operation(GatewayOperation.SENDSIGNAL).path("requestBody").path("content")
                .path("application/json").path("schema"));
        assertThat(signal.path("type").asText()).isEqualTo("object");
        assertThat(signal.path("properties").has("signal")).isTrue();
    }

    @Test
    void everyAnswerHasASchemaAndTheRefusalsAreListed() {
        for (GatewayOperation operation : GatewayOperation.values()) {
            JsonNode responses = operation(operation).path("responses");
            for (String code : new String[] { "200", "400", "401", "404", "405", "502" }) {
                JsonNode schema = responses.path(code).path("content").path("application/json").path("schema");
                assertThat(schema.isMissingNode()).as(operation.path() + " " + code + ": " + responses).isFalse();
            }
        }
        for (GatewayOperation operation : new GatewayOperation[] {
                GatewayOperation.SENDEVENTS, GatewayOperation.SENDSIGNAL,
                GatewayOperation.INVOKEFUNCTION }) {
            assertThat(operation(operation).path("responses").has("415")).as(operation.path()).isTrue();
            assertThat(operation(operation).path("responses").has("413")).as(operation.path()).isTrue();
        }
    }
}
