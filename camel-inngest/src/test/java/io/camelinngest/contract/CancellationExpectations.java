package io.camelinngest.contract;

import java.time.Instant;
import java.util.Map;

import io.camelinngest.client.InngestApiException;
import io.camelinngest.model.CancellationRequest;

import static io.camelinngest.contract.ContractAssertions.assertFailure;
import static io.camelinngest.contract.ContractAssertions.failure;
import static io.camelinngest.contract.RecordedIds.COMPLETED_RUN;
import static io.camelinngest.contract.RecordedIds.SLEEPING_RUN;
import static io.camelinngest.contract.RecordedIds.UNKNOWN;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The expectations of {@link RecordedContractTest} for the recordings of cancelRun (DELETE /v1/runs/{id}) and the bulk
 * cancellations (Cloud only): what the component makes of each response (one entry per recording).
 */
final class CancellationExpectations {

    private CancellationExpectations() {
    }

    static void addTo(Map<String, Expectation> expected) {
        // ---- cancelRun: DELETE /v1/runs/{id}
        expected.put("cancelRun-completed", r -> {
            r.client().cancelRun(COMPLETED_RUN); // 200, empty body: a success, also for a run that already ended
            r.sentTheRecordedRequest();
        });
        expected.put("cancelRun-sleeping", r -> {
            r.client().cancelRun(SLEEPING_RUN);
            r.sentTheRecordedRequest();
        });
        expected.put("cancelRun-unknown", r -> {
            InngestApiException e = failure(() -> r.client().cancelRun(UNKNOWN));
            // named as getRun names an unknown run (issue 19)
            assertFailure(e, "cancelRun", 404, 404, "not_found", "Unable to load function run: " + UNKNOWN, false);
            assertThat(e.getMessage()).isEqualTo("cancelRun failed: run " + UNKNOWN + " not found, or not visible yet"
                                                 + " (Inngest answered HTTP 404: Unable to load function run: " + UNKNOWN
                                                 + ")");
            r.sentTheRecordedRequest();
        });
        expected.put("cancelRun-malformed", r -> {
            r.refusedBeforeSending(() -> r.client().cancelRun("not-a-ulid"), "runId must be a 26-character ULID");
            // the server's answer, should a malformed ID reach it: a 400 that no retry can mend
            r.serveEverywhere();
            InngestApiException e = failure(() -> r.client().cancelRun(UNKNOWN));
            assertFailure(e, "cancelRun", 400, 400, null, "Invalid run ID: not-a-ulid", false);
        });

        // ---- bulk cancellations: Cloud only; the Dev Server answers 500 with an empty body
        expected.put("createCancellation", r -> {
            InngestApiException e = failure(() -> r.client().createCancellation(new CancellationRequest(
                    "test-app",
                    "test-app-slow-job", Instant.parse("2026-12-01T23:45:57Z"), Instant.parse("2026-01-01T00:00:00Z"),
                    null)));
            assertFailure(e, "createCancellation", 500, 500, null, null, false);
            assertThat(e.getMessage()).contains("HTTP 500 with an empty body").contains("Inngest Cloud only");
            r.sentTheRecordedBody(r.recording().requestBody());
        });
        expected.put("createCancellation-future", r -> {
            InngestApiException e = failure(() -> r.client().createCancellation(new CancellationRequest(
                    "test-app",
                    "slow-job", Instant.parse("2099-01-01T00:00:00Z"), null, null)));
            assertFailure(e, "createCancellation", 400, 400, null, "started_before must be in the past", false);
            assertThat(e.getMessage()).isEqualTo("createCancellation failed: HTTP 400: started_before must be in the past");
            r.sentTheRecordedBody(r.recording().requestBody());
        });
        expected.put("listCancellations", r -> {
            InngestApiException e = failure(() -> r.client().listCancellations());
            assertFailure(e, "listCancellations", 500, 500, null, null, false);
            assertThat(e.getMessage()).contains("Inngest Cloud only");
            r.sentTheRecordedRequest();
        });
    }
}
