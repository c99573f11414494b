package io.camelinngest.function;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one call request through its function's route (SDK spec 4.4.3, 5): the exchange is the run, started from the
 * beginning on each call; its steps memoize or report through the {@link RunState}; the answer is 200 with the route's
 * result, 206 with the step the route stopped at, or an error that the server retries (500) or not (400).
 */
final class CallHandler {

    private static final Logger LOG = LoggerFactory.getLogger(CallHandler.class);

    private final ObjectMapper json;

    CallHandler(ObjectMapper json) {
        this.json = json;
    }

    CallResponse call(InngestFunctionConsumer function, CallRequest request, String stepId) throws JsonProcessingException {
        RunState state = new RunState(request, stepId);
        Exchange exchange = function.createExchange(false);
        try {
            Map<String, Object> event = request.event();
            exchange.getMessage().setBody(event.get("data"));
            exchange.getMessage().setHeader(InngestFunctionConstants.EVENT, event);
            exchange.getMessage().setHeader(InngestFunctionConstants.EVENTS, request.events());
            exchange.getMessage().setHeader(InngestFunctionConstants.EVENT_NAME, event.get("name"));
            exchange.getMessage().setHeader(InngestFunctionConstants.RUN_ID, request.runId());
            exchange.getMessage().setHeader(InngestFunctionConstants.ATTEMPT, request.attempt());
            exchange.getMessage().setHeader(InngestFunctionConstants.FUNCTION_ID, function.compositeId());
            exchange.setProperty(RunState.PROPERTY, state);
            try {
                function.getProcessor().process(exchange);
            } catch (Exception e) {
                exchange.setException(e);
            }
            return answer(function, state, exchange);
        } finally {
            function.releaseExchange(exchange, false);
        }
    }

    private CallResponse answer(InngestFunctionConsumer function, RunState state, Exchange exchange)
            throws JsonProcessingException {
        Map<String, Object> op = state.reported();
        if (op != null) {
            CallResponse response = CallResponse.of(206, json.writeValueAsString(List.of(op)));
            if ("StepFailed".equals(op.get("op"))) {
                response = response.with("X-Inngest-No-Retry", "true");
            }
            return response;
        }
        if (state.targetsOneStep()) {
            // the planned step was not reached: the route changed, or it is not deterministic (SDK spec 5.3.1)
            LOG.warn("Function {} run {}: the route ended without reaching the step the server asked for ({}); "
                     + "answering StepNotFound",
                    function.compositeId(), state.request().runId(), state.requestedStep());
            return CallResponse.of(206,
                    json.writeValueAsString(List.of(Map.of("id", state.requestedStep(), "op", "StepNotFound"))));
        }
        List<String> unused = state.unused();
        if (!unused.isEmpty()) {
            LOG.warn("Function {} run {}: {} memoized step(s) were not reached by the route ({}); it may have changed "
                     + "since they ran",
                    function.compositeId(), state.request().runId(), unused.size(), unused);
        }
        Exception failure = exchange.getException();
        if (failure != null) {
            boolean noRetry = noRetry(exchange, failure);
            String error = json.writeValueAsString(errorOf(failure));
            function.recordCall(state.request().runId(), noRetry ? "failed" : "retry", failure.getMessage());
            return CallResponse.of(noRetry ? 400 : 500, error).with("X-Inngest-No-Retry", Boolean.toString(noRetry));
        }
        function.recordCall(state.request().runId(), "completed", null);
        return CallResponse.of(200, json.writeValueAsString(exchange.getMessage().getBody()));
    }

    static boolean noRetry(Exchange exchange, Throwable failure) {
        if (Boolean.TRUE.equals(exchange.getMessage().getHeader(InngestFunctionConstants.NO_RETRY, Boolean.class))) {
            return true;
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof InngestNonRetriableException || t instanceof InngestStepFailedException) {
                return true;
            }
        }
        return false;
    }

    /** The error shape of SDK spec 4.4.3: name, message, stack. */
    static Map<String, Object> errorOf(Throwable failure) {
        Throwable shown = failure;
        // Camel wraps what a processor throws; the user's exception is the one to show
        while (shown.getCause() != null && shown instanceof org.apache.camel.CamelExecutionException) {
            shown = shown.getCause();
        }
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("name", shown instanceof InngestStepFailedException f ? f.getErrorName() : shown.getClass().getSimpleName());
        error.put("message", shown.getMessage() == null ? shown.getClass().getName() : shown.getMessage());
        StringWriter stack = new StringWriter();
        shown.printStackTrace(new PrintWriter(stack));
        error.put("stack", stack.toString());
        return error;
    }
}
