package io.camelinngest.client;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.databind.JsonNode;
import io.camelinngest.model.FunctionRun;
import io.camelinngest.model.RunJob;
import io.camelinngest.model.RunPage;
import io.camelinngest.model.RunStatus;
import org.apache.hc.core5.net.URIBuilder;

import static io.camelinngest.client.ApiSupport.build;
import static io.camelinngest.client.ApiSupport.builder;
import static io.camelinngest.client.ApiSupport.data;
import static io.camelinngest.client.ApiSupport.notFound;
import static io.camelinngest.client.ApiSupport.requireUlid;
import static io.camelinngest.client.ApiSupport.runIdOf;
import static io.camelinngest.client.ApiSupport.uri;
import static io.camelinngest.client.ApiSupport.v1Run;

/** The runs area: reading a run (v2, else v1), listing runs and a run's jobs, cancelling and re-running a run. */
final class RunsApi {

    private final ApiCalls calls;

    RunsApi(ApiCalls calls) {
        this.calls = calls;
    }

    /**
     * Gets a run with its status and output: {@code GET /v2/runs/{runId}?includeOutput=true} (not cached by the
     * server), or {@code GET /v1/runs/{runId}} on a server without v2 (cached 3 s, no output for completed runs).
     *
     * @throws InngestApiException with status 404 and error code {@code not_found} when the server does not know the
     *                             run (or does not show it yet); not retryable
     */
    public FunctionRun getRun(String runId) {
        requireUlid(runId, "runId");
        try {
            JsonNode v2 = calls.v2Get("getRun", calls.runsV2Prefix() != null
                    ? URI.create(calls.runsV2Prefix() + runId + "?includeOutput=true")
                    : build(builder(calls.config().apiBaseUrl(), "v2", "runs", runId).addParameter("includeOutput", "true")));
            if (v2 != null) {
                return V2Runs.toRun("getRun", data("getRun", v2));
            }
            return v1Run(calls.getObject("getRun", uri(calls.config().apiBaseUrl(), "v1", "runs", runId), FunctionRun.class));
        } catch (InngestApiException e) {
            throw isUnknownRun(e) ? notFound(e, "run " + runId) : e;
        }
    }

    /**
     * Whether a failed read means the server does not know the run: v2 answers 404 {@code not_found}; v1 hides it as
     * status 500 "Unable to load function run" inside an HTTP 200 (a run also reads so until it is stored).
     */
    private static boolean isUnknownRun(InngestApiException e) {
        return e.getStatus() == 404 || (e.getError() != null && e.getError().startsWith("Unable to load function run"));
    }

    /**
     * Runs a run's function again with the same input, as a new run ({@code POST /v2/runs/{runId}/rerun}).
     *
     * @return                     the ID of the new run
     * @throws InngestApiException with status 404 naming the run when the server does not know it
     */
    public String rerunRun(String runId) {
        requireUlid(runId, "runId");
        calls.requireSigningKey("rerunRun");
        try {
            JsonNode json
                    = calls.exchange(Request.post("rerunRun", uri(calls.config().apiBaseUrl(), "v2", "runs", runId, "rerun"),
                            null)).throwIfFailed();
            return runIdOf("rerunRun", json);
        } catch (InngestApiException e) {
            if (e.getStatus() == 500) {
                // probed against the Dev Server: it answers so until the run's triggering event is stored, which for
                // an invoked run can come shortly after the run ended; the same request then succeeds
                throw e.withMessage(e.getMessage() + " (the Dev Server answers so while the run's event is not stored"
                                    + " yet, up to a few hundred milliseconds after an invoked run ended; not repeated"
                                    + " here, as a rerun is not safe to repeat: send it again once the event is there)");
            }
            throw e.getStatus() == 404 ? notFound(e, "run " + runId) : e;
        }
    }

    /**
     * Lists one page of runs through the v2 API ({@code GET /v2/runs}), with their output. v2 statuses are mapped to
     * {@link io.camelinngest.model.RunStatus}; the run's {@code functionId} is the function's slug within its app (v2
     * exposes no function UUID).
     */
    public RunPage listRuns(RunQuery query) {
        Objects.requireNonNull(query, "query");
        URIBuilder builder = builder(calls.config().apiBaseUrl(), "v2", "runs")
                .addParameter("timeField", query.timeField().name())
                .addParameter("order", query.ascending() ? "ASC" : "DESC")
                .addParameter("includeOutput", "true")
                .addParameter("limit", Integer.toString(query.limit()));
        if (query.from() != null) {
            builder.addParameter("from", query.from().toString());
        }
        if (query.appId() != null) {
            builder.addParameter("appId", query.appId());
        }
        if (query.functionId() != null) {
            builder.addParameter("functionId", query.functionId());
        }
        for (RunStatus status : query.statuses()) {
            builder.addParameter("status", V2Runs.statusName(status));
        }
        if (query.cursor() != null) {
            builder.addParameter("cursor", query.cursor());
        }
        JsonNode json = calls.get("listRuns", build(builder));
        List<FunctionRun> runs = new ArrayList<>();
        json.path("data").forEach(run -> runs.add(V2Runs.toRun("listRuns", run)));
        JsonNode page = json.path("page");
        return new RunPage(runs, page.path("hasMore").asBoolean(false) ? page.path("cursor").asText(null) : null);
    }

    /**
     * Lists the jobs currently enqueued for a run ({@code GET /v1/runs/{runId}/jobs}).
     *
     * @throws InngestApiException with status 404 naming the run when the server does not know it (the Dev Server says
     *                             so as for {@link #getRun}: status 500 "Unable to load function run" inside an HTTP
     *                             200)
     */
    public List<RunJob> listRunJobs(String runId) {
        requireUlid(runId, "runId");
        try {
            return calls.getList("listRunJobs", uri(calls.config().apiBaseUrl(), "v1", "runs", runId, "jobs"),
                    RunJob.class);
        } catch (InngestApiException e) {
            throw isUnknownRun(e) ? notFound(e, "run " + runId) : e;
        }
    }

    /**
     * Cancels a run ({@code DELETE /v1/runs/{runId}}). Cancelling a run that already ended succeeds and does nothing,
     * as on the server.
     */
    public void cancelRun(String runId) {
        requireUlid(runId, "runId");
        try {
            calls.delete("cancelRun", uri(calls.config().apiBaseUrl(), "v1", "runs", runId));
        } catch (InngestApiException e) {
            // said as getRun says it, so that one check covers both
            throw isUnknownRun(e) ? notFound(e, "run " + runId) : e;
        }
    }
}
