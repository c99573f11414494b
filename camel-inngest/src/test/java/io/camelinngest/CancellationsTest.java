package io.camelinngest;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.camelinngest.client.InngestApiException;
import io.camelinngest.model.Cancellation;
import io.camelinngest.model.CancellationRequest;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.camelinngest.ContractFixtures.errorJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Bulk cancellations (contract section 9.2; Inngest Cloud only): {@code inngest:createCancellation}
 * ({@code POST /v1/cancellations}), {@code inngest:listCancellations} ({@code GET}) and
 * {@code inngest:deleteCancellation} ({@code DELETE /v1/cancellations/{id}}).
 */
class CancellationsTest extends InngestTestSupport {

    private static final String CANCELLATION_ID = "01JWP0Q8Z8S1X4V7M2N3B5C6D7";
    private static final String CANCELLATION = """
            {"created_at":"2025-06-01T12:00:03.25Z","name":null,"id":"01JWP0Q8Z8S1X4V7M2N3B5C6D7",
             "account_id":"5b2c9e3a-7a1d-4c0e-9f21-3c4d5e6f7a8b","environment_id":"c1a2b3c4-d5e6-4f70-8a9b-0c1d2e3f4a5b",
             "app_id":"my-app","function_internal_id":"3f6a1c52-8d0b-5e1f-9a7c-2b4d6e8f0a1c",
             "function_id":"my-app-ship-order","started_after":"2025-06-01T11:00:00Z",
             "started_before":"2025-06-01T12:00:00Z","if":"event.data.userId == 'u1'","kind":"bulk_run",
             "cause":"API","queue_name":null}""";
    private static final Cancellation PARSED = new Cancellation(
            CANCELLATION_ID,
            OffsetDateTime.of(2025, 6, 1, 12, 0, 3, 250_000_000, ZoneOffset.UTC), "5b2c9e3a-7a1d-4c0e-9f21-3c4d5e6f7a8b",
            "c1a2b3c4-d5e6-4f70-8a9b-0c1d2e3f4a5b", "my-app", "3f6a1c52-8d0b-5e1f-9a7c-2b4d6e8f0a1c", "my-app-ship-order",
            OffsetDateTime.of(2025, 6, 1, 11, 0, 0, 0, ZoneOffset.UTC),
            OffsetDateTime.of(2025, 6, 1, 12, 0, 0, 0, ZoneOffset.UTC),
            "event.data.userId == 'u1'", "bulk_run");

    // ---------------------------------------------------------------------------------------------------------
    // createCancellation

    @Test
    void createsACancellationFromACancellationRequest() {
        INNGEST.stubFor(post("/v1/cancellations").willReturn(okJson(
                "{\"data\":" + CANCELLATION + ",\"metadata\":{\"fetched_at\":\"2025-06-01T12:00:03.3Z\"}}")));
        CancellationRequest request = new CancellationRequest(
                "my-app", "ship-order", Instant.parse("2025-06-01T12:00:00Z"),
                Instant.parse("2025-06-01T11:00:00Z"), "event.data.userId == 'u1'");

        Exchange exchange = call("inngest:createCancellation", request, Map.of());

        assertThat(exchange.getException()).isNull();
        assertThat(exchange.getMessage().getBody(Cancellation.class)).isEqualTo(PARSED);
        INNGEST.verify(1, postRequestedFor(urlEqualTo("/v1/cancellations"))
                .withHeader("Authorization", equalTo(HASHED_BEARER))
                .withHeader("Content-Type", equalTo("application/json; charset=UTF-8")));
        assertThat(INNGEST.getAllServeEvents()).singleElement().satisfies(served -> assertThat(served.getRequest()
                .getBodyAsString()).isEqualTo("{\"app_id\":\"my-app\",\"function_id\":\"ship-order\","
                                              + "\"started_before\":\"2025-06-01T12:00:00Z\","
                                              + "\"started_after\":\"2025-06-01T11:00:00Z\","
                                              + "\"if\":\"event.data.userId == 'u1'\"}"));
    }

