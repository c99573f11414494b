package io.camelinngest;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.camelinngest.client.InngestApiException;
import io.camelinngest.model.InngestEvent;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.camelinngest.ContractFixtures.EVENTS_JSON;
import static io.camelinngest.ContractFixtures.EVENT_ID;
import static io.camelinngest.ContractFixtures.errorJson;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code inngest:listEvents}: {@code GET /v1/events} with {@code received_after} always sent, the query built from
 * headers and endpoint options, the page parsed into {@link InngestEvent}s, the next cursor in a header, and the
 * 200-with-an-error-body trap.
 */
class ListEventsTest extends InngestTestSupport {

    private static final String PATH = "/v1/events";
    /** The newest and the older event of {@link ContractFixtures#EVENTS_JSON}. */
    private static final String NEWEST = "01JWNNSVY2QJKQF8V4PP8H0ESP";
    private static final String OLDER = EVENT_ID;

    /** A page of {@code size} events with distinct internal IDs, newest first; the last one is {@link #lastId}. */
    private static String page(int size) {
        List<String> events = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            String id = id(size - 1 - i);
            events.add("{\"internal_id\":\"" + id + "\",\"account_id\":\"00000000-0000-0000-0000-000000000000\","
                       + "\"environment_id\":\"00000000-0000-0000-0000-000000000000\",\"source\":\"\",\"source_id\":null,"
                       + "\"received_at\":\"2025-06-01T12:00:00Z\",\"id\":\"" + id + "\",\"name\":\"a/b\","
                       + "\"data\":{\"i\":" + i + "},\"ts\":1748779200000}");
        }
        return "{\"data\":[" + String.join(",", events) + "],\"metadata\":{\"fetched_at\":\"2025-06-01T12:00:05Z\"}}";
    }

    /** The ULID of the n-th oldest event of {@link #page}: the oldest (last) one is {@code id(0)}. */
    private static String id(int n) {
        return String.format("01JWNNSVKR5DW3DMHK620M%04d", n);
    }

    private static LoggedRequest onlyRequest() {
        assertThat(INNGEST.getAllServeEvents()).hasSize(1);
        return INNGEST.getAllServeEvents().get(0).getRequest();
    }

    @Test
    void readsAPageIntoEventsWithEveryField() {
        INNGEST.stubFor(get(urlPathEqualTo(PATH)).willReturn(okJson(EVENTS_JSON)));

        Exchange exchange = call("inngest:listEvents");

        assertThat(exchange.getException()).isNull();
        List<?> body = exchange.getMessage().getBody(List.class);
        assertThat(body).hasSize(2).allMatch(InngestEvent.class::isInstance);
        InngestEvent first = (InngestEvent) body.get(0);
        assertThat(first).isEqualTo(new InngestEvent(
                NEWEST, "5b2c9e3a-7a1d-4c0e-9f21-3c4d5e6f7a8b",
                "c1a2b3c4-d5e6-4f70-8a9b-0c1d2e3f4a5b", "key", "9e8d7c6b-5a49-4382-b716-0a1b2c3d4e5f",
                OffsetDateTime.of(2025, 6, 1, 12, 0, 0, 131_000_000, ZoneOffset.UTC), "order-1234-created",
                "shop/order.created", Map.of("orderId", 1234, "total", 49.99), Map.of("id", "usr_456"), 1748779200120L,
                "2025-01-01.1"));
        InngestEvent second = (InngestEvent) body.get(1);
        assertThat(second.internalId()).isEqualTo(OLDER);
        assertThat(second.source()).isEmpty();
        assertThat(second.sourceId()).isNull();
        assertThat(second.receivedAt())
                .isEqualTo(OffsetDateTime.of(2025, 6, 1, 13, 59, 59, 123_456_000, ZoneOffset.ofHours(2)));
        assertThat(second.receivedAt().toInstant()).isEqualTo(Instant.parse("2025-06-01T11:59:59.123456Z"));
        assertThat(second.user()).isNull();
        assertThat(second.v()).isNull();
        assertThat(second.data()).isEqualTo(Map.of("orderId", 1234));
        assertThat(second.ts()).isEqualTo(1748779199100L);
        // 2 events, fewer than the server's default page size of 20: the last page
        assertThat(exchange.getMessage().getHeaders()).doesNotContainKey(InngestConstants.CURSOR);
        INNGEST.verify(1, getRequestedFor(urlPathEqualTo(PATH))
                .withHeader("Authorization", equalTo(HASHED_BEARER))
                .withHeader("Accept", equalTo("application/json")));
    }

    @Test
    void withoutATimeWindowReceivedAfterIsSentAsOneHourAgo() {
        INNGEST.stubFor(get(urlPathEqualTo(PATH)).willReturn(okJson(page(0))));
        Instant before = Instant.now();

        Exchange exchange = call("inngest:listEvents");

        Instant after = Instant.now();
        assertThat(exchange.getException()).isNull();
        assertThat(exchange.getMessage().getBody(List.class)).isEmpty();
        LoggedRequest request = onlyRequest();
        // the server's own default, sent explicitly; nothing else is sent
        assertThat(request.getQueryParams()).containsOnlyKeys("received_after");
        Instant receivedAfter = Instant.parse(request.queryParameter("received_after").firstValue());
        assertThat(receivedAfter).isBetween(before.minus(Duration.ofHours(1)).minusSeconds(1),
                after.minus(Duration.ofHours(1)).plusSeconds(1));
    }

    @Test
    void withOnlyReceivedBeforeReceivedAfterIsOneHourBeforeIt() {
        INNGEST.stubFor(get(urlPathEqualTo(PATH)).willReturn(okJson(page(0))));

        Exchange exchange = call("inngest:listEvents", null,
                Map.of(InngestConstants.RECEIVED_BEFORE, Instant.parse("2025-06-01T10:00:00Z")));

        assertThat(exchange.getException()).isNull();
        // without received_after the server would look at the last hour before now and find nothing this old
        INNGEST.verify(1, getRequestedFor(urlPathEqualTo(PATH))
                .withQueryParam("received_after", equalTo("2025-06-01T09:00:00Z"))
                .withQueryParam("received_before", equalTo("2025-06-01T10:00:00Z")));
        assertThat(onlyRequest().getQueryParams()).containsOnlyKeys("received_after", "received_before");
    }

    @Test
    void sendsEveryQueryParameterFromHeadersWithOffsetsAsUtcInstants() {
        INNGEST.stubFor(get(urlPathEqualTo(PATH)).willReturn(okJson(page(0))));

        Exchange exchange = call("inngest:listEvents", null, Map.of(
                InngestConstants.EVENT_NAME, "shop/order.created",
                InngestConstants.CURSOR, OLDER,
                InngestConstants.LIMIT, 51,
                InngestConstants.RECEIVED_AFTER, OffsetDateTime.of(2025, 6, 1, 13, 0, 0, 500_000_000, ZoneOffset.ofHours(2)),
                InngestConstants.RECEIVED_BEFORE, "2025-06-01T16:30:00+02:00"));

        assertThat(exchange.getException()).isNull();
        LoggedRequest request = onlyRequest();
        assertThat(request.getQueryParams()).containsOnlyKeys("name", "cursor", "limit", "received_after", "received_before");
        INNGEST.verify(1, getRequestedFor(urlPathEqualTo(PATH))
                .withQueryParam("name", equalTo("shop/order.created"))
                .withQueryParam("cursor", equalTo(OLDER))
                .withQueryParam("limit", equalTo("51"))
                .withQueryParam("received_after", equalTo("2025-06-01T11:00:00.500Z"))
                .withQueryParam("received_before", equalTo("2025-06-01T14:30:00Z")));
        // a raw '+' in the query would reach the server as a space and fail to parse
        assertThat(request.getUrl()).doesNotContain("+").doesNotContain(" ");
    }

    @Test
    void aFullPageOfTheDefaultSizeSetsTheCursorToTheLastEventsInternalId() {
        INNGEST.stubFor(get(urlPathEqualTo(PATH)).willReturn(okJson(page(20))));

        Exchange exchange = call("inngest:listEvents");

        assertThat(exchange.getException()).isNull();
        assertThat(exchange.getMessage().getBody(List.class)).hasSize(20);
        assertThat(exchange.getMessage().getHeader(InngestConstants.CURSOR)).isEqualTo(id(0));
    }

    @Test
    void theCursorHeaderReadsTheNextPageAndIsRemovedOnTheLastPage() {
        INNGEST.stubFor(get(urlPathEqualTo(PATH)).withQueryParam("cursor", equalTo(id(5))).willReturn(okJson(page(3))));

        Exchange exchange = call("inngest:listEvents", null,
                Map.of(InngestConstants.CURSOR, id(5), InngestConstants.LIMIT, "5"));

        assertThat(exchange.getException()).isNull();
        assertThat(exchange.getMessage().getBody(List.class)).hasSize(3);
        assertThat(exchange.getMessage().getHeaders()).doesNotContainKey(InngestConstants.CURSOR);
        INNGEST.verify(1, getRequestedFor(urlPathEqualTo(PATH)).withQueryParam("limit", equalTo("5")));
    }

    @Test
    void aFullPageOfTheGivenLimitSetsTheCursor() {
        INNGEST.stubFor(get(urlPathEqualTo(PATH)).willReturn(okJson(page(5))));

        Exchange exchange = call("inngest:listEvents", null, Map.of(InngestConstants.LIMIT, 5));

        assertThat(exchange.getException()).isNull();
        List<?> events = exchange.getMessage().getBody(List.class);
        assertThat(events).hasSize(5);
        assertThat(exchange.getMessage().getHeader(InngestConstants.CURSOR))
                .isEqualTo(((InngestEvent) events.get(4)).internalId()).isEqualTo(id(0));
    }

    @Test
    void anErrorInTheBodyOfAnHttp200IsAFailureAndNotRetried() {
        INNGEST.stubFor(get(urlPathEqualTo(PATH)).willReturn(okJson(errorJson(400, "Invalid cursor query parameter"))));

        Exchange exchange = call("inngest:listEvents", null, Map.of(InngestConstants.CURSOR, OLDER));

        InngestApiException e = exchange.getException(InngestApiException.class);
        assertThat(e).isNotNull();
        assertThat(e.getOperation()).isEqualTo("listEvents");
        assertThat(e.getHttpStatus()).isEqualTo(200);
        assertThat(e.getStatus()).isEqualTo(400);
        assertThat(e.getError()).isEqualTo("Invalid cursor query parameter");
        assertThat(e.isRetryable()).isFalse();
        assertThat(e.getMessage()).contains("listEvents failed", "status 400", "Invalid cursor query parameter");
        INNGEST.verify(1, getRequestedFor(urlPathEqualTo(PATH)));
    }

    @Test
    void aServerErrorInTheBodyOfAnHttp200IsRetried() {
        INNGEST.stubFor(get(urlPathEqualTo(PATH)).inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson(errorJson(500, "Unable to query events")))
                .willSetStateTo("recovered"));
        INNGEST.stubFor(get(urlPathEqualTo(PATH)).inScenario("flaky").whenScenarioStateIs("recovered")
                .willReturn(okJson(EVENTS_JSON)));

        Exchange exchange = call("inngest:listEvents");

        assertThat(exchange.getException()).isNull();
        List<?> events = exchange.getMessage().getBody(List.class);
        assertThat(events).hasSize(2);
        assertThat(((InngestEvent) events.get(0)).internalId()).isEqualTo(NEWEST);
        INNGEST.verify(2, getRequestedFor(urlPathEqualTo(PATH)));
    }

    static Stream<Arguments> badLimits() {
        return Stream.of(
                Arguments.of("inngest:listEvents", 0, "'0'"),
                Arguments.of("inngest:listEvents", 52, "'52'"),
                Arguments.of("inngest:listEvents", "abc", "'abc'"),
                Arguments.of("inngest:listEvents?limit=52", null, "'52'"));
    }

    @ParameterizedTest(name = "{0} with header {1}")
    @MethodSource("badLimits")
    void aLimitOutside1To51FailsBeforeAnyHttpCallNamingHeaderAndOption(String uri, Object header, String echoed) {
        // an option that can never work fails when the producer is created (route start); a header, per message
        Throwable failure = header == null
                ? producerFailure(uri)
                : call(uri, null, Map.of(InngestConstants.LIMIT, header)).getException();

        assertThat(failure).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("CamelInngestLimit").hasMessageContaining("option limit")
                .hasMessageContaining("1 to 51").hasMessageContaining(echoed);
        assertThat(INNGEST.getAllServeEvents()).isEmpty();
    }

    @Test
    void aCursorThatIsNotAUlidFailsBeforeAnyHttpCall() {
        Exchange exchange = call("inngest:listEvents", null, Map.of(InngestConstants.CURSOR, "page-2"));

        assertThat(exchange.getException()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("CamelInngestCursor").hasMessageContaining("option cursor")
                .hasMessageContaining("page-2");
        assertThat(INNGEST.getAllServeEvents()).isEmpty();
    }

    @Test
    void anUnparsableReceivedAfterFailsBeforeAnyHttpCallNamingHeaderAndOption() {
        Exchange fromHeader = call("inngest:listEvents", null, Map.of(InngestConstants.RECEIVED_AFTER, "yesterday"));
        Throwable fromOption = producerFailure("inngest:listEvents?receivedAfter=2025-13-01T00:00:00Z");

        assertThat(fromHeader.getException()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("CamelInngestReceivedAfter").hasMessageContaining("option receivedAfter")
                .hasMessageContaining("'yesterday'");
        assertThat(fromOption).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("CamelInngestReceivedAfter").hasMessageContaining("option receivedAfter")
                .hasMessageContaining("'2025-13-01T00:00:00Z'");
        assertThat(INNGEST.getAllServeEvents()).isEmpty();
    }

    @Test
    void aWindowThatEndsBeforeItStartsFailsBeforeAnyHttpCall() {
        Exchange exchange = call("inngest:listEvents", null, Map.of(
                InngestConstants.RECEIVED_AFTER, "2025-06-01T12:00:00Z",
                InngestConstants.RECEIVED_BEFORE, "2025-06-01T11:00:00Z"));

        assertThat(exchange.getException()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("receivedAfter").hasMessageContaining("receivedBefore");
        assertThat(INNGEST.getAllServeEvents()).isEmpty();
    }

    @Test
    void endpointOptionsAreUsedAndHeadersOverrideThem() {
        INNGEST.stubFor(get(urlPathEqualTo(PATH)).willReturn(okJson(page(0))));
        String uri = "inngest:listEvents?eventName=shop/order.created&limit=5&receivedAfter=2025-06-01T10:00:00Z";

        Exchange fromOptions = call(uri);
        Exchange fromHeaders = call(uri, null, Map.of(InngestConstants.EVENT_NAME, "shop/order.paid",
                InngestConstants.LIMIT, 7, InngestConstants.RECEIVED_AFTER, "2025-06-01T11:00:00Z"));

        assertThat(fromOptions.getException()).isNull();
        assertThat(fromHeaders.getException()).isNull();
        INNGEST.verify(1, getRequestedFor(urlPathEqualTo(PATH))
                .withQueryParam("name", equalTo("shop/order.created"))
                .withQueryParam("limit", equalTo("5"))
                .withQueryParam("received_after", equalTo("2025-06-01T10:00:00Z")));
        INNGEST.verify(1, getRequestedFor(urlPathEqualTo(PATH))
                .withQueryParam("name", equalTo("shop/order.paid"))
                .withQueryParam("limit", equalTo("7"))
                .withQueryParam("received_after", equalTo("2025-06-01T11:00:00Z")));
    }
}
