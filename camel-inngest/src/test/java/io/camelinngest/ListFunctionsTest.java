package io.camelinngest;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.camelinngest.client.InngestApiException;
import io.camelinngest.model.AppFunction;
import io.camelinngest.model.InngestFunction;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.camelinngest.ContractFixtures.errorJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * {@code inngest:listFunctions}: with an app ID, v1 {@code GET /v1/apps/{appId}/functions} (contract section 8);
 * without, every app's functions through v2 {@code GET /v2/apps} and {@code GET /v2/apps/{appId}/functions}, all pages.
 */
class ListFunctionsTest extends InngestTestSupport {

    private static final String V1_FUNCTIONS = """
            [{"internal_id":"3f6a1c52-8d0b-5e1f-9a7c-2b4d6e8f0a1c","env_id":"00000000-0000-0000-0000-000000000000",
              "app_id":"0c9d8e7f-6a5b-5c4d-8e3f-2a1b0c9d8e7f","id":"my-app-ship-order","name":"Ship order",
              "config":{"id":"3f6a1c52-8d0b-5e1f-9a7c-2b4d6e8f0a1c","fv":3,"name":"Ship order","slug":"my-app-ship-order",
                "triggers":[{"event":"shop/order.created"}],
                "steps":[{"id":"step","name":"Ship order",
                          "uri":"http://localhost:3000/api/inngest?fnId=my-app-ship-order&stepId=step"}]},
              "created_at":"2025-05-30T09:12:44.5Z","archived_at":"0001-01-01T00:00:00Z"},
             {"internal_id":"7d1e2f30-4a5b-5c6d-9e8f-0a1b2c3d4e5f","env_id":"00000000-0000-0000-0000-000000000000",
              "app_id":"0c9d8e7f-6a5b-5c4d-8e3f-2a1b0c9d8e7f","id":"my-app-nightly-report","name":"Nightly report",
              "config":{"id":"7d1e2f30-4a5b-5c6d-9e8f-0a1b2c3d4e5f","name":"Nightly report","slug":"my-app-nightly-report",
                "triggers":[{"cron":"0 2 * * *"}]},
              "created_at":"2025-05-31T10:00:00Z","archived_at":"0001-01-01T00:00:00Z"}]""";

    private static final String CURSOR_APPS = "22222222-2222-2222-2222-222222222222";
    private static final String CURSOR_FUNCTIONS = "33333333-3333-3333-3333-333333333333";

    // ---------------------------------------------------------------------------------------------------------
    // one app: v1

    @Test
    void listsTheFunctionsOfOneAppFromTheBareV1Array() {
        INNGEST.stubFor(get("/v1/apps/my-app/functions").willReturn(okJson(V1_FUNCTIONS)));

        Exchange exchange = call("inngest:listFunctions?appId=my-app");

        assertThat(exchange.getException()).isNull();
        List<InngestFunction> functions = exchange.getMessage().getBody(List.class);
        assertThat(functions).hasSize(2).hasOnlyElementsOfType(InngestFunction.class);
        InngestFunction ship = functions.get(0);
        assertThat(ship.internalId()).isEqualTo("3f6a1c52-8d0b-5e1f-9a7c-2b4d6e8f0a1c");
        assertThat(ship.envId()).isEqualTo("00000000-0000-0000-0000-000000000000");
        assertThat(ship.appId()).isEqualTo("0c9d8e7f-6a5b-5c4d-8e3f-2a1b0c9d8e7f");
        assertThat(ship.id()).isEqualTo("my-app-ship-order");
        assertThat(ship.name()).isEqualTo("Ship order");
        assertThat(ship.createdAt()).isEqualTo(OffsetDateTime.of(2025, 5, 30, 9, 12, 44, 500_000_000, ZoneOffset.UTC));
        // Go's zero time: the function is active
        assertThat(ship.archivedAt()).isEqualTo(OffsetDateTime.of(1, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC));
        assertThat(ship.config()).containsEntry("slug", "my-app-ship-order").containsEntry("fv", 3)
                .containsEntry("triggers", List.of(Map.of("event", "shop/order.created")))
                .containsEntry("steps", List.of(Map.of("id", "step", "name", "Ship order",
                        "uri", "http://localhost:3000/api/inngest?fnId=my-app-ship-order&stepId=step")));
        assertThat(functions.get(1).id()).isEqualTo("my-app-nightly-report");
        assertThat(functions.get(1).config()).containsEntry("triggers", List.of(Map.of("cron", "0 2 * * *")));
        INNGEST.verify(1, getRequestedFor(urlEqualTo("/v1/apps/my-app/functions"))
                .withHeader("Authorization", equalTo(HASHED_BEARER))
                .withHeader("Accept", equalTo("application/json")));
        assertThat(INNGEST.getAllServeEvents()).hasSize(1);
    }

