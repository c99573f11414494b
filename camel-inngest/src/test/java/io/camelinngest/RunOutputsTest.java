package io.camelinngest;

import java.util.List;
import java.util.Map;

import io.camelinngest.client.InngestApiException;
import io.camelinngest.model.FunctionRun;
import io.camelinngest.model.RunStatus;
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
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static io.camelinngest.ContractFixtures.DEV_SERVER_UI;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs are read through v2, the only API that has a completed run's output (v1 answers {@code "output": ""}); the
 * bodies here are the Dev Server's own answers (fixtures getRun-v2-*, v2-eventRuns, getRun-completed).
 */
class RunOutputsTest extends InngestTestSupport {

    static final String RUN = "01M8T01D08W9PB4VKVN3ZRQNA0";
    static final String EVENT = "01M8T01CRQBAE70CEHRSZEG1VK";
    static final String V2_COMPLETED
            = """
                    {"data":{"app":{"id":"test-app"},"durationMs":"89","endedAt":"2026-12-01T23:46:31.190Z","function":{"id":"ship-order",\
                    "name":"ship-order"},"id":"01M8T01D08W9PB4VKVN3ZRQNA0","output":{"shipped":true,"tracking":"TRK-42"},\
                    "queuedAt":"2026-12-01T23:46:31.048Z","startedAt":"2026-12-01T23:46:31.101Z","status":"COMPLETED",\
                    "trigger":{"eventIds":["01M8T01CRQBAE70CEHRSZEG1VK"]}},"metadata":{"fetchedAt":"2026-12-01T23:46:35.261921741Z"}}""";
    static final String V2_EVENT_RUNS = """
            {"data":[{"app":{"id":"test-app"},"durationMs":"138","endedAt":"2026-12-01T23:46:31.190244248Z","function":\
            {"id":"ship-order","name":"ship-order"},"id":"01M8T01D08W9PB4VKVN3ZRQNA0","output":{"shipped":true,\
            "tracking":"TRK-42"},"queuedAt":"2026-12-01T23:46:31.048Z","startedAt":"2026-12-01T23:46:31.051795717Z",\
            "status":"COMPLETED","trigger":{"eventIds":["01M8T01CRQBAE70CEHRSZEG1VK"]}}],"metadata":{"fetchedAt":\
            "2026-12-01T23:46:35.244012744Z"},"page":{"limit":20}}""";
    static final String V1_COMPLETED
            = """
                    {"data":{"run_id":"01M8T01D08W9PB4VKVN3ZRQNA0","run_started_at":"2026-12-01T23:46:31.048Z","function_id":\
                    "60f08b07-d0fc-58d2-a1c7-739c0e8d10f1","function_version":0,"environment_id":"00000000-0000-4000-b000-000000000000",\
                    "event_id":"01M8T01CRQBAE70CEHRSZEG1VK","status":"Completed","ended_at":"2026-12-01T23:46:31.191629466Z",\
                    "output":""},"metadata":{"fetched_at":"2026-12-01T23:46:35.229273046Z","cached_until":"2026-12-01T23:46:38.229273371Z"}}""";
    static final String V2_NOT_FOUND = "{\"errors\":[{\"code\":\"not_found\",\"message\":\"Run not found\"}]}";