    @Test
    void createsACancellationFromAMapWithSnakeCaseKeys() {
        INNGEST.stubFor(post("/v1/cancellations").willReturn(okJson("{\"data\":" + CANCELLATION + "}")));
        Map<String, Object> body = Map.of("app_id", "my-app", "function_id", "ship-order",
                "started_before", "2025-06-01T14:00:00+02:00", "if", "event.data.userId == 'u1'");

        Exchange exchange = call("inngest:createCancellation", body, Map.of());

        assertThat(exchange.getException()).isNull();
        assertThat(exchange.getMessage().getBody(Cancellation.class)).isEqualTo(PARSED);
        // the offset time is sent as the instant it stands for; absent started_after is not sent
        INNGEST.verify(1, postRequestedFor(urlEqualTo("/v1/cancellations")).withRequestBody(equalToJson("""
                {"app_id":"my-app","function_id":"ship-order","started_before":"2025-06-01T12:00:00Z",
                 "if":"event.data.userId == 'u1'"}""")));
    }

    @Test
    void theAppAndFunctionComeFromHeadersWhenTheBodyHasNone() {
        INNGEST.stubFor(post("/v1/cancellations").willReturn(okJson("{\"data\":" + CANCELLATION + "}")));

        Exchange exchange = call("inngest:createCancellation?appId=option-app",
                Map.of("started_before", "2025-06-01T12:00:00Z"),
                Map.of(InngestConstants.APP_ID, "my-app", InngestConstants.FUNCTION_ID, "ship-order"));

        assertThat(exchange.getException()).isNull();
        INNGEST.verify(1, postRequestedFor(urlEqualTo("/v1/cancellations")).withRequestBody(equalToJson("""
                {"app_id":"my-app","function_id":"ship-order","started_before":"2025-06-01T12:00:00Z"}""")));
    }

    @Test
    void theBodyWinsOverTheHeaders() {
        INNGEST.stubFor(post("/v1/cancellations").willReturn(okJson("{\"data\":" + CANCELLATION + "}")));

        Exchange exchange = call("inngest:createCancellation",
                new CancellationRequest("my-app", "ship-order", Instant.parse("2025-06-01T12:00:00Z"), null, null),
                Map.of(InngestConstants.APP_ID, "header-app", InngestConstants.FUNCTION_ID, "header-fn"));

        assertThat(exchange.getException()).isNull();
        INNGEST.verify(1, postRequestedFor(urlEqualTo("/v1/cancellations")).withRequestBody(equalToJson("""
                {"app_id":"my-app","function_id":"ship-order","started_before":"2025-06-01T12:00:00Z"}""")));
    }

    @Test
    void aValidationErrorOfTheServerIsPassedThrough() {
        INNGEST.stubFor(post("/v1/cancellations").willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withBody(errorJson(400, "started_before must be in the past"))));

        Exchange exchange = call("inngest:createCancellation",
                new CancellationRequest("my-app", "ship-order", Instant.parse("2099-01-01T00:00:00Z"), null, null), Map.of());

