package io.camelinngest.contract;

import java.util.List;
import java.util.Map;

import io.camelinngest.client.InngestApiException;
import io.camelinngest.client.RunQuery;
import io.camelinngest.model.FunctionRun;
import io.camelinngest.model.RunJob;
import io.camelinngest.model.RunPage;
import io.camelinngest.model.RunStatus;

import static io.camelinngest.contract.ContractAssertions.assertFailure;
import static io.camelinngest.contract.ContractAssertions.failure;
import static io.camelinngest.contract.ContractAssertions.time;
import static io.camelinngest.contract.RecordedIds.COMPLETED_RUN;
import static io.camelinngest.contract.RecordedIds.FAILED_RUN;
import static io.camelinngest.contract.RecordedIds.ORDER_42_EVENT;
import static io.camelinngest.contract.RecordedIds.SHIPPED_42;
import static io.camelinngest.contract.RecordedIds.SIGNALLED_RUN;
import static io.camelinngest.contract.RecordedIds.SLEEPING_RUN;
import static io.camelinngest.contract.RecordedIds.UNKNOWN;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The expectations of {@link RecordedContractTest} for the recordings of runs: getRun through v1 and v2, a run's jobs,
 * the v2 runs listing, an event's runs through v2, invokeFunction and rerunRun. One entry per recording: what the
 * component makes of its response.
 */
final class RunExpectations {

    private RunExpectations() {
    }