    @Test
    void getRunCarriesTheOutputFromV2WithTheModelsStatusNames() {
        INNGEST.stubFor(get(urlPathEqualTo("/v2/runs/" + RUN)).willReturn(okJson(V2_COMPLETED)));

        Exchange exchange = call("inngest:getRun?runId=" + RUN);

        FunctionRun run = exchange.getMessage().getBody(FunctionRun.class);
        assertThat(run.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(run.output()).isEqualTo(Map.of("shipped", true, "tracking", "TRK-42"));
        assertThat(run.appId()).isEqualTo("test-app");
        assertThat(run.functionId()).isEqualTo("ship-order");
        assertThat(run.eventId()).isEqualTo(EVENT);
        assertThat(run.endedAt()).hasToString("2026-12-01T23:46:31.190Z");
        // written as JSON with the v1 API's names and spellings
        assertThat(exchange.getMessage().getBody(String.class)).contains("\"status\":\"Completed\"",
                "\"run_id\":\"" + RUN + "\"",
                "\"output\":{\"shipped\":true,\"tracking\":\"TRK-42\"}");
        INNGEST.verify(1, getRequestedFor(urlEqualTo("/v2/runs/" + RUN + "?includeOutput=true"))
                .withHeader("Authorization", equalTo(HASHED_BEARER)));
        INNGEST.verify(0, getRequestedFor(urlPathMatching("/v1/.*")));
    }

    @Test
    void aRunV2CallsCompletedBeforeItsEndTimeAndOutputAreStoredHasNotEndedYet() {
        // seen live: for up to a few hundred ms the Dev Server answers COMPLETED without endedAt and without output
        String early = V2_COMPLETED.replace("\"endedAt\":\"2026-12-01T23:46:31.190Z\",", "")
                .replace("\"output\":{\"shipped\":true,\"tracking\":\"TRK-42\"},", "");
        INNGEST.stubFor(get(urlPathEqualTo("/v2/runs/" + RUN)).inScenario("ending").whenScenarioStateIs(STARTED)
                .willReturn(okJson(early)).willSetStateTo("still early"));
        // the awaiting read sees the early answer first too, and asks again
        INNGEST.stubFor(get(urlPathEqualTo("/v2/runs/" + RUN)).inScenario("ending").whenScenarioStateIs("still early")
                .willReturn(okJson(early)).willSetStateTo("stored"));
        INNGEST.stubFor(get(urlPathEqualTo("/v2/runs/" + RUN)).inScenario("ending").whenScenarioStateIs("stored")
                .willReturn(okJson(V2_COMPLETED)));

        FunctionRun first = call("inngest:getRun?runId=" + RUN).getMessage().getBody(FunctionRun.class);
        FunctionRun awaited
                = call("inngest:getRun?runId=" + RUN + "&awaitTerminal=true").getMessage().getBody(FunctionRun.class);

        assertThat(first.status()).isEqualTo(RunStatus.RUNNING);
        assertThat(first.isEnded()).isFalse();
        assertThat(awaited.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(awaited.output()).isEqualTo(Map.of("shipped", true, "tracking", "TRK-42"));
        INNGEST.verify(3, getRequestedFor(urlPathEqualTo("/v2/runs/" + RUN)));
    }

    @Test
    void listEventRunsCarriesTheOutputsFromV2() {
        INNGEST.stubFor(get(urlPathEqualTo("/v2/events/" + EVENT + "/runs")).willReturn(okJson(V2_EVENT_RUNS)));

        Exchange exchange = call("inngest:listEventRuns?eventId=" + EVENT);

        List<?> runs = exchange.getMessage().getBody(List.class);
        assertThat(runs).hasSize(1);
        FunctionRun run = (FunctionRun) runs.get(0);
        assertThat(run.runId()).isEqualTo(RUN);
        assertThat(run.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(run.output()).isEqualTo(Map.of("shipped", true, "tracking", "TRK-42"));
        INNGEST.verify(1, getRequestedFor(urlEqualTo("/v2/events/" + EVENT + "/runs?includeOutput=true&limit=40")));
    }

    @Test
    void listEventRunsFollowsTheV2PagesOfAnEventWithManyRuns() {
        // the server pages an event's runs (40 at most a page), with page.cursor while page.hasMore (checked live)
        String second = "01M8T9C5QGKT10ZNFE74NWCTGW";
        INNGEST.stubFor(get(urlPathEqualTo("/v2/events/" + EVENT + "/runs")).withQueryParam("cursor", absent())
                .willReturn(okJson(V2_EVENT_RUNS.replace("\"page\":{\"limit\":20}",
                        "\"page\":{\"cursor\":\"eyJpZCI6MX0=\",\"hasMore\":true,\"limit\":40}"))));
        INNGEST.stubFor(get(urlPathEqualTo("/v2/events/" + EVENT + "/runs")).withQueryParam("cursor", equalTo("eyJpZCI6MX0="))
                .willReturn(okJson(V2_EVENT_RUNS.replace(RUN, second))));

        List<?> runs = call("inngest:listEventRuns?eventId=" + EVENT).getMessage().getBody(List.class);

        assertThat(runs).extracting(run -> ((FunctionRun) run).runId()).containsExactly(RUN, second);
        INNGEST.verify(2,
                getRequestedFor(urlPathEqualTo("/v2/events/" + EVENT + "/runs")).withQueryParam("limit", equalTo("40")));
    }

    @Test
    void anUnknownRunIsNotFoundNotAServerFaultAndIsNotRetried() {
        INNGEST.stubFor(get(urlPathEqualTo("/v2/runs/01ZZZZZZZZZZZZZZZZZZZZZZZZ")).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json").withBody(V2_NOT_FOUND)));

        Exchange exchange = call("inngest:getRun?runId=01ZZZZZZZZZZZZZZZZZZZZZZZZ");

        InngestApiException e = exchange.getException(InngestApiException.class);
        assertThat(e).isNotNull();
        assertThat(e.getStatus()).isEqualTo(404);
        assertThat(e.getErrorCode()).isEqualTo("not_found");
        assertThat(e.isRetryable()).isFalse();
        assertThat(e.getMessage()).startsWith("getRun failed: run 01ZZZZZZZZZZZZZZZZZZZZZZZZ not found, or not visible yet")
                .contains("Run not found");
        INNGEST.verify(1, getRequestedFor(urlPathMatching("/v2/runs/.*")));
        INNGEST.verify(0, getRequestedFor(urlPathMatching("/v1/.*")));
    }

    @Test
    void withoutV2RunsAreReadThroughV1WhichHasNoOutputForACompletedRun() {
        // a server without v2 answers its paths with the UI page, as the Dev Server does for any unknown path
        INNGEST.stubFor(get(urlPathMatching("/v2/.*")).willReturn(aResponse().withHeader("Content-Type", "text/html")
                .withBody(DEV_SERVER_UI)));
        INNGEST.stubFor(get("/v1/runs/" + RUN).willReturn(okJson(V1_COMPLETED)));

        FunctionRun first = call("inngest:getRun?runId=" + RUN).getMessage().getBody(FunctionRun.class);
        FunctionRun second = call("inngest:getRun?runId=" + RUN).getMessage().getBody(FunctionRun.class);

        assertThat(first.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(first.functionId()).isEqualTo("60f08b07-d0fc-58d2-a1c7-739c0e8d10f1");
        // v1's "" is no output: the body says it has none rather than an empty string
        assertThat(first.output()).isNull();
        assertThat(second.runId()).isEqualTo(RUN);
        // v2 is asked once; after that the client knows this server has none
        INNGEST.verify(1, getRequestedFor(urlPathMatching("/v2/.*")));
        INNGEST.verify(2, getRequestedFor(urlEqualTo("/v1/runs/" + RUN)));
    }

    @Test
    void withoutV2AnUnknownRunIsStillNotFound() {
        INNGEST.stubFor(get(urlPathMatching("/v2/.*")).willReturn(aResponse().withStatus(404).withBody("404 page not found")));
        INNGEST.stubFor(get("/v1/runs/01ZZZZZZZZZZZZZZZZZZZZZZZZ").willReturn(okJson(
                "{\"error\":\"Unable to load function run: 01ZZZZZZZZZZZZZZZZZZZZZZZZ\",\"data\":null,\"status\":500}")));

        InngestApiException e = call("inngest:getRun?runId=01ZZZZZZZZZZZZZZZZZZZZZZZZ")
                .getException(InngestApiException.class);

        assertThat(e.getStatus()).isEqualTo(404);
        assertThat(e.isRetryable()).isFalse();
        assertThat(e.getMessage()).contains("run 01ZZZZZZZZZZZZZZZZZZZZZZZZ not found", "Unable to load function run");
        INNGEST.verify(1, getRequestedFor(urlEqualTo("/v1/runs/01ZZZZZZZZZZZZZZZZZZZZZZZZ")));
    }

    @Test
    void aRejectedSigningKeyOnV2IsAnErrorNotAMissingV2() {
        INNGEST.stubFor(
                get(urlPathMatching("/v2/.*")).willReturn(aResponse().withStatus(401).withBody("Authentication failed\n")));
        INNGEST.stubFor(get("/v1/runs/" + RUN).willReturn(okJson(V1_COMPLETED)));

        InngestApiException e = call("inngest:getRun?runId=" + RUN).getException(InngestApiException.class);

        assertThat(e).isNotNull();
        assertThat(e.getStatus()).isEqualTo(401);
        INNGEST.verify(0, getRequestedFor(urlPathMatching("/v1/.*")));
    }
}
