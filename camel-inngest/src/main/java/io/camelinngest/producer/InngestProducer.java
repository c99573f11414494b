package io.camelinngest.producer;

import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.StreamCache;
import org.apache.camel.support.DefaultAsyncProducer;

import io.camelinngest.InngestConfiguration;
import io.camelinngest.InngestConstants;
import io.camelinngest.InngestConverters;
import io.camelinngest.InngestEndpoint;
import io.camelinngest.InngestOperation;
import io.camelinngest.client.EventIdSeed;
import io.camelinngest.client.EventQuery;
import io.camelinngest.client.InngestClient;
import io.camelinngest.client.InngestJson;
import io.camelinngest.client.Ulid;
import io.camelinngest.model.CancellationRequest;
import io.camelinngest.model.EventPage;
import io.camelinngest.model.SendResult;
import io.camelinngest.tracking.RunAwaiter;

/**
 * Maps a message to one Inngest call: inputs from headers, else endpoint options; the typed result becomes the body.
 * Every input is checked before the call, and a missing or bad one names both the header and the option to set.
 * <p>
 * Asynchronous: the call runs on a thread of the component's call pool (from Camel's {@code ExecutorServiceManager}),
 * so the route's thread goes back to its pool at once, and neither a retry's back-off nor {@code awaitRuns} /
 * {@code awaitTerminal} holds it. The waits between the polls of an await are delays of the component's scheduler:
 * no thread is held while waiting. The exchange continues once the call (and the await) completed.
 * <p>
 * With {@code synchronous=true} the call, its back-offs and its await run on the route's thread instead, and the
 * exchange continues on it: no hand-off, which on a nearby server is most of what a call costs on top of HTTP.
 */
public class InngestProducer extends DefaultAsyncProducer {

    /**
     * The exchange property that keeps the event ID seeds of sends that have not completed, for their redelivery: a
     * map from a fingerprint of the endpoint and the events to the seed.
     */
    public static final String SEED_PROPERTY = "CamelInngestEventIdSeeds";

    private final InngestConfiguration config;
    private final InngestOperation operation;

    public InngestProducer(InngestEndpoint endpoint) {
        super(endpoint);
        this.config = endpoint.getConfiguration();
        this.operation = endpoint.getOperation();
    }