    static void addTo(Map<String, Expectation> expected) {
        // ---- getRun through v1: GET /v1/runs/{id}
        expected.put("getRun-completed", r -> {
            r.withoutV2();
            FunctionRun run = r.client().getRun(COMPLETED_RUN);
            assertThat(run.output()).as("v1 has no output for a completed run: \"\" is read as none").isNull();
            assertThat(run.functionId()).isEqualTo("60f08b07-d0fc-58d2-a1c7-739c0e8d10f1"); // v1: the function's UUID
            assertThat(run.runId()).isEqualTo(COMPLETED_RUN);
            assertThat(run.status()).isEqualTo(RunStatus.COMPLETED);
            assertThat(run.isEnded()).isTrue();
            assertThat(run.eventId()).isEqualTo(ORDER_42_EVENT);
            assertThat(run.endedAt()).isEqualTo(time("2026-12-01T23:46:31.191629466Z"));
            r.triedV2ThenSentTheRecordedRequest();
        });
        expected.put("getRun-running", r -> {
            r.withoutV2();
            FunctionRun run = r.client().getRun(SLEEPING_RUN);
            assertThat(run.status()).isEqualTo(RunStatus.RUNNING);
            assertThat(run.isEnded()).isFalse();
            assertThat(run.endedAt()).isNull();
            assertThat(run.output()).isNull();
            r.triedV2ThenSentTheRecordedRequest();
        });
        expected.put("getRun-failed", r -> {
            r.withoutV2();
            FunctionRun run = r.client().getRun(FAILED_RUN);
            assertThat(run.status()).isEqualTo(RunStatus.FAILED);
            assertThat(run.output()).isInstanceOfSatisfying(Map.class, error -> {
                assertThat(error.get("name")).isEqualTo("Error");
                assertThat(error.get("message")).isEqualTo("boom on purpose");
            });
            r.triedV2ThenSentTheRecordedRequest();
        });
        expected.put("getRun-cancelled", r -> {
            r.withoutV2();
            FunctionRun run = r.client().getRun(SLEEPING_RUN);
            assertThat(run.status()).isEqualTo(RunStatus.CANCELLED);
            assertThat(run.endedAt()).isEqualTo(time("2026-12-01T23:46:46.136631053Z"));
            r.triedV2ThenSentTheRecordedRequest();
        });
        expected.put("getRun-unknown", r -> {
            // HTTP 200 with status 500 "Unable to load function run" in the body: the run does not exist (or not yet)
            r.withoutV2();
            InngestApiException e = failure(() -> r.client().getRun(UNKNOWN));
            assertFailure(e, "getRun", 200, 404, "not_found", "Unable to load function run: " + UNKNOWN, false);
            assertThat(e.getMessage()).startsWith("getRun failed: run " + UNKNOWN + " not found, or not visible yet");
            r.triedV2ThenSentTheRecordedRequest();
        });

        // ---- getRun through v2: GET /v2/runs/{id}?includeOutput=true
        expected.put("getRun-v2-completed", r -> {
            FunctionRun run = r.client().getRun(COMPLETED_RUN);
            assertThat(run.status()).isEqualTo(RunStatus.COMPLETED);
            assertThat(run.output()).isEqualTo(SHIPPED_42);
            assertThat(run.functionId()).isEqualTo("ship-order");
            assertThat(run.appId()).isEqualTo("test-app");
            assertThat(run.eventId()).isEqualTo(ORDER_42_EVENT);
            assertThat(run.queuedAt()).isEqualTo(time("2026-12-01T23:46:31.048Z"));
            assertThat(run.endedAt()).isEqualTo(time("2026-12-01T23:46:31.190Z"));
            assertThat(r.sent()).anySatisfy(q -> assertThat(q.getUrl()).isEqualTo(r.recording().target()));
        });
        expected.put("getRun-v2-signalled", r -> {
            FunctionRun run = r.client().getRun(SIGNALLED_RUN);
            assertThat(run.status()).isEqualTo(RunStatus.COMPLETED);
            assertThat(run.output()).isEqualTo(Map.of("approved", true, "by", "ops"));
            assertThat(run.functionId()).isEqualTo("await-approval");
        });
        expected.put("getRun-v2-failed", r -> {
            FunctionRun run = r.client().getRun(FAILED_RUN);
            assertThat(run.status()).isEqualTo(RunStatus.FAILED);
            assertThat(run.output()).isInstanceOfSatisfying(Map.class,
                    error -> assertThat(error.get("message")).isEqualTo("boom on purpose"));
            assertThat(run.functionId()).isEqualTo("always-fails");
        });
        expected.put("getRun-v2-running", r -> {
            FunctionRun run = r.client().getRun(SLEEPING_RUN);
            assertThat(run.status()).isEqualTo(RunStatus.RUNNING);
            assertThat(run.endedAt()).isNull();
            assertThat(run.output()).isNull();
            assertThat(run.functionId()).isEqualTo("slow-job");
        });
        expected.put("getRun-v2-cancelled", r -> {
            FunctionRun run = r.client().getRun(SLEEPING_RUN);
            assertThat(run.status()).isEqualTo(RunStatus.CANCELLED);
            assertThat(run.endedAt()).isEqualTo(time("2026-12-01T23:46:46.084Z"));
            assertThat(run.output()).isNull();
        });
        expected.put("getRun-v2-unknown", r -> {
            InngestApiException e = failure(() -> r.client().getRun(UNKNOWN));
            assertFailure(e, "getRun", 404, 404, "not_found", "Run not found", false);
            assertThat(e.getMessage()).startsWith("getRun failed: run " + UNKNOWN + " not found, or not visible yet");
            r.sentTheRecordedRequest(); // a v2 error in JSON is an answer: no fallback to v1
        });

        // ---- jobs
        expected.put("listRunJobs-completed", r -> {
            assertThat(r.client().listRunJobs(COMPLETED_RUN)).isEmpty();
            r.sentTheRecordedRequest();
        });
        expected.put("listRunJobs-sleeping", r -> {
            List<RunJob> jobs = r.client().listRunJobs(SLEEPING_RUN);
            assertThat(jobs).singleElement().satisfies(job -> {
                assertThat(job.jobId()).isEqualTo("214oux4gyzpfc");
                assertThat(job.kind()).isEqualTo("sleep");
                assertThat(job.at()).isEqualTo(time("2026-12-01T23:56:40.868Z"));
                assertThat(job.position()).isZero();
                assertThat(job.attempt()).isZero();
            });
            r.sentTheRecordedRequest();
        });

        // ---- v2 runs listing: GET /v2/runs
        expected.put("v2-runs", r -> {
            RunPage page = r.client().listRuns(new RunQuery(
                    null, null, List.of(), RunQuery.TimeField.queuedAt, null,
                    false, null, 3));
            assertThat(page.runs()).extracting(FunctionRun::runId).containsExactly(
                    "01M8T026XEC239HSPXW2162X3T", "01M8T026WEMEWKG51X3ZDGCXPR", SIGNALLED_RUN);
            assertThat(page.runs()).extracting(FunctionRun::status)
                    .containsExactly(RunStatus.SCHEDULED, RunStatus.SCHEDULED, RunStatus.COMPLETED);
            assertThat(page.runs()).extracting(FunctionRun::functionId)
                    .containsExactly("ship-order", "ship-order", "await-approval");
            FunctionRun approved = page.runs().get(2);
            assertThat(approved.endedAt()).isEqualTo(time("2026-12-01T23:46:54.349796599Z"));
            assertThat(approved.queuedAt()).isEqualTo(time("2026-12-01T23:46:49.359Z"));
            assertThat(approved.eventId()).isEqualTo("01M8T01YQ1JZF1NP369P1EW9JF");
            assertThat(page.nextCursor()).startsWith("eyJpZCI6IjAxTThUMDFZV0Y0");
            r.sentTheRecordedRequest();
        });
        expected.put("v2-runs-endedAt", r -> {
            RunPage page = r.client().listRuns(new RunQuery(
                    null, null, List.of(), RunQuery.TimeField.endedAt, null,
                    false, null, 3));
            assertThat(page.runs()).extracting(FunctionRun::status)
                    .containsExactly(RunStatus.SCHEDULED, RunStatus.SCHEDULED, RunStatus.CANCELLED);
            assertThat(page.runs().get(2).runId()).isEqualTo(SLEEPING_RUN);
            assertThat(page.runs().get(2).isEnded()).isTrue();
            assertThat(page.hasMore()).isTrue();
            assertThat(r.sent().get(0).queryParameter("timeField").firstValue()).isEqualTo("endedAt");
        });

        // ---- v2 event runs: GET /v2/events/{id}/runs (listEventRuns with the issue 6 core)
        expected.put("v2-eventRuns", r -> {
            List<FunctionRun> runs = r.client().listEventRuns(ORDER_42_EVENT);
            assertThat(runs).singleElement().satisfies(run -> {
                assertThat(run.runId()).isEqualTo(COMPLETED_RUN);
                assertThat(run.status()).isEqualTo(RunStatus.COMPLETED);
                assertThat(run.functionId()).isEqualTo("ship-order");
                assertThat(run.appId()).isEqualTo("test-app");
                assertThat(run.eventId()).isEqualTo(ORDER_42_EVENT);
                assertThat(run.endedAt()).isEqualTo(time("2026-12-01T23:46:31.190244248Z"));
                // recorded without includeOutput: no output in this answer, and none made up
                assertThat(run.output()).isNull();
            });
            r.sentTheRecordedRequest();
            assertThat(r.sent().get(0).queryParameter("includeOutput").firstValue()).isEqualTo("true");
        });

        // ---- invokeFunction and rerunRun (issue 6 core)
        expected.put("v2-invokeFunction", r -> {
            String runId = r.client().invokeFunction("test-app", "ship-order", Map.of("order", "77"), "order-77");
            assertThat(runId).isEqualTo("01M8T026WEMEWKG51X3ZDGCXPR");
            r.sentTheRecordedBody(r.recording().requestBody());
        });
        expected.put("v2-invokeFunction-unknown", r -> {
            InngestApiException e = failure(() -> r.client().invokeFunction("test-app", "no-such-fn", null, null));
            assertThat(e.getHttpStatus()).isEqualTo(404);
            assertThat(e.getStatus()).isEqualTo(404);
            assertThat(e.getErrorCode()).isEqualTo("not_found");
            assertThat(e.getError()).isEqualTo("Function not found");
            assertThat(e.isRetryable()).isFalse();
            assertThat(e.getMessage()).contains("function 'no-such-fn' of app 'test-app' not found");
            r.sentTheRecordedBody(r.recording().requestBody());
        });
        expected.put("v2-rerun", r -> {
            assertThat(r.client().rerunRun(COMPLETED_RUN)).isEqualTo("01M8T026XEC239HSPXW2162X3T");
            r.sentTheRecordedRequest();
        });
        expected.put("v2-rerun-unknown", r -> {
            InngestApiException e = failure(() -> r.client().rerunRun(UNKNOWN));
            assertThat(e.getHttpStatus()).isEqualTo(404);
            assertThat(e.getErrorCode()).isEqualTo("not_found");
            assertThat(e.getError()).isEqualTo("Run not found");
            assertThat(e.isRetryable()).isFalse();
            assertThat(e.getMessage()).contains(UNKNOWN);
            r.sentTheRecordedRequest();
        });
    }
}
