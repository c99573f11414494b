package io.camelinngest;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.camelinngest.model.FunctionRun;
import io.camelinngest.model.RunStatus;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.camelinngest.ContractFixtures.EVENT_ID;
import static io.camelinngest.ContractFixtures.errorJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** {@code inngest:listEventRuns}: {@code GET /v1/events/{internalId}/runs} (contract section 4). */
class ListEventRunsTest extends InngestTestSupport {

    private static final String PATH = "/v1/events/" + EVENT_ID + "/runs";
    private static final String FUNCTION_ID = "3f6a1c52-8d0b-5e1f-9a7c-2b4d6e8f0a1c";
    private static final String ZERO_ENV = "00000000-0000-0000-0000-000000000000";

    /** Trace-derived statuses, as the Dev Server reports them on this route. */
    private static final String RUNS = """
            {"data":[
              {"run_id":"01JWNNSWC44J3CY2ENV158DQX8","run_started_at":"2025-06-01T12:00:00.9Z",
               "function_id":"3f6a1c52-8d0b-5e1f-9a7c-2b4d6e8f0a1c","function_version":0,
               "environment_id":"00000000-0000-0000-0000-000000000000","event_id":"01JWNNSVKR5DW3DMHK620M933E",
               "status":"Running","ended_at":null},
              {"run_id":"01JWNNSWD1Q8ZKX3V0ABCDEFGH","run_started_at":"2025-06-01T12:00:01Z",
               "function_id":"3f6a1c52-8d0b-5e1f-9a7c-2b4d6e8f0a1c","function_version":0,
               "environment_id":"00000000-0000-0000-0000-000000000000","event_id":"01JWNNSVKR5DW3DMHK620M933E",
               "status":"Scheduled","ended_at":null},
              {"run_id":"01JWNNSWE2R9ZMY4W1BCDEFGHJ","run_started_at":"2025-06-01T12:00:02Z",
               "function_id":"3f6a1c52-8d0b-5e1f-9a7c-2b4d6e8f0a1c","function_version":0,
               "environment_id":"00000000-0000-0000-0000-000000000000","event_id":"01JWNNSVKR5DW3DMHK620M933E",
               "status":"Skipped","ended_at":"2025-06-01T12:00:02.5Z"},
              {"run_id":"01JWNNSWF3S0ZNZ5X2CDEFGHJK","run_started_at":"2025-06-01T12:00:03Z",
               "function_id":"3f6a1c52-8d0b-5e1f-9a7c-2b4d6e8f0a1c","function_version":0,
               "environment_id":"00000000-0000-0000-0000-000000000000","event_id":"01JWNNSVKR5DW3DMHK620M933E",
               "status":"Unknown","ended_at":null},
              {"run_id":"01JWNNSWG4T1ZPZ6Y3DEFGHJKM","run_started_at":"2025-06-01T12:00:04Z",
               "function_id":"3f6a1c52-8d0b-5e1f-9a7c-2b4d6e8f0a1c","function_version":0,
               "environment_id":"00000000-0000-0000-0000-000000000000","event_id":"01JWNNSVKR5DW3DMHK620M933E",
               "batch_id":"01JWNNSVZZ0000000000000000","status":"Completed","ended_at":"2025-06-01T14:00:05.25+02:00"}],
             "metadata":{"fetched_at":"2025-06-01T12:00:06.01Z","cached_until":"2025-06-01T12:00:21.01Z"}}""";

