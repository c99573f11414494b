package io.camelinngest;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import io.camelinngest.client.InngestApiException;
import io.camelinngest.model.RunJob;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.camelinngest.ContractFixtures.RUN_ID;
import static io.camelinngest.ContractFixtures.errorJson;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code inngest:listRunJobs}: {@code GET /v1/runs/{runId}/jobs} (contract section 7). */
class ListRunJobsTest extends InngestTestSupport {

    private static final String PATH = "/v1/runs/" + RUN_ID + "/jobs";

    @Test
    void listsTheJobsEnqueuedForARunWithoutTheRawQueueItem() {
        // JobID and Raw are untagged Go fields; Raw is the unstable internal queue item
        INNGEST.stubFor(get(PATH).willReturn(aResponse()
                .withHeader("Content-Type", "application/json")
                .withHeader("Cache-Control", "private, max-age=5")
                .withBody("""
                        {"data":[
                          {"JobID":"a1b2c3d4e5f6","at":"2025-06-01T12:05:00Z","position":0,"kind":"sleep","attempt":0,
                           "Raw":{"id":"a1b2c3d4e5f6","at":1748779500000,"wt":1748779500000,
                                  "wfID":"3f6a1c52-8d0b-5e1f-9a7c-2b4d6e8f0a1c","wsID":"00000000-0000-4000-b000-000000000000",
                                  "data":{},"eat":1748779201000}},
                          {"JobID":"f6e5d4c3b2a1","at":"2025-06-01T14:01:00.5+02:00","position":3,"kind":"edge-error",
                           "attempt":2,"Raw":null}],
                         "metadata":{"fetched_at":"2025-06-01T12:01:00Z","cached_until":"2025-06-01T12:01:05Z"}}""")));

        Exchange exchange = call("inngest:listRunJobs", null, Map.of(InngestConstants.RUN_ID, RUN_ID));

        assertThat(exchange.getException()).isNull();
        List<RunJob> jobs = exchange.getMessage().getBody(List.class);
        assertThat(jobs).containsExactly(
                new RunJob("a1b2c3d4e5f6", OffsetDateTime.of(2025, 6, 1, 12, 5, 0, 0, ZoneOffset.UTC), 0, "sleep", 0),
                new RunJob(
                        "f6e5d4c3b2a1", OffsetDateTime.of(2025, 6, 1, 14, 1, 0, 500_000_000, ZoneOffset.ofHours(2)), 3,
                        "edge-error", 2));
        INNGEST.verify(1, getRequestedFor(urlEqualTo(PATH))
                .withHeader("Authorization", equalTo(HASHED_BEARER))
                .withHeader("Accept", equalTo("application/json")));
    }

    @Test
    void aFinishedRunHasNoJobs() {
        INNGEST.stubFor(get(PATH).willReturn(okJson("""
                {"data":[],"metadata":{"fetched_at":"2025-06-01T12:01:00Z","cached_until":"2025-06-01T12:01:05Z"}}""")));

        Exchange exchange = call("inngest:listRunJobs?runId=" + RUN_ID);

        assertThat(exchange.getException()).isNull();
        assertThat(exchange.getMessage().getBody(List.class)).isEmpty();
        INNGEST.verify(1, getRequestedFor(urlEqualTo(PATH)).withHeader("Authorization", equalTo(HASHED_BEARER)));
    }

    /** A read failure arrives as HTTP 200 with status 500 in the body: retried, then reported with its text. */
    @Test
    void aReadFailureInTheBodyIsRetriedThenFailsAfterMaxRetriesPlusOneRequests() {
        INNGEST.stubFor(
                get(PATH).willReturn(okJson(errorJson(500, "Unable to read run jobs: redis: connection pool timeout"))));

        Exchange exchange = call("inngest:listRunJobs?maxRetries=2&runId=" + RUN_ID);

        InngestApiException e = exchange.getException(InngestApiException.class);
        assertThat(e).isNotNull();
        assertThat(e.getOperation()).isEqualTo("listRunJobs");
        assertThat(e.getHttpStatus()).isEqualTo(200);
        assertThat(e.getStatus()).isEqualTo(500);
        assertThat(e.getError()).isEqualTo("Unable to read run jobs: redis: connection pool timeout");
        assertThat(e.isRetryable()).isTrue();
        assertThat(e.getMessage()).contains("listRunJobs failed", "status 500", "Unable to read run jobs");
        INNGEST.verify(3, getRequestedFor(urlEqualTo(PATH)));
    }

    /**
     * An unknown run is a 500 "Unable to load function run" in the body: a permanent answer, asked once, and reported
     * as getRun reports an unknown run, a 404 naming the run.
     */
    @Test
    void anUnknownRunFailsWithoutRetryingAsNotFound() {
        INNGEST.stubFor(get(PATH).willReturn(okJson(errorJson(500, "Unable to load function run: " + RUN_ID))));

        Exchange exchange = call("inngest:listRunJobs?runId=" + RUN_ID);

        InngestApiException e = exchange.getException(InngestApiException.class);
        assertThat(e).isNotNull();
        assertThat(e.getStatus()).isEqualTo(404);
        assertThat(e.getErrorCode()).isEqualTo("not_found");
        assertThat(e.getError()).isEqualTo("Unable to load function run: " + RUN_ID);
        assertThat(e.getMessage()).contains("listRunJobs failed: run " + RUN_ID + " not found");
        assertThat(e.isRetryable()).isFalse();
        INNGEST.verify(1, getRequestedFor(urlEqualTo(PATH)));
    }

    @Test
    void aMissingRunIdFailsBeforeAnyHttpCallNamingHeaderAndOption() {
        Exchange exchange = call("inngest:listRunJobs");

        assertThat(exchange.getException()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("CamelInngestRunId").hasMessageContaining("option runId");
        assertThat(INNGEST.getAllServeEvents()).isEmpty();
    }
}
