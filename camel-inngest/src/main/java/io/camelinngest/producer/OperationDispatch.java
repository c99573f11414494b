package io.camelinngest.producer;

import java.time.Duration;

import io.camelinngest.InngestConfiguration;
import io.camelinngest.InngestConstants;
import io.camelinngest.InngestConverters;
import io.camelinngest.InngestEndpoint;
import io.camelinngest.InngestOperation;
import io.camelinngest.client.EventIdSeed;
import io.camelinngest.client.EventQuery;
import io.camelinngest.client.InngestClient;
import io.camelinngest.client.RetryLater;
import io.camelinngest.model.CancellationRequest;
import io.camelinngest.model.EventPage;
import io.camelinngest.model.FunctionRun;
import io.camelinngest.model.SendResult;
import io.camelinngest.tracking.RunAwaiter;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * One Inngest call per message: the operation's inputs ({@link MessageInputs}) go to one client call, whose typed
 * result becomes the body. A call that awaits runs leaves a {@link Waiting} for the producer to run.
 */
final class OperationDispatch {

    /**
     * What one call keeps across its attempts: a send's events and seed, so a resumed send is the same send, and the
     * request body read from the message, so a resumed call does not read a stream body a second time.
     */
    static final class CallState {
        private Object events;
        private String keptKey;
        private EventIdSeed seed;
        private boolean bodyRead;
        private Object body;

        /** The body as {@code conversion} makes it, worked out on the first attempt only. */
        Object body(BodyReader conversion) throws Exception {
            if (!bodyRead) {
                body = conversion.read();
                bodyRead = true;
            }
            return body;
        }
    }

    /** Reads the request body from the message (it may throw, as Camel's conversions do). */
    interface BodyReader {
        Object read() throws Exception;
    }

    private final InngestEndpoint endpoint;
    private final InngestConfiguration config;
    private final InngestOperation operation;
    private final MessageInputs inputs;

    OperationDispatch(InngestEndpoint endpoint) {
        this.endpoint = endpoint;
        this.config = endpoint.getConfiguration();
        this.operation = endpoint.getOperation();
        this.inputs = new MessageInputs(operation, config);
    }

    MessageInputs inputs() {
        return inputs;
    }

    InngestOperation operation() {
        return operation;
    }

    /**
     * Makes the call with {@code client}. A client made with {@link InngestClient#deferringRetries()} throws
     * {@link RetryLater} when a retry must wait; calling again with the same client and {@code send} resumes the call.
     *
     * @return what is left to wait for, or {@code null} when the exchange is complete
     */
    Waiting<?> call(Exchange exchange, InngestClient client, CallState send) throws Exception {
        Message in = exchange.getMessage();
        switch (operation) {
            case sendEvents -> {
                return sendEvents(exchange, client, send);
            }
            case listEvents -> {
                EventPage page = client.listEvents(new EventQuery(
                        MessageInputs.text(in, InngestConstants.EVENT_NAME, config.eventNameFilter()),
                        inputs.instant(in, InngestConstants.RECEIVED_AFTER, config.getReceivedAfter(), "receivedAfter"),
                        inputs.instant(in, InngestConstants.RECEIVED_BEFORE, config.getReceivedBefore(), "receivedBefore"),
                        inputs.ulid(in, InngestConstants.CURSOR, config.getCursor(), "cursor", false),
                        inputs.limit(in)));
                if (page.hasMore()) {
                    in.setHeader(InngestConstants.CURSOR, page.nextCursor());
                } else {
                    in.removeHeader(InngestConstants.CURSOR);
                }
                in.setBody(InngestConverters.modelList(page.events()));
            }
            case getEvent -> in.setBody(client.getEvent(inputs.eventId(in)));
            case listEventRuns -> in.setBody(InngestConverters.modelList(client.listEventRuns(inputs.eventId(in))));
            case getRun -> {
                if (config.isAwaitTerminal()) {
                    return new Waiting<FunctionRun>(
                            awaiter(client).run(inputs.runId(in), awaitTimeout()), "getRun",
                            in::setBody, () -> {
                            });
                }
                in.setBody(client.getRun(inputs.runId(in)));
            }
            case invokeFunction -> {
                String appId = inputs.required(in, InngestConstants.APP_ID, config.getAppId(), "appId", "an app ID");
                String functionId = inputs.required(in, InngestConstants.FUNCTION_ID, config.getFunctionId(),
                        "functionId", "a function ID");
                Object data = send.body(() -> BodyConversion.functionData(in));
                return startedRun(client, in, client.invokeFunction(appId, functionId, data,
                        MessageInputs.text(in, InngestConstants.IDEMPOTENCY_KEY, config.getIdempotencyKey())));
            }
            case rerunRun -> {
                return startedRun(client, in, client.rerunRun(inputs.runId(in)));
            }
            case listRunJobs -> in.setBody(InngestConverters.modelList(client.listRunJobs(inputs.runId(in))));
            case cancelRun -> {
                String runId = inputs.runId(in);
                client.cancelRun(runId);
                in.setHeader(InngestConstants.RUN_ID, runId);
                in.setBody(runId);
            }
            case listFunctions -> {
                String appId = MessageInputs.text(in, InngestConstants.APP_ID, config.getAppId());
                in.setBody(
                        InngestConverters.modelList(appId == null ? client.listAllFunctions() : client.listFunctions(appId)));
            }
            case sendSignal -> {
                String signal = inputs.required(in, InngestConstants.SIGNAL, config.getSignal(), "signal", "a signal name");
                String runId = client.sendSignal(signal, send.body(() -> BodyConversion.signalData(in)));
                in.setHeader(InngestConstants.RUN_ID, runId);
                in.setBody(runId);
            }
            case createCancellation -> in.setBody(client.createCancellation(
                    (CancellationRequest) send.body(() -> inputs.cancellationRequest(in))));
            case listCancellations -> in.setBody(InngestConverters.modelList(client.listCancellations()));
            case deleteCancellation -> {
                String id = inputs.ulid(in, InngestConstants.CANCELLATION_ID, config.getCancellationId(), "cancellationId",
                        true);
                client.deleteCancellation(id);
                in.setBody(id);
            }
            case runStatus -> endpoint.handOverRuns(inputs.runIdsToHandOver(in));
            case newEvents -> throw new UnsupportedOperationException(
                    "inngest:newEvents is a consumer operation; use it in from()");
        }
        return null;
    }

