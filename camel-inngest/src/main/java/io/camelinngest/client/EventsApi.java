package io.camelinngest.client;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.databind.JsonNode;
import io.camelinngest.client.ResponseReader.Outcome;
import io.camelinngest.model.EventPage;
import io.camelinngest.model.FunctionRun;
import io.camelinngest.model.InngestEvent;
import io.camelinngest.model.SendResult;
import org.apache.hc.core5.net.URIBuilder;

import static io.camelinngest.client.ApiSupport.build;
import static io.camelinngest.client.ApiSupport.builder;
import static io.camelinngest.client.ApiSupport.requireUlid;
import static io.camelinngest.client.ApiSupport.textList;
import static io.camelinngest.client.ApiSupport.uri;

/**
 * The events area: sending events ({@code POST /e/{eventKey}}), listing and reading them, the runs an event started.
 */
final class EventsApi {

    /** The most runs one page of an event's runs holds: the Dev Server answers "Limit cannot exceed 40" above it. */
    private static final int V2_EVENT_RUNS_PAGE_SIZE = 40;

    private final ApiCalls calls;

    EventsApi(ApiCalls calls) {
        this.calls = calls;
    }

    /**
     * Sends events with a given event ID seed: sending the same events again with the same seed (a redelivery of the
     * same message) yields the same internal IDs and starts no duplicate runs.
     *
     * @see #sendEvents(Object)
     */
    public SendResult sendEvents(Object events, EventIdSeed seed) {
        calls.requireEventKey("sendEvents");
        EventBatch batch = EventBatch.of(events, calls.config().maxEventSize());
        CallProgress progress = calls.deferred();
        if (progress == null || progress.sendIds == null) {
            return sendFrom(batch, seed, 0, new ArrayList<>(batch.size()), progress);
        }
        // a calls.deferred() send resumes with the request that has to wait: the earlier ones were accepted
        return sendFrom(batch, seed, progress.sendFrom, progress.sendIds, progress);
    }

    private SendResult sendFrom(EventBatch batch, EventIdSeed seed, int start, List<String> ids, CallProgress progress) {
        if (progress != null) {
            progress.sendIds = ids;
            progress.sendFrom = start;
        }
        try {
            SendResult result = sendRequests(batch, seed, start, ids, progress);
            if (progress != null) {
                progress.sendEnded();
            }
            return result;
        } catch (RetryLater later) {
            throw later;
        } catch (RuntimeException e) {
            if (progress != null) {
                progress.sendEnded();
            }
            throw e;
        }
    }

    private SendResult sendRequests(EventBatch batch, EventIdSeed seed, int start, List<String> ids, CallProgress progress) {
        URI uri = calls.sendUri();
        for (int from = start; from < batch.size(); from += calls.config().maxEventsPerRequest()) {
            int to = Math.min(batch.size(), from + calls.config().maxEventsPerRequest());
            Outcome outcome;
            try {
                outcome = calls.exchange(Request.post("sendEvents", uri, batch.arrayBody(from, to), batch.bodyLength(from, to))
                        .unsigned().safeToRepeat().reading(SendAnswer.IDS)
                        .withHeader(EventIdSeed.HEADER, seed.forOffset(from).headerValue()));
            } catch (InngestApiException e) {
                // no answer (connection failure): what earlier requests had accepted still counts
                throw partialSendFailure(e, ids, batch.size());
            }
            @SuppressWarnings("unchecked")
            List<String> returned = outcome.bound() != null
                    ? (List<String>) outcome.bound()
                    : outcome.json() == null ? List.of() : textList(outcome.json().get("ids"));
            if (outcome.failed()) {
                List<String> accepted = new ArrayList<>(ids);
                returned.stream().filter(id -> !id.isEmpty()).forEach(accepted::add);
                throw partialSendFailure(outcome.error(), accepted, batch.size());
            }
            if (returned.size() != to - from) {
                throw InngestApiException.sendMismatch(ids, from, returned.size(), to - from);
            }
            ids.addAll(returned);
            if (progress != null) {
                progress.sendFrom = to;
            }
        }
        return new SendResult(ids);
    }

