package io.camelinngest;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.camelinngest.client.InngestApiException;
import io.camelinngest.model.InngestEvent;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.camelinngest.ContractFixtures.EVENT_ID;
import static io.camelinngest.ContractFixtures.EVENT_JSON;
import static io.camelinngest.ContractFixtures.errorJson;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code inngest:getEvent}: {@code GET /v1/events/{internalId}} (contract section 3). */
class GetEventTest extends InngestTestSupport {

    private static final String OTHER_EVENT_ID = "01JWNNSVY2QJKQF8V4PP8H0ESP";

    /** As the Dev Server stores it: zero IDs, empty source, null source_id, no user, no v, a +02:00 offset. */
    private static final String DEV_SERVER_EVENT = """
            {"data":{"internal_id":"01JWNNSVKR5DW3DMHK620M933E","account_id":"00000000-0000-0000-0000-000000000000",
             "environment_id":"00000000-0000-0000-0000-000000000000","source":"","source_id":null,
             "received_at":"2025-06-01T14:00:00.131+02:00","id":"01JWNNSVKR5DW3DMHK620M933E",
             "name":"shop/order.created","data":{"orderId":1234},"ts":1748779200120},
             "metadata":{"fetched_at":"2025-06-01T12:00:05.4Z","cached_until":"2025-06-01T12:00:10.4Z"}}""";

    @Test
    void getsAnEventByItsInternalId() {
        INNGEST.stubFor(get("/v1/events/" + EVENT_ID).willReturn(aResponse()
                .withHeader("Content-Type", "application/json")
                .withHeader("Cache-Control", "private, max-age=5")
                .withBody(EVENT_JSON)));

        Exchange exchange = call("inngest:getEvent", null, Map.of(InngestConstants.EVENT_ID, EVENT_ID));

        assertThat(exchange.getException()).isNull();
        InngestEvent event = exchange.getMessage().getBody(InngestEvent.class);
        assertThat(event).isEqualTo(new InngestEvent(
                EVENT_ID, "5b2c9e3a-7a1d-4c0e-9f21-3c4d5e6f7a8b",
                "c1a2b3c4-d5e6-4f70-8a9b-0c1d2e3f4a5b", "key", "9e8d7c6b-5a49-4382-b716-0a1b2c3d4e5f",
                OffsetDateTime.of(2025, 6, 1, 12, 0, 0, 131_000_000, ZoneOffset.UTC), "order-1234-created",
                "shop/order.created", Map.of("orderId", 1234, "total", 49.99), Map.of("id", "usr_456"),
                1748779200120L, "2025-01-01.1"));
        INNGEST.verify(1, getRequestedFor(urlEqualTo("/v1/events/" + EVENT_ID))
                .withHeader("Authorization", equalTo(HASHED_BEARER))
                .withHeader("Accept", equalTo("application/json")));
        assertThat(INNGEST.getAllServeEvents()).hasSize(1);
    }

    @Test
    void theEventIdHeaderWinsOverTheEventIdOption() {
        INNGEST.stubFor(get("/v1/events/" + EVENT_ID).willReturn(okJson(EVENT_JSON)));
        INNGEST.stubFor(get("/v1/events/" + OTHER_EVENT_ID).willReturn(okJson(EVENT_JSON.replace(EVENT_ID, OTHER_EVENT_ID))));
        String uri = "inngest:getEvent?eventId=" + OTHER_EVENT_ID;

        Exchange fromOption = call(uri);
        Exchange fromHeader = call(uri, null, Map.of(InngestConstants.EVENT_ID, EVENT_ID));

        assertThat(fromOption.getMessage().getBody(InngestEvent.class).internalId()).isEqualTo(OTHER_EVENT_ID);
        assertThat(fromHeader.getMessage().getBody(InngestEvent.class).internalId()).isEqualTo(EVENT_ID);
        INNGEST.verify(1, getRequestedFor(urlEqualTo("/v1/events/" + OTHER_EVENT_ID)));
        INNGEST.verify(1, getRequestedFor(urlEqualTo("/v1/events/" + EVENT_ID)));
    }