    private Waiting<?> sendEvents(Exchange exchange, InngestClient client, CallState send) throws Exception {
        Message in = exchange.getMessage();
        if (send.seed == null) {
            send.events = BodyConversion.events(in);
            // the fingerprint is only worked out when a seed may be kept for it, or must be kept (a failure)
            send.keptKey = SendSeeds.anyKept(exchange) ? SendSeeds.sendKey(endpoint.getEndpointKey(), send.events) : null;
            send.seed = SendSeeds.seedOf(exchange, send.keptKey);
        }
        SendResult result;
        try {
            result = client.sendEvents(send.events, send.seed);
        } catch (RetryLater later) {
            throw later;
        } catch (RuntimeException e) {
            keepSeed(exchange, send);
            throw e;
        }
        in.setHeader(InngestConstants.EVENT_IDS, result.ids());
        if (!config.isAwaitRuns()) {
            in.setBody(InngestConverters.modelList(result.ids()));
            SendSeeds.forget(exchange, send.keptKey);
            return null;
        }
        return new Waiting<>(awaiter(client).runsOfEvents(result.ids(), awaitTimeout()), "sendEvents", runs -> {
            in.setBody(InngestConverters.modelList(runs));
            SendSeeds.forget(exchange, send.keptKey);
        }, () -> keepSeed(exchange, send));
    }

    /** Keeps the seed of a send that did not complete, working out its fingerprint if it was not yet. */
    private void keepSeed(Exchange exchange, CallState send) {
        String sendKey = send.keptKey != null ? send.keptKey : SendSeeds.sendKey(endpoint.getEndpointKey(), send.events);
        SendSeeds.keep(exchange, sendKey, send.seed);
    }

    /** The body becomes the run started (its ID, or with awaitTerminal the ended run); the header its ID. */
    private Waiting<?> startedRun(InngestClient client, Message in, String runId) {
        in.setHeader(InngestConstants.RUN_ID, runId);
        if (!config.isAwaitTerminal()) {
            in.setBody(runId);
            return null;
        }
        return new Waiting<FunctionRun>(
                awaiter(client).newRun(operation.name(), runId, awaitTimeout()), operation.name(),
                in::setBody, () -> {
                });
    }

    private Duration awaitTimeout() {
        return Duration.ofMillis(config.getAwaitTimeout());
    }

    private RunAwaiter awaiter(InngestClient client) {
        return new RunAwaiter(
                client, Duration.ofMillis(config.getRunPollInterval()),
                Duration.ofMillis(config.getEventRunsInterval()));
    }
}
