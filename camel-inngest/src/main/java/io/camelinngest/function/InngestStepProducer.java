package io.camelinngest.function;

import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.camelinngest.InngestStepEndpoint;
import io.camelinngest.client.InngestJson;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.Producer;
import org.apache.camel.support.DefaultProducer;
import org.apache.camel.support.service.ServiceHelper;

/**
 * One step of a function route (SDK spec 5): hands on its memoized result when the call request has one; else runs
 * (op=run, when the request allows it) or reports itself, and stops the route there so that the call answers 206.
 */
public final class InngestStepProducer extends DefaultProducer {

    private final ObjectMapper json = InngestJson.mapper();
    private Producer work;

    public InngestStepProducer(InngestStepEndpoint endpoint) {
        super(endpoint);
    }

    @Override
    public InngestStepEndpoint getEndpoint() {
        return (InngestStepEndpoint) super.getEndpoint();
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        InngestStepEndpoint e = getEndpoint();
        String target = e.getOp() == StepOp.sendEvent && e.getTo() == null ? "inngest:sendEvents" : e.getTo();
        if (target != null && (e.getOp() == StepOp.run || e.getOp() == StepOp.sendEvent)) {
            Endpoint endpoint = getEndpoint().getCamelContext().getEndpoint(target);
            work = endpoint.createProducer();
            ServiceHelper.startService(work);
        }
    }

    @Override
    protected void doStop() throws Exception {
        ServiceHelper.stopAndShutdownService(work);
        work = null;
        super.doStop();
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        InngestStepEndpoint e = getEndpoint();
        RunState state = exchange.getProperty(RunState.PROPERTY, RunState.class);
        if (state == null) {
            throw new IllegalStateException(
                    "inngest-step:" + e.getName() + " runs only inside a route that starts "
                                            + "from inngest-function:<id> (this exchange is not an Inngest run)");
        }
        String id = state.nextId(e.getName());
        Object memo = state.memoized(id);
        if (memo != null) {
            handOn(exchange, memo == RunState.NULL_ENTRY ? null : memo);
            return;
        }
        exchange.setRouteStop(true);
        if (state.targetsOneStep() && !state.requestedStep().equals(id)) {
            // the server asked for another (planned) step: report nothing new (SDK spec 5.3.1)
            return;
        }
        state.report(switch (e.getOp()) {
            case run, sendEvent -> state.mayRun(id) ? runNow(exchange, id) : op(id, "StepPlanned", null);
            case sleep -> op(id, "Sleep", Map.of("duration", e.getDuration()));
            case sleepUntil -> op(id, "Sleep", Map.of("duration", e.getUntil()));
            case waitForEvent -> op(id, "WaitForEvent", waitOpts(e));
            case invoke -> op(id, "InvokeFunction", invokeOpts(e, exchange));
        });
    }

    @SuppressWarnings("unchecked")
    private void handOn(Exchange exchange, Object memo) {
        InngestStepEndpoint e = getEndpoint();
        Object value = memo;
        if (memo instanceof Map<?, ?> entry && entry.size() == 1) {
            if (entry.containsKey("error")) {
                Map<String, Object> error = entry.get("error") instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
                throw new InngestStepFailedException(
                        e.getName(), String.valueOf(error.getOrDefault("name", "Error")),
                        String.valueOf(error.getOrDefault("message", "")));
            }
            if (entry.containsKey("data")) {
                value = entry.get("data");
            }
        }
        switch (e.getOp()) {
            case sleep, sleepUntil -> {
                // a sleep has no result: the body stays as it was
            }
            case waitForEvent -> {
                exchange.getMessage().setBody(value);
                exchange.getMessage().setHeader(InngestFunctionConstants.STEP_TIMED_OUT, value == null);
            }
            default -> exchange.getMessage().setBody(value);
        }
    }

    private Map<String, Object> runNow(Exchange exchange, String id) {
        Exchange copy = exchange.copy();
        copy.removeProperty(RunState.PROPERTY);
        copy.setRouteStop(false);
        try {
            work.process(copy);
        } catch (Exception ex) {
            copy.setException(ex);
        }
        Exception failure = copy.getException();
        Object data = null;
        if (failure == null) {
            try {
                data = jsonValue(copy);
            } catch (Exception ex) {
                failure = new IllegalArgumentException(
                        "inngest-step:" + getEndpoint().getName()
                                                       + ": the step's result is not JSON-serializable: " + ex.getMessage(),
                        ex);
            }
        }
        if (failure != null) {
            boolean final_ = CallHandler.noRetry(copy, failure);
            Map<String, Object> op = op(id, final_ ? "StepFailed" : "StepError", null);
            op.put("error", CallHandler.errorOf(failure));
            return op;
        }
        Map<String, Object> op = op(id, "StepRun", null);
        op.put("data", data);
        return op;
    }

    private Object jsonValue(Exchange done) throws Exception {
        Object body = done.getMessage().getBody();
        if (body instanceof InputStream || body instanceof byte[]) {
            body = done.getMessage().getBody(String.class);
        }
        return body == null ? null : json.convertValue(body, Object.class);
    }

    private Map<String, Object> op(String id, String opcode, Map<String, Object> opts) {
        Map<String, Object> op = new LinkedHashMap<>();
        op.put("id", id);
        op.put("op", opcode);
        op.put("name", getEndpoint().getName());
        op.put("displayName", getEndpoint().getName());
        if (opts != null) {
            op.put("opts", opts);
        }
        return op;
    }

    private static Map<String, Object> waitOpts(InngestStepEndpoint e) {
        Map<String, Object> opts = new LinkedHashMap<>();
        opts.put("event", e.getEvent());
        opts.put("timeout", e.getTimeout());
        if (e.getMatch() != null && !e.getMatch().isBlank()) {
            opts.put("if", e.getMatch());
        }
        return opts;
    }

    private Map<String, Object> invokeOpts(InngestStepEndpoint e, Exchange exchange) {
        Map<String, Object> opts = new LinkedHashMap<>();
        opts.put("function_id", e.getFunction());
        Object body = exchange.getMessage().getBody();
        Object data = body == null ? Map.of() : json.convertValue(body, Object.class);
        if (!(data instanceof Map)) {
            // the same body comes on every retry: fail the run now rather than retry what cannot work
            throw new InngestNonRetriableException(
                    "inngest-step:" + e.getName() + ": op=invoke sends the message body "
                                                   + "as the event's data, which must be a JSON object; it was a "
                                                   + body.getClass().getSimpleName());
        }
        opts.put("payload", Map.of("data", data));
        if (e.getTimeout() != null && !e.getTimeout().isBlank()) {
            opts.put("timeout", e.getTimeout());
        }
        return opts;
    }
}