    /** Trap 1: the server's cache middleware drops the status, so these errors arrive as HTTP 200. */
    @ParameterizedTest(name = "status {0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "400 | Invalid event ID: 01JWNNSVKR5DW3DMHK620M933E",
            "404 | Event not found" })
    void anErrorInTheBodyOfAnHttp200FailsWithTheBodysStatusAndIsNotRetried(int status, String error) {
        INNGEST.stubFor(get("/v1/events/" + EVENT_ID)
                .willReturn(okJson(errorJson(status, error))));

        Exchange exchange = call("inngest:getEvent?eventId=" + EVENT_ID);

        InngestApiException e = exchange.getException(InngestApiException.class);
        assertThat(e).isNotNull();
        assertThat(e.getOperation()).isEqualTo("getEvent");
        assertThat(e.getHttpStatus()).isEqualTo(200);
        assertThat(e.getStatus()).isEqualTo(status);
        assertThat(e.getError()).isEqualTo(error);
        assertThat(e.isRetryable()).isFalse();
        assertThat(e.getMessage()).contains("getEvent failed", "status " + status, error);
        INNGEST.verify(1, getRequestedFor(urlEqualTo("/v1/events/" + EVENT_ID)));
    }

    /**
     * A cache hit repeats the body byte for byte, without Cache-Control and without an explicit Content-Type (Go then
     * sniffs text/plain). It must read exactly like the fresh response.
     */
    @ParameterizedTest(name = "cache hit with Content-Type {0}")
    @NullSource
    @ValueSource(strings = "text/plain; charset=utf-8")
    void aCacheHitWithoutAJsonContentTypeReadsLikeTheFreshResponse(String cacheHitContentType) {
        ResponseDefinitionBuilder cacheHit = aResponse().withBody(DEV_SERVER_EVENT);
        if (cacheHitContentType != null) {
            cacheHit.withHeader("Content-Type", cacheHitContentType);
        }
        INNGEST.stubFor(get("/v1/events/" + EVENT_ID).inScenario("cache").whenScenarioStateIs(Scenario.STARTED)
                .willSetStateTo("cached")
                .willReturn(aResponse().withHeader("Content-Type", "application/json")
                        .withHeader("Cache-Control", "private, max-age=5").withBody(DEV_SERVER_EVENT)));
        INNGEST.stubFor(get("/v1/events/" + EVENT_ID).inScenario("cache").whenScenarioStateIs("cached")
                .willReturn(cacheHit));

        Exchange fresh = call("inngest:getEvent?eventId=" + EVENT_ID);
        Exchange cached = call("inngest:getEvent?eventId=" + EVENT_ID);

        assertThat(fresh.getException()).isNull();
        assertThat(cached.getException()).isNull();
        InngestEvent event = cached.getMessage().getBody(InngestEvent.class);
        assertThat(event).isEqualTo(fresh.getMessage().getBody(InngestEvent.class));
        assertThat(event.internalId()).isEqualTo(EVENT_ID);
        assertThat(event.source()).isEmpty();
        assertThat(event.sourceId()).isNull();
        assertThat(event.user()).isNull();
        assertThat(event.v()).isNull();
        assertThat(event.receivedAt()).isEqualTo(OffsetDateTime.of(2025, 6, 1, 14, 0, 0, 131_000_000, ZoneOffset.ofHours(2)));
        assertThat(event.data()).isEqualTo(Map.of("orderId", 1234));
        INNGEST.verify(2, getRequestedFor(urlEqualTo("/v1/events/" + EVENT_ID)));
    }

    @Test
    void aMissingEventIdFailsBeforeAnyHttpCallNamingHeaderAndOption() {
        Exchange exchange = call("inngest:getEvent");

        assertThat(exchange.getException()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("CamelInngestEventId").hasMessageContaining("option eventId");
        assertThat(INNGEST.getAllServeEvents()).isEmpty();
    }

    /** The sender's own {@code id} is not queryable: only the internal ULID is. */
    @Test
    void theSendersOwnIdIsRejectedBeforeAnyHttpCall() {
        Exchange exchange = call("inngest:getEvent", null, Map.of(InngestConstants.EVENT_ID, "order-1234-created"));

        assertThat(exchange.getException()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("CamelInngestEventId").hasMessageContaining("eventId")
                .hasMessageContaining("ULID").hasMessageContaining("order-1234-created");
        INNGEST.verify(0, anyRequestedFor(anyUrl()));
    }
}