    @Test
    void theAppIdHeaderWinsOverTheAppIdOption() {
        INNGEST.stubFor(get("/v1/apps/other-app/functions").willReturn(okJson(V1_FUNCTIONS)));

        Exchange exchange = call("inngest:listFunctions?appId=my-app", null, Map.of(InngestConstants.APP_ID, "other-app"));

        assertThat(exchange.getException()).isNull();
        assertThat(exchange.getMessage().getBody(List.class)).hasSize(2);
        INNGEST.verify(1, getRequestedFor(urlEqualTo("/v1/apps/other-app/functions")));
        assertThat(INNGEST.getAllServeEvents()).hasSize(1);
    }

    @Test
    void anUnknownAppHasNoFunctions() {
        INNGEST.stubFor(get("/v1/apps/no-such-app/functions").willReturn(okJson("[]")));

        Exchange exchange = call("inngest:listFunctions", null, Map.of(InngestConstants.APP_ID, "no-such-app"));

        assertThat(exchange.getException()).isNull();
        assertThat(exchange.getMessage().getBody(List.class)).isEmpty();
        INNGEST.verify(1, getRequestedFor(urlEqualTo("/v1/apps/no-such-app/functions")));
    }

    /** The handler reports every failure as "No auth found", 401 in the body of an HTTP 200 (trap 1). */
    @Test
    void noAuthFoundInTheBodyOfAnHttp200IsAnError() {
        INNGEST.stubFor(get("/v1/apps/my-app/functions")
                .willReturn(okJson(errorJson(401, "No auth found"))));

        Exchange exchange = call("inngest:listFunctions?appId=my-app");

        InngestApiException e = exchange.getException(InngestApiException.class);
        assertThat(e).isNotNull();
        assertThat(e.getOperation()).isEqualTo("listFunctions");
        assertThat(e.getHttpStatus()).isEqualTo(200);
        assertThat(e.getStatus()).isEqualTo(401);
        assertThat(e.getError()).isEqualTo("No auth found");
        assertThat(e.isRetryable()).isFalse();
        assertThat(e.getMessage()).contains("listFunctions failed", "status 401", "No auth found");
        INNGEST.verify(1, getRequestedFor(urlEqualTo("/v1/apps/my-app/functions")));
    }

    // ---------------------------------------------------------------------------------------------------------
    // every app: v2