    @Test
    void listsTheRunsAnEventStartedWithEveryStatusTheRouteReports() {
        INNGEST.stubFor(get(PATH).willReturn(aResponse()
                .withHeader("Content-Type", "application/json")
                .withHeader("Cache-Control", "private, max-age=15")
                .withBody(RUNS)));

        Exchange exchange = call("inngest:listEventRuns", null, Map.of(InngestConstants.EVENT_ID, EVENT_ID));

        assertThat(exchange.getException()).isNull();
        List<FunctionRun> runs = exchange.getMessage().getBody(List.class);
        assertThat(runs).hasSize(5).allSatisfy(run -> {
            assertThat(run).isInstanceOf(FunctionRun.class);
            assertThat(run.functionId()).isEqualTo(FUNCTION_ID);
            assertThat(run.functionVersion()).isZero();
            assertThat(run.environmentId()).isEqualTo(ZERO_ENV);
            assertThat(run.eventId()).isEqualTo(EVENT_ID);
        });
        assertThat(runs).extracting(FunctionRun::runId, FunctionRun::status, FunctionRun::isEnded, FunctionRun::endedAt)
                .containsExactly(
                        tuple("01JWNNSWC44J3CY2ENV158DQX8", RunStatus.RUNNING, false, null),
                        tuple("01JWNNSWD1Q8ZKX3V0ABCDEFGH", RunStatus.SCHEDULED, false, null),
                        tuple("01JWNNSWE2R9ZMY4W1BCDEFGHJ", RunStatus.SKIPPED, true,
                                OffsetDateTime.of(2025, 6, 1, 12, 0, 2, 500_000_000, ZoneOffset.UTC)),
                        tuple("01JWNNSWF3S0ZNZ5X2CDEFGHJK", RunStatus.UNKNOWN, false, null),
                        tuple("01JWNNSWG4T1ZPZ6Y3DEFGHJKM", RunStatus.COMPLETED, true,
                                OffsetDateTime.of(2025, 6, 1, 14, 0, 5, 250_000_000, ZoneOffset.ofHours(2))));
        assertThat(runs.get(0).runStartedAt()).isEqualTo(OffsetDateTime.of(2025, 6, 1, 12, 0, 0, 900_000_000, ZoneOffset.UTC));
        assertThat(runs.get(0).output()).isNull();
        assertThat(runs.get(4).batchId()).isEqualTo("01JWNNSVZZ0000000000000000");
        INNGEST.verify(1, getRequestedFor(urlEqualTo(PATH))
                .withHeader("Authorization", equalTo(HASHED_BEARER))
                .withHeader("Accept", equalTo("application/json")));
    }

    @Test
    void theRunsReadAsJsonWithTheServersStatusNames() {
        INNGEST.stubFor(get(PATH).willReturn(okJson(RUNS)));

        Exchange exchange = call("inngest:listEventRuns?eventId=" + EVENT_ID);

        String json = exchange.getMessage().getBody(String.class);
        assertThat(json).startsWith("[{\"run_id\":\"01JWNNSWC44J3CY2ENV158DQX8\"")
                .contains("\"status\":\"Running\"", "\"status\":\"Scheduled\"", "\"status\":\"Skipped\"",
                        "\"status\":\"Unknown\"", "\"status\":\"Completed\"", "\"event_id\":\"" + EVENT_ID + "\"");
    }

    /** An unknown event is not an error on this route: the server answers an empty list. */
    @Test
    void anUnknownEventGivesAnEmptyListNotAnError() {
        INNGEST.stubFor(get(PATH).willReturn(okJson("""
                {"data":[],"metadata":{"fetched_at":"2025-06-01T12:00:02.01Z","cached_until":"2025-06-01T12:00:17.01Z"}}""")));

        Exchange exchange = call("inngest:listEventRuns?eventId=" + EVENT_ID);

        assertThat(exchange.getException()).isNull();
        assertThat(exchange.getMessage().getBody(List.class)).isEmpty();
        INNGEST.verify(1, getRequestedFor(urlEqualTo(PATH)).withHeader("Authorization", equalTo(HASHED_BEARER)));
    }

    /** A storage error reported in the body of an HTTP 200 may pass: the GET is repeated and the list comes back. */
    @Test
    void aStorageErrorInTheBodyIsRetriedAndTheNextAnswerIsUsed() {
        INNGEST.stubFor(get(PATH).inScenario("flaky").whenScenarioStateIs(Scenario.STARTED).willSetStateTo("recovered")
                .willReturn(okJson(errorJson(500, "Unable to query event runs"))));
        INNGEST.stubFor(get(PATH).inScenario("flaky").whenScenarioStateIs("recovered").willReturn(okJson(RUNS)));

        Exchange exchange = call("inngest:listEventRuns?eventId=" + EVENT_ID);

        assertThat(exchange.getException()).isNull();
        assertThat(exchange.getMessage().getBody(List.class)).hasSize(5);
        INNGEST.verify(2, getRequestedFor(urlEqualTo(PATH)));
    }

    @Test
    void aMissingEventIdFailsBeforeAnyHttpCallNamingHeaderAndOption() {
        Exchange exchange = call("inngest:listEventRuns");

        assertThat(exchange.getException()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("CamelInngestEventId").hasMessageContaining("option eventId");
        assertThat(INNGEST.getAllServeEvents()).isEmpty();
    }
}