    @Override
    public InngestEndpoint getEndpoint() {
        return (InngestEndpoint) super.getEndpoint();
    }

    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        if (operation == InngestOperation.runStatus) {
            // a hand-over to the consumer: no call, nothing to wait for
            try {
                getEndpoint().handOverRuns(runIdsToHandOver(exchange.getMessage()));
            } catch (Exception e) {
                exchange.setException(e);
            }
            callback.done(true);
            return true;
        }
        ScheduledExecutorService scheduler = getEndpoint().getComponent().scheduler();
        if (config.isSynchronous()) {
            try {
                call(exchange, scheduler).join();
            } catch (CompletionException e) {
                exchange.setException(e.getCause() != null ? e.getCause() : e);
            } catch (Throwable e) {
                exchange.setException(e);
            }
            callback.done(true);
            return true;
        }
        try {
            getEndpoint().getComponent().callPool().execute(() -> {
                CompletableFuture<Void> pending;
                try {
                    pending = call(exchange, scheduler);
                } catch (Throwable e) {
                    exchange.setException(e);
                    callback.done(false);
                    return;
                }
                pending.whenComplete((ignored, e) -> {
                    if (e != null) {
                        exchange.setException(e instanceof CompletionException && e.getCause() != null ? e.getCause() : e);
                    }
                    callback.done(false);
                });
            });
        } catch (RejectedExecutionException e) {
            exchange.setException(new IllegalStateException("inngest:" + operation + ": the component is stopping", e));
            callback.done(true);
            return true;
        }
        return false;
    }

    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

    /** Makes the call; the future completes when what follows it (an await) has completed too. */
    private CompletableFuture<Void> call(Exchange exchange, ScheduledExecutorService scheduler) throws Exception {
        InngestClient client = getEndpoint().getClient();
        Message in = exchange.getMessage();
        switch (operation) {
            case sendEvents -> {
                Object events = eventsBody(in);
                // the fingerprint is only worked out when a seed may be kept for it, or must be kept (a failure)
                String keptKey = keptSeeds(exchange).isEmpty() ? null : sendKey(events);
                EventIdSeed seed = seedOf(exchange, keptKey);
                SendResult result;
                try {
                    result = client.sendEvents(events, seed);
                } catch (RuntimeException e) {
                    keepSeed(exchange, keptKey, events, seed);
                    throw e;
                }
                in.setHeader(InngestConstants.EVENT_IDS, result.ids());
                if (!config.isAwaitRuns()) {
                    in.setBody(InngestConverters.modelList(result.ids()));
                    forgetSeed(exchange, keptKey);
                    return DONE;
                }
                return RunAwaiter.schedule(awaiter(client).runsOfEvents(result.ids(), awaitTimeout()), scheduler)
                        .whenComplete((runs, e) -> {
                            if (e != null) {
                                keepSeed(exchange, keptKey, events, seed);
                            } else {
                                in.setBody(InngestConverters.modelList(runs));
                                forgetSeed(exchange, keptKey);
                            }
                        })
                        .thenAccept(runs -> { });
            }
            case listEvents -> {
                EventPage page = client.listEvents(new EventQuery(
                        text(in, InngestConstants.EVENT_NAME, config.eventNameFilter()),
                        instant(in, InngestConstants.RECEIVED_AFTER, config.getReceivedAfter(), "receivedAfter"),
                        instant(in, InngestConstants.RECEIVED_BEFORE, config.getReceivedBefore(), "receivedBefore"),
                        ulid(in, InngestConstants.CURSOR, config.getCursor(), "cursor", false),
                        limit(in)));
                if (page.hasMore()) {
                    in.setHeader(InngestConstants.CURSOR, page.nextCursor());
                } else {
                    in.removeHeader(InngestConstants.CURSOR);
                }
                in.setBody(InngestConverters.modelList(page.events()));
            }
            case getEvent -> in.setBody(client.getEvent(eventId(in)));
            case listEventRuns -> in.setBody(InngestConverters.modelList(client.listEventRuns(eventId(in))));
            case getRun -> {
                if (config.isAwaitTerminal()) {
                    return RunAwaiter.schedule(awaiter(client).run(runId(in), awaitTimeout()), scheduler)
                            .thenAccept(in::setBody);
                }
                in.setBody(client.getRun(runId(in)));
            }
            case invokeFunction -> {
                String appId = required(in, InngestConstants.APP_ID, config.getAppId(), "appId", "an app ID");
                String functionId = required(in, InngestConstants.FUNCTION_ID, config.getFunctionId(), "functionId",
                        "a function ID");
                Object data = functionData(in);
                return startedRun(client, in, client.invokeFunction(appId, functionId, data,
                        text(in, InngestConstants.IDEMPOTENCY_KEY, config.getIdempotencyKey())), scheduler);
            }
            case rerunRun -> {
                return startedRun(client, in, client.rerunRun(runId(in)), scheduler);
            }
            case listRunJobs -> in.setBody(InngestConverters.modelList(client.listRunJobs(runId(in))));
            case cancelRun -> {
                String runId = runId(in);
                client.cancelRun(runId);
                in.setHeader(InngestConstants.RUN_ID, runId);
                in.setBody(runId);
            }
            case listFunctions -> {
                String appId = text(in, InngestConstants.APP_ID, config.getAppId());
                in.setBody(InngestConverters.modelList(appId == null ? client.listAllFunctions() : client.listFunctions(appId)));
            }
            case sendSignal -> {
                String signal = required(in, InngestConstants.SIGNAL, config.getSignal(), "signal", "a signal name");
                String runId = client.sendSignal(signal, signalData(in));
                in.setHeader(InngestConstants.RUN_ID, runId);
                in.setBody(runId);
            }
            case createCancellation -> in.setBody(client.createCancellation(cancellationRequest(in)));
            case listCancellations -> in.setBody(InngestConverters.modelList(client.listCancellations()));
            case deleteCancellation -> {
                String id = ulid(in, InngestConstants.CANCELLATION_ID, config.getCancellationId(), "cancellationId", true);
                client.deleteCancellation(id);
                in.setBody(id);
            }
            case runStatus -> getEndpoint().handOverRuns(runIdsToHandOver(in));
            case newEvents -> throw new UnsupportedOperationException(
                    "inngest:newEvents is a consumer operation; use it in from()");
        }
        return DONE;
    }

    private Duration awaitTimeout() {
        return Duration.ofMillis(config.getAwaitTimeout());
    }

    /** The body becomes the run started (its ID, or with awaitTerminal the ended run); the header its ID. */
    private CompletableFuture<Void> startedRun(InngestClient client, Message in, String runId,
                                               ScheduledExecutorService scheduler) {
        in.setHeader(InngestConstants.RUN_ID, runId);
        if (!config.isAwaitTerminal()) {
            in.setBody(runId);
            return DONE;
        }
        return RunAwaiter.schedule(awaiter(client).newRun(operation.name(), runId, awaitTimeout()), scheduler)
                .thenAccept(in::setBody);
    }

    /**
     * The event ID seed of one logical send. Every send gets a new seed, except a send of the same events to the same
     * endpoint that an earlier attempt on this exchange left unfinished (it failed, and Camel's error handler or the
     * route now sends it again): that one reuses the earlier seed, so the server derives the same internal IDs and
     * starts no duplicate runs. A failed send keeps its seed on the exchange ({@link #keepSeed}); a seed is forgotten
     * once its send has completed, so a later send of the same exchange (a second {@code to}, a loop) is a new send
     * with a new seed; copies made by a splitter or a multicast start without the seeds of sends that completed.
     *
     * @param sendKey the send's fingerprint, or {@code null} when the exchange keeps no seed (nothing to reuse)
     */
    private static EventIdSeed seedOf(Exchange exchange, String sendKey) {
        String value = sendKey == null ? null : keptSeeds(exchange).get(sendKey);
        return value != null ? EventIdSeed.parse(value) : EventIdSeed.random();
    }

    /**
     * Keeps the seed of a send that did not complete, for a redelivery of the same events to reuse.
     *
     * @param keptKey the send's fingerprint when it was worked out already, else {@code null}
     */
    private void keepSeed(Exchange exchange, String keptKey, Object events, EventIdSeed seed) {
        String sendKey = keptKey != null ? keptKey : sendKey(events);
        Map<String, String> kept = keptSeeds(exchange);
        if (sendKey != null && !seed.headerValue().equals(kept.get(sendKey))) {
            Map<String, String> seeds = new HashMap<>(kept);
            seeds.put(sendKey, seed.headerValue());
            // a new map each time: exchange copies share the property's value
            exchange.setProperty(SEED_PROPERTY, Map.copyOf(seeds));
        }
    }

    private static void forgetSeed(Exchange exchange, String sendKey) {
        Map<String, String> kept = keptSeeds(exchange);
        if (sendKey != null && kept.containsKey(sendKey)) {
            Map<String, String> seeds = new HashMap<>(kept);
            seeds.remove(sendKey);
            if (seeds.isEmpty()) {
                exchange.removeProperty(SEED_PROPERTY);
            } else {
                exchange.setProperty(SEED_PROPERTY, Map.copyOf(seeds));
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> keptSeeds(Exchange exchange) {
        Object kept = exchange.getProperty(SEED_PROPERTY);
        return kept instanceof Map<?, ?> map ? (Map<String, String>) map : Map.of();
    }

    /**
     * A fingerprint of this endpoint and these events (hashed: the endpoint URI may hold a key), or {@code null} when
     * the events cannot be written as JSON (the send then fails before any request).
     */
    private String sendKey(Object events) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(getEndpoint().getEndpointKey().getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(events instanceof byte[] bytes ? bytes
                    : events instanceof String text ? text.getBytes(StandardCharsets.UTF_8)
                    : InngestJson.mapper().writeValueAsBytes(events));
            return HexFormat.of().formatHex(digest.digest(), 0, 16);
        } catch (JsonProcessingException e) {
            return null;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private RunAwaiter awaiter(InngestClient client) {
        return new RunAwaiter(client, Duration.ofMillis(config.getRunPollInterval()),
                Duration.ofMillis(config.getEventRunsInterval()));
    }

    // ---------------------------------------------------------------------------------------------------------
    // inputs

    private List<String> runIdsToHandOver(Message in) {
        Object value = in.getHeader(InngestConstants.RUN_ID);
        List<String> ids = new ArrayList<>();
        if (value instanceof Collection<?> collection) {
            collection.forEach(v -> ids.add(String.valueOf(v).trim()));
        } else if (value != null) {
            for (String id : value.toString().split(",")) {
                ids.add(id.trim());
            }
        }
        ids.removeIf(String::isEmpty);
        if (ids.isEmpty()) {
            throw new IllegalArgumentException("inngest:runStatus as a producer hands runs over to its consumer: set header "
                                               + InngestConstants.RUN_ID + " to a run ID or a collection of run IDs");
        }
        for (String id : ids) {
            if (!Ulid.isValid(id)) {
                throw new IllegalArgumentException("inngest:runStatus: header " + InngestConstants.RUN_ID
                                                   + " must hold 26-character ULIDs, was '" + id + "'");
            }
        }
        return ids;
    }

    private String eventId(Message in) {
        return ulid(in, InngestConstants.EVENT_ID, config.getEventId(), "eventId", true);
    }

    private String runId(Message in) {
        return ulid(in, InngestConstants.RUN_ID, config.getRunId(), "runId", true);
    }

    private String ulid(Message in, String header, String option, String optionName, boolean required) {
        String value = required
                ? required(in, header, option, optionName, "an ID")
                : text(in, header, option);
        if (value != null && !Ulid.isValid(value)) {
            throw new IllegalArgumentException("inngest:" + operation + ": header " + header + " / option " + optionName
                                               + " must be a 26-character ULID such as 01JWNNSVKR5DW3DMHK620M933E, was '"
                                               + value + "'");
        }
        return value;
    }

    private String required(Message in, String header, String option, String optionName, String what) {
        String value = text(in, header, option);
        if (value == null) {
            throw new IllegalArgumentException("inngest:" + operation + " needs " + what + ": set header " + header
                                               + " or option " + optionName);
        }
        return value;
    }

    private static String text(Message in, String header, String option) {
        Object value = in.getHeader(header);
        String text = value == null ? "" : value.toString().trim();
        if (text.isEmpty()) {
            return option == null || option.isBlank() ? null : option.trim();
        }
        return text;
    }

    private Integer limit(Message in) {
        Object value = in.getHeader(InngestConstants.LIMIT);
        Integer limit;
        if (value == null) {
            limit = config.getLimit();
        } else {
            try {
                limit = value instanceof Number n ? Integer.valueOf(n.intValue()) : Integer.valueOf(value.toString().trim());
            } catch (NumberFormatException e) {
                limit = -1;
            }
        }
        if (limit != null && (limit < 1 || limit > EventQuery.MAX_LIMIT)) {
            throw new IllegalArgumentException("inngest:" + operation + ": header " + InngestConstants.LIMIT + " / option limit"
                                               + " must be a whole number from 1 to " + EventQuery.MAX_LIMIT + ", was '"
                                               + (value == null ? limit : value) + "'");
        }
        return limit;
    }

    private Instant instant(Message in, String header, String option, String optionName) {
        Object value = in.getHeader(header);
        if (value == null) {
            value = option == null || option.isBlank() ? null : option;
        }
        if (value == null) {
            return null;
        }
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        if (value instanceof ZonedDateTime z) {
            return z.toInstant();
        }
        if (value instanceof Date d) {
            return d.toInstant();
        }
        String text = value.toString().trim();
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("inngest:" + operation + ": header " + header + " / option " + optionName
                                               + " must be an ISO-8601 instant such as 2025-06-01T12:00:00Z, was '" + text + "'");
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // bodies

    private static Object eventsBody(Message in) throws Exception {
        Object body = in.getBody();
        return isStream(body) ? in.getMandatoryBody(byte[].class) : body;
    }

    private static boolean isStream(Object body) {
        return body instanceof InputStream || body instanceof Reader || body instanceof StreamCache;
    }

    /**
     * The data a function is invoked with: the body as a JSON object (a Map, a JsonNode, a POJO, or JSON text);
     * no body means {@code {}}.
     */
    private static Object functionData(Message in) throws Exception {
        Object body = in.getBody();
        if (body == null) {
            return null;
        }
        if (isStream(body) || body instanceof byte[] || body instanceof String) {
            String text = in.getMandatoryBody(String.class).trim();
            if (text.isEmpty()) {
                return null;
            }
            try {
                body = InngestJson.mapper().readTree(text);
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("inngest:invokeFunction: the body must be the function's data as a JSON"
                                                   + " object, but it is not JSON: " + e.getOriginalMessage());
            }
        }
        return body;
    }

    /** The signal's data: a JSON text is sent as the JSON it holds, any other text as a string, objects as JSON. */
    private static Object signalData(Message in) throws Exception {
        Object body = in.getBody();
        if (isStream(body)) {
            body = in.getMandatoryBody(String.class);
        }
        if (body instanceof byte[] bytes) {
            body = new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
        }
        if (body instanceof String text) {
            String trimmed = text.trim();
            if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
                try {
                    return InngestJson.mapper().readTree(trimmed);
                } catch (Exception e) {
                    return text;
                }
            }
        }
        return body;
    }

    private CancellationRequest cancellationRequest(Message in) throws Exception {
        Object body = in.getBody();
        CancellationRequest request;
        if (body instanceof CancellationRequest r) {
            request = r;
        } else if (body == null) {
            request = new CancellationRequest(null, null, null, null, null);
        } else {
            JsonNode json;
            try {
                json = body instanceof Map<?, ?> || body instanceof JsonNode
                        ? InngestJson.mapper().valueToTree(body)
                        : InngestJson.mapper().readTree(in.getMandatoryBody(String.class));
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("inngest:createCancellation: the body is not JSON: " + e.getOriginalMessage());
            }
            try {
                // a misspelt key must not silently widen a bulk cancellation
                request = InngestJson.mapper().readerFor(CancellationRequest.class)
                        .with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                        .readValue(json);
            } catch (Exception e) {
                throw new IllegalArgumentException("inngest:createCancellation: the body must be a CancellationRequest or a"
                                                   + " JSON object with app_id, function_id, started_before (ISO-8601),"
                                                   + " started_after and if: " + e.getMessage());
            }
        }
        String appId = request.appId() != null ? request.appId() : text(in, InngestConstants.APP_ID, config.getAppId());
        String functionId = request.functionId() != null
                ? request.functionId()
                : text(in, InngestConstants.FUNCTION_ID, config.getFunctionId());
        if (appId == null) {
            throw new IllegalArgumentException("inngest:createCancellation needs an app ID: set app_id in the body, header "
                                               + InngestConstants.APP_ID + " or option appId");
        }
        if (functionId == null) {
            throw new IllegalArgumentException("inngest:createCancellation needs a function ID: set function_id in the body,"
                                               + " header " + InngestConstants.FUNCTION_ID + " or option functionId");
        }
        if (request.startedBefore() == null) {
            throw new IllegalArgumentException("inngest:createCancellation needs started_before in the body: runs started"
                                               + " before it are cancelled");
        }
        return new CancellationRequest(appId, functionId, request.startedBefore(), request.startedAfter(), request.condition());
    }
}