    @Test
    void withoutAnAppIdListsTheFunctionsOfEveryAppFollowingEveryPage() {
        stubV2("/v2/apps", null, okJson("""
                {"data":[{"id":"my-app","name":"my-app","method":"SERVE","appVersion":"1.2.3",
                  "createdAt":"2026-06-01T12:00:00Z","functionCount":3,
                  "latestSync":{"status":"success","syncedAt":"2026-06-01T12:00:00Z","sdkLanguage":"typescript"}},
                 {"id":"empty-app","name":"empty-app","method":"CONNECT"}],
                 "metadata":{"fetchedAt":"2026-06-02T09:30:00.123456Z"},
                 "page":{"cursor":"22222222-2222-2222-2222-222222222222","hasMore":true,"limit":100}}"""));
        stubV2("/v2/apps", CURSOR_APPS, okJson("""
                {"data":[{"id":"billing","name":"billing","method":"API","functionCount":1}],
                 "metadata":{"fetchedAt":"2026-06-02T09:30:00.2Z"},"page":{"limit":100}}"""));
        stubV2("/v2/apps/my-app/functions", null, okJson("""
                {"data":[{"id":"first-fn","name":"First function","slug":"first-fn","app":{"id":"my-app"},
                  "triggers":[{"type":"EVENT","value":"user.created","if":"event.data.user_id != nil"},
                              {"type":"CRON","value":"0 * * * *"}],
                  "configuration":{"retries":{"value":3,"isDefault":true},
                    "concurrency":[{"scope":"FUNCTION","limit":{"value":3},"key":"event.data.user_id"}]}},
                 {"id":"second-fn","name":"Second function","slug":"second-fn","isPaused":true,"app":{"id":"my-app"},
                  "configuration":{"retries":{"value":3,"isDefault":true}}}],
                 "metadata":{"fetchedAt":"2026-06-02T09:30:00Z"},
                 "page":{"cursor":"33333333-3333-3333-3333-333333333333","hasMore":true,"limit":100}}"""));
        stubV2("/v2/apps/my-app/functions", CURSOR_FUNCTIONS, okJson("""
                {"data":[{"id":"third-fn","name":"Third function","slug":"third-fn","isArchived":true,"app":{"id":"my-app"},
                  "triggers":[{"type":"EVENT","value":"user.deleted"}],"configuration":{"retries":{"value":0}}}],
                 "metadata":{"fetchedAt":"2026-06-02T09:30:01Z"},"page":{"limit":100}}"""));
        // zero values are omitted by the v2 API: an app without functions has no "data" key
        stubV2("/v2/apps/empty-app/functions", null, okJson("""
                {"metadata":{"fetchedAt":"2026-06-02T09:30:01Z"},"page":{"limit":100}}"""));
        stubV2("/v2/apps/billing/functions", null, okJson("""
                {"data":[{"id":"charge","name":"Charge","slug":"charge","app":{"id":"billing"},
                  "triggers":[{"type":"EVENT","value":"billing/invoice.due"}]}],
                 "metadata":{"fetchedAt":"2026-06-02T09:30:02Z"},"page":{"limit":100}}"""));

        Exchange exchange = call("inngest:listFunctions");

        assertThat(exchange.getException()).isNull();
        List<AppFunction> functions = exchange.getMessage().getBody(List.class);
        assertThat(functions).hasOnlyElementsOfType(AppFunction.class);
        assertThat(functions).extracting(AppFunction::slug)
                .containsExactly("my-app-first-fn", "my-app-second-fn", "my-app-third-fn", "billing-charge");
        assertThat(functions.get(0)).isEqualTo(new AppFunction(
                "my-app", "first-fn", "First function", false, false,
                List.of(Map.of("type", "EVENT", "value", "user.created", "if", "event.data.user_id != nil"),
                        Map.of("type", "CRON", "value", "0 * * * *")),
                Map.of("retries", Map.of("value", 3, "isDefault", true),
                        "concurrency", List.of(Map.of("scope", "FUNCTION", "limit", Map.of("value", 3),
                                "key", "event.data.user_id")))));
        AppFunction second = functions.get(1);
        assertThat(second.paused()).isTrue();
        assertThat(second.archived()).isFalse();
        assertThat(second.triggers()).isEmpty();
        assertThat(functions.get(2).archived()).isTrue();
        assertThat(functions.get(2).paused()).isFalse();
        AppFunction charge = functions.get(3);
        assertThat(charge.appId()).isEqualTo("billing");
        assertThat(charge.name()).isEqualTo("Charge");
        assertThat(charge.configuration()).isEmpty();

        // each page asked once, in order, with the signing key; v1 never used
        assertThat(INNGEST.getAllServeEvents()).hasSize(6);
        for (String url : List.of("/v2/apps?limit=100", "/v2/apps?limit=100&cursor=" + CURSOR_APPS,
                "/v2/apps/my-app/functions?limit=100", "/v2/apps/my-app/functions?limit=100&cursor=" + CURSOR_FUNCTIONS,
                "/v2/apps/empty-app/functions?limit=100", "/v2/apps/billing/functions?limit=100")) {
            INNGEST.verify(1, getRequestedFor(urlEqualTo(url))
                    .withHeader("Authorization", equalTo(HASHED_BEARER))
                    .withHeader("Accept", equalTo("application/json")));
        }
        INNGEST.verify(0, getRequestedFor(urlPathMatching("/v1/.*")));
    }

