package io.camelinngest.testing;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import io.camelinngest.testing.FakeInngest.StoredRun;

import static io.camelinngest.testing.Responses.json;

/**
 * The runs API: {@code GET} and {@code DELETE /v1/runs/{id}}, {@code GET /v1/runs/{id}/jobs}, {@code GET /v2/runs},
 * {@code GET /v2/runs/{id}} and {@code POST /v2/runs/{id}/rerun}.
 */
final class RunsApi {

    private static final Duration RUN_TTL = Duration.ofSeconds(3);
    private static final Duration JOBS_TTL = Duration.ofSeconds(5);

    private final FakeState state;
    private final ResponseCache cache;

    RunsApi(FakeState state, ResponseCache cache) {
        this.state = state;
        this.cache = cache;
    }

    void routes(Router router) {
        router.route("GET", "/v1/runs/{id}", this::getV1)
                .route("DELETE", "/v1/runs/{id}", this::cancel)
                .route("GET", "/v1/runs/{id}/jobs", this::jobs)
                .route("GET", "/v2/runs", this::listV2)
                .route("GET", "/v2/runs/{id}", this::getV2)
                .route("POST", "/v2/runs/{id}/rerun", this::rerun);
    }

    /** Cached 3 s; an unknown run is the server's status 500 "Unable to load function run" in a 200. */
    private ResponseDefinition getV1(FakeRequest request) {
        String id = request.path("id");
        if (!EventsApi.ULID.matcher(id).matches()) {
            return json(200, FakeJson.v1Error(400, "Invalid run ID: " + id));
        }
        return cache.answer(request, state.now(), RUN_TTL, () -> {
            StoredRun run = state.run(id);
            return run == null ? null : FakeJson.v1Run(run, false);
        }, () -> FakeJson.v1Error(500, "Unable to load function run: " + id));
    }

    /** 200 and empty, also for a run that already ended (it stays as it was). */
    private ResponseDefinition cancel(FakeRequest request) {
        String id = request.path("id");
        if (!EventsApi.ULID.matcher(id).matches()) {
            return json(400, FakeJson.v1Error(400, "Invalid run ID: " + id));
        }
        if (state.cancel(id) == null) {
            return json(404, FakeJson.v1Error(404, "Unable to load function run: " + id));
        }
        return Responses.emptyJson(200);
    }

    /**
     * The jobs of a run that has not ended (none once it has), cached 5 s; an unknown run is the server's status 500
     * "Unable to load function run" in a 200, as getRun answers it (recorded: listRunJobs-unknown in the gateway's
     * fixtures).
     */
    private ResponseDefinition jobs(FakeRequest request) {
        String id = request.path("id");
        return cache.answer(request, state.now(), JOBS_TTL, () -> {
            StoredRun run = state.run(id);
            if (run == null) {
                return null;
            }
            ArrayNode data = FakeJson.MAPPER.createArrayNode();
            if (!FakeState.isEnded(run.status())) {
                state.jobsOf(id).forEach(j -> data.add(FakeJson.job(j.jobId(), j.kind(), j.at(), run)));
            }
            return data;
        }, () -> FakeJson.v1Error(500, "Unable to load function run: " + id));
    }

    private ResponseDefinition getV2(FakeRequest request) {
        StoredRun run = state.run(request.path("id"));
        return run == null
                ? json(404, FakeJson.v2Error("not_found", "Run not found"))
                : json(200, FakeJson.v2(FakeJson.v2Run(run, request.includeOutput(), false), state.now(), null));
    }

    /**
     * Filtered by app, function, status and a time field from {@code from}, with an opaque cursor. The run's queued
     * time is its start time here. By endedAt, runs that have not ended come first in the default (descending) order,
     * as recorded, unless a window start leaves them out.
     */
    private ResponseDefinition listV2(FakeRequest request) {
        String appId = request.query("appId");
        String functionId = request.query("functionId");
        List<String> statuses = request.queryValues("status");
        Instant from = request.query("from") == null ? Instant.EPOCH : OffsetDateTime.parse(request.query("from")).toInstant();
        int limit = request.query("limit") == null ? 20 : Integer.parseInt(request.query("limit"));
        boolean byEnd = "endedAt".equals(request.query("timeField"));
        boolean openRuns = byEnd && request.query("from") == null;
        Function<StoredRun, Instant> time = byEnd ? StoredRun::endedAt : StoredRun::startedAt;
        Comparator<StoredRun> order = Comparator.comparing(time, Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(StoredRun::runId);
        List<StoredRun> matching = state.runs().stream()
                .filter(r -> time.apply(r) == null ? openRuns : !time.apply(r).isBefore(from))
                .filter(r -> appId == null || appId.equals(r.appId()))
                .filter(r -> functionId == null || functionId.equals(r.functionId()))
                .filter(r -> statuses.isEmpty() || statuses.contains(FakeJson.v2Status(r.status())))
                .sorted("ASC".equals(request.query("order")) ? order : order.reversed())
                .toList();
        return json(200, FakeJson.v2RunPage(matching, request.cursorOffset(), limit, request.includeOutput(), state.now()));
    }

    /** A new run of the function with the same input, listed with the original's event; unknown runs are 404. */
    private ResponseDefinition rerun(FakeRequest request) {
        StoredRun rerun = state.rerun(request.path("id"));
        if (rerun == null) {
            return json(404, FakeJson.v2Error("not_found", "Run not found"));
        }
        return json(200, FakeJson.v2(Map.of("runId", rerun.runId()), state.now(), null));
    }
}