    private static InngestApiException partialSendFailure(InngestApiException cause, List<String> accepted, int total) {
        String message = accepted.isEmpty()
                ? cause.getMessage()
                : "sendEvents failed part-way: Inngest accepted " + accepted.size() + " of " + total
                  + " events (they will start runs) and rejected the event at index " + accepted.size() + ": "
                  + cause.getMessage().substring("sendEvents failed: ".length());
        return cause.withSendProgress(accepted, message);
    }

    /** Lists one page of events, newest first ({@code GET /v1/events}). */
    public EventPage listEvents(EventQuery query) {
        Objects.requireNonNull(query, "query");
        if (query.limit() != null && (query.limit() < 1 || query.limit() > EventQuery.MAX_LIMIT)) {
            throw InputChecks.outOfRange("limit", EventQuery.MAX_LIMIT, query.limit());
        }
        if (query.cursor() != null && !Ulid.isValid(query.cursor())) {
            throw InputChecks.notAUlid("cursor (the internal ID of an event)", query.cursor());
        }
        Instant before = query.receivedBefore();
        Instant after = query.receivedAfter() != null
                ? query.receivedAfter()
                : (before != null ? before : Instant.now()).minus(Duration.ofHours(1));
        if (before != null && after.isAfter(before)) {
            throw new IllegalArgumentException(
                    "receivedAfter (" + after + ") must not be after receivedBefore (" + before + ")");
        }
        URIBuilder builder
                = builder(calls.config().apiBaseUrl(), "v1", "events").addParameter("received_after", after.toString());
        if (before != null) {
            builder.addParameter("received_before", before.toString());
        }
        if (query.name() != null) {
            builder.addParameter("name", query.name());
        }
        if (query.cursor() != null) {
            builder.addParameter("cursor", query.cursor());
        }
        if (query.limit() != null) {
            builder.addParameter("limit", query.limit().toString());
        }
        List<InngestEvent> events = calls.getList("listEvents", build(builder), InngestEvent.class);
        int limit = query.limit() == null ? EventQuery.DEFAULT_LIMIT : query.limit();
        String next = events.size() >= limit && !events.isEmpty() ? events.get(events.size() - 1).internalId() : null;
        return new EventPage(events, next);
    }

    /** Gets one event by its internal ID ({@code GET /v1/events/{internalId}}). */
    public InngestEvent getEvent(String internalId) {
        requireUlid(internalId, "eventId");
        return calls.getObject("getEvent", uri(calls.config().apiBaseUrl(), "v1", "events", internalId),
                InngestEvent.class);
    }

    /**
     * Lists the runs an event started, with their outputs: {@code GET /v2/events/{internalId}/runs} (not cached by the
     * server, so a run shows as soon as it exists), or {@code GET /v1/events/{internalId}/runs} on a server without v2
     * (cached 15 s, no output for completed runs). Empty for an unknown event.
     */
    public List<FunctionRun> listEventRuns(String internalId) {
        requireUlid(internalId, "eventId");
        JsonNode v2 = calls.v2Get("listEventRuns", eventRunsPage(internalId, null));
        if (v2 != null) {
            List<FunctionRun> runs = new ArrayList<>();
            Pages.all("listEventRuns", v2, cursor -> calls.get("listEventRuns", eventRunsPage(internalId, cursor)))
                    .forEach(run -> runs.add(V2Runs.toRun("listEventRuns", run)));
            return runs;
        }
        return calls
                .getList("listEventRuns", uri(calls.config().apiBaseUrl(), "v1", "events", internalId, "runs"),
                        FunctionRun.class)
                .stream().map(ApiSupport::v1Run).toList();
    }

    /** A page of {@code GET /v2/events/{id}/runs}, at the server's largest page size (40). */
    private URI eventRunsPage(String internalId, String cursor) {
        URIBuilder builder = builder(calls.config().apiBaseUrl(), "v2", "events", internalId, "runs")
                .addParameter("includeOutput", "true")
                .addParameter("limit", Integer.toString(V2_EVENT_RUNS_PAGE_SIZE));
        if (cursor != null) {
            builder.addParameter("cursor", cursor);
        }
        return build(builder);
    }
}