    @Test
    void anEnvironmentWithoutAppsHasNoFunctions() {
        // zero values are omitted: an empty list has no "data" key at all
        stubV2("/v2/apps", null, okJson("{\"metadata\":{\"fetchedAt\":\"2026-06-02T09:30:00Z\"},\"page\":{\"limit\":100}}"));

        Exchange exchange = call("inngest:listFunctions");

        assertThat(exchange.getException()).isNull();
        assertThat(exchange.getMessage().getBody(List.class)).isEmpty();
        INNGEST.verify(1, getRequestedFor(urlEqualTo("/v2/apps?limit=100")));
        assertThat(INNGEST.getAllServeEvents()).hasSize(1);
    }

    @Test
    void aV2RateLimitIsRetriedAndTheListingCarriesOn() {
        INNGEST.stubFor(get(urlPathEqualTo("/v2/apps")).inScenario("limited").whenScenarioStateIs(Scenario.STARTED)
                .willSetStateTo("free").willReturn(rateLimited()));
        INNGEST.stubFor(get(urlPathEqualTo("/v2/apps")).inScenario("limited").whenScenarioStateIs("free")
                .willReturn(okJson("""
                        {"data":[{"id":"billing","name":"billing","method":"API","functionCount":1}],
                         "metadata":{"fetchedAt":"2026-06-02T09:30:00Z"},"page":{"limit":100}}""")));
        stubV2("/v2/apps/billing/functions", null, okJson("""
                {"data":[{"id":"charge","name":"Charge","slug":"charge","app":{"id":"billing"}}],
                 "metadata":{"fetchedAt":"2026-06-02T09:30:02Z"},"page":{"limit":100}}"""));

        Exchange exchange = call("inngest:listFunctions");

        assertThat(exchange.getException()).isNull();
        List<AppFunction> functions = exchange.getMessage().getBody(List.class);
        assertThat(functions).extracting(AppFunction::appId, AppFunction::id, AppFunction::name)
                .containsExactly(tuple("billing", "charge", "Charge"));
        INNGEST.verify(2, getRequestedFor(urlEqualTo("/v2/apps?limit=100")));
        INNGEST.verify(1, getRequestedFor(urlEqualTo("/v2/apps/billing/functions?limit=100")));
    }

    @Test
    void aRateLimitThatDoesNotLiftFailsWithItsCodeAfterTheRetries() {
        INNGEST.stubFor(get(urlPathEqualTo("/v2/apps")).willReturn(rateLimited()));

        Exchange exchange = call("inngest:listFunctions?maxRetries=1");

        InngestApiException e = exchange.getException(InngestApiException.class);
        assertThat(e).isNotNull();
        assertThat(e.getOperation()).isEqualTo("listFunctions");
        assertThat(e.getHttpStatus()).isEqualTo(429);
        assertThat(e.getStatus()).isEqualTo(429);
        assertThat(e.getErrorCode()).isEqualTo("rate_limited");
        assertThat(e.getError()).isEqualTo("API rate limit exceeded. The request was rejected and no apps were fetched.");
        assertThat(e.isRetryable()).isTrue();
        assertThat(e.getMessage()).contains("listFunctions failed", "429", "rate_limited");
        INNGEST.verify(2, getRequestedFor(urlEqualTo("/v2/apps?limit=100")));
    }

    private static ResponseDefinitionBuilder rateLimited() {
        return aResponse().withStatus(429).withHeader("Content-Type", "application/json").withBody("""
                {"errors":[{"code":"rate_limited",
                  "message":"API rate limit exceeded. The request was rejected and no apps were fetched."}]}""");
    }

    /** A v2 page: {@code limit=100} always, {@code cursor} exactly as the previous page gave it (or absent). */
    private static void stubV2(String path, String cursor, ResponseDefinitionBuilder response) {
        INNGEST.stubFor(get(urlPathEqualTo(path))
                .withQueryParam("limit", equalTo("100"))
                .withQueryParam("cursor", cursor == null ? absent() : equalTo(cursor))
                .willReturn(response));
    }
}