        InngestApiException e = exchange.getException(InngestApiException.class);
        assertThat(e).isNotNull();
        assertThat(e.getOperation()).isEqualTo("createCancellation");
        assertThat(e.getHttpStatus()).isEqualTo(400);
        assertThat(e.getStatus()).isEqualTo(400);
        assertThat(e.getError()).isEqualTo("started_before must be in the past");
        assertThat(e.getMessage()).contains("createCancellation failed", "HTTP 400", "started_before must be in the past");
        INNGEST.verify(1, postRequestedFor(urlEqualTo("/v1/cancellations")));
    }

    static Stream<Arguments> incompleteRequests() {
        Map<String, Object> noStart = new HashMap<>();
        noStart.put("app_id", "my-app");
        noStart.put("function_id", "ship-order");
        return Stream.of(
                arguments("no app", Map.of("function_id", "ship-order", "started_before", "2025-06-01T12:00:00Z"),
                        List.of("app ID", "app_id", "CamelInngestAppId", "option appId")),
                arguments("no function", Map.of("app_id", "my-app", "started_before", "2025-06-01T12:00:00Z"),
                        List.of("function ID", "function_id", "CamelInngestFunctionId", "option functionId")),
                arguments("no started_before", noStart, List.of("started_before")),
                arguments("no body", null, List.of("app_id", "CamelInngestAppId", "option appId")),
                arguments("started_after equal to started_before",
                        new CancellationRequest(
                                "my-app", "ship-order", Instant.parse("2025-06-01T12:00:00Z"),
                                Instant.parse("2025-06-01T12:00:00Z"), null),
                        List.of("createCancellation", "started_after", "before", "started_before")),
                arguments("started_after later than started_before",
                        Map.of("app_id", "my-app", "function_id", "ship-order",
                                "started_before", "2025-06-01T12:00:00Z", "started_after", "2025-06-01T13:00:00Z"),
                        List.of("createCancellation", "started_after", "before", "started_before")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("incompleteRequests")
    void anIncompleteRequestFailsBeforeAnyHttpCallSayingWhatIsMissing(String description, Object body, List<String> said) {
        Exchange exchange = call("inngest:createCancellation", body, Map.of());

        assertThat(exchange.getException()).isInstanceOf(IllegalArgumentException.class);
        assertThat(exchange.getException().getMessage()).contains(said);
        INNGEST.verify(0, anyRequestedFor(anyUrl()));
    }

    /** The Dev Server and self-hosted Inngest have no cancellation store: they answer 500 with an empty body. */
    @Test
    void onADevServerTheEmpty500SaysBulkCancellationsAreCloudOnly() {
        INNGEST.stubFor(post("/v1/cancellations").willReturn(aResponse().withStatus(500)
                .withHeader("X-Inngest-Server-Kind", "dev")));

        Exchange exchange = call("inngest:createCancellation",
                new CancellationRequest("my-app", "ship-order", Instant.parse("2025-06-01T12:00:00Z"), null, null), Map.of());

        InngestApiException e = exchange.getException(InngestApiException.class);
        assertThat(e).isNotNull();
        assertThat(e.getHttpStatus()).isEqualTo(500);
        assertThat(e.getMessage()).contains("createCancellation failed", "HTTP 500", "empty body", "Inngest Cloud only");
        // a POST that changes state is not repeated on a 500
        INNGEST.verify(1, postRequestedFor(urlEqualTo("/v1/cancellations")));
    }

    // ---------------------------------------------------------------------------------------------------------
    // listCancellations

    @Test
    void listsTheCancellations() {
        String second = CANCELLATION.replace(CANCELLATION_ID, "01JWP0R9A9T2Y5W8N3P4C6D7E8")
                .replace("\"started_after\":\"2025-06-01T11:00:00Z\"", "\"started_after\":null")
                .replace(",\"if\":\"event.data.userId == 'u1'\"", "");
        INNGEST.stubFor(get("/v1/cancellations").willReturn(okJson(
                "{\"data\":[" + CANCELLATION + "," + second + "],\"metadata\":{\"fetched_at\":\"2025-06-01T12:10:00Z\"}}")));

        Exchange exchange = call("inngest:listCancellations");

        assertThat(exchange.getException()).isNull();
        List<Cancellation> cancellations = exchange.getMessage().getBody(List.class);
        assertThat(cancellations).hasSize(2);
        assertThat(cancellations.get(0)).isEqualTo(PARSED);
        assertThat(cancellations.get(1).id()).isEqualTo("01JWP0R9A9T2Y5W8N3P4C6D7E8");
        assertThat(cancellations.get(1).startedAfter()).isNull();
        assertThat(cancellations.get(1).condition()).isNull();
        INNGEST.verify(1, getRequestedFor(urlEqualTo("/v1/cancellations"))
                .withHeader("Authorization", equalTo(HASHED_BEARER))
                .withHeader("Accept", equalTo("application/json")));
    }

    @Test
    void listingOnADevServerFailsSayingBulkCancellationsAreCloudOnly() {
        INNGEST.stubFor(get("/v1/cancellations").willReturn(aResponse().withStatus(500)
                .withHeader("X-Inngest-Server-Kind", "dev")));

        Exchange exchange = call("inngest:listCancellations?maxRetries=0");

        InngestApiException e = exchange.getException(InngestApiException.class);
        assertThat(e).isNotNull();
        assertThat(e.getOperation()).isEqualTo("listCancellations");
        assertThat(e.getHttpStatus()).isEqualTo(500);
        assertThat(e.getMessage()).contains("listCancellations failed", "Inngest Cloud only");
        INNGEST.verify(1, getRequestedFor(urlEqualTo("/v1/cancellations")));
    }

    // ---------------------------------------------------------------------------------------------------------
    // deleteCancellation

    @Test
    void deletesACancellationAndReturnsItsId() {
        INNGEST.stubFor(delete("/v1/cancellations/" + CANCELLATION_ID).willReturn(okJson(
                "{\"data\":{\"ok\":true},\"metadata\":{\"fetched_at\":\"2025-06-01T12:10:00Z\"}}")));

        Exchange exchange = call("inngest:deleteCancellation", null, Map.of(InngestConstants.CANCELLATION_ID, CANCELLATION_ID));

        assertThat(exchange.getException()).isNull();
        assertThat(exchange.getMessage().getBody()).isEqualTo(CANCELLATION_ID);
        INNGEST.verify(1, deleteRequestedFor(urlEqualTo("/v1/cancellations/" + CANCELLATION_ID))
                .withHeader("Authorization", equalTo(HASHED_BEARER)));
        assertThat(INNGEST.getAllServeEvents()).hasSize(1);
    }

    @Test
    void deletingAnUnknownCancellationIsAnError() {
        INNGEST.stubFor(delete("/v1/cancellations/" + CANCELLATION_ID).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json")
                .withBody(errorJson(404, "Cancellation not found"))));

        Exchange exchange = call("inngest:deleteCancellation?cancellationId=" + CANCELLATION_ID);

        InngestApiException e = exchange.getException(InngestApiException.class);
        assertThat(e).isNotNull();
        assertThat(e.getOperation()).isEqualTo("deleteCancellation");
        assertThat(e.getStatus()).isEqualTo(404);
        assertThat(e.getError()).isEqualTo("Cancellation not found");
        assertThat(e.isRetryable()).isFalse();
        assertThat(e.getMessage()).contains("deleteCancellation failed", "HTTP 404", "Cancellation not found");
        INNGEST.verify(1, deleteRequestedFor(urlEqualTo("/v1/cancellations/" + CANCELLATION_ID)));
    }

    @Test
    void aMissingCancellationIdFailsBeforeAnyHttpCallNamingHeaderAndOption() {
        Exchange exchange = call("inngest:deleteCancellation");

        assertThat(exchange.getException()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("CamelInngestCancellationId").hasMessageContaining("option cancellationId");
        INNGEST.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void camelCaseKeysAreReadAsTheirSnakeCaseTwins() {
        INNGEST.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post("/v1/cancellations")
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock
                        .okJson("{\"data\":{\"id\":\"01JWNNSVKR5DW3DMHK620M933E\"},\"metadata\":{}}")));

        Exchange exchange = call("inngest:createCancellation", Map.of("appId", "my-app", "functionId", "ship-order",
                "startedBefore", "2025-06-01T12:00:00Z", "startedAfter", "2025-06-01T11:00:00Z", "condition",
                "event.data.x == 1"),
                Map.of());

        assertThat(exchange.getException()).isNull();
        INNGEST.verify(com.github.tomakehurst.wiremock.client.WireMock
                .postRequestedFor(com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo("/v1/cancellations"))
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.equalToJson(
                        "{\"app_id\":\"my-app\",\"function_id\":\"ship-order\",\"started_before\":\"2025-06-01T12:00:00Z\","
                                                                                             + "\"started_after\":\"2025-06-01T11:00:00Z\",\"if\":\"event.data.x == 1\"}")));
    }

    @Test
    void aMisspeltKeyFailsInsteadOfWideningTheCancellation() {
        Exchange exchange = call("inngest:createCancellation", Map.of("app_id", "my-app", "function_id", "ship-order",
                "started_before", "2025-06-01T12:00:00Z", "started_afer", "2025-06-01T11:00:00Z"), Map.of());

        assertThat(exchange.getException()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("started_afer");
        INNGEST.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void aBodyThatIsNotJsonFailsBeforeAnyHttpCall() {
        Exchange exchange = call("inngest:createCancellation", "cancel everything please", Map.of());

        assertThat(exchange.getException()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("createCancellation").hasMessageContaining("not JSON");
        INNGEST.verify(0, anyRequestedFor(anyUrl()));
    }
}
