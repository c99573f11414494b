package io.camelinngest.function;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;

import io.camelinngest.InngestFunctionEndpoint;
import org.apache.camel.Processor;
import org.apache.camel.support.DefaultConsumer;

/**
 * One served function: registers its route with the app's serve path while it runs, and keeps its last calls for the
 * dev console.
 */
public class InngestFunctionConsumer extends DefaultConsumer {

    private static final int CALLS_KEPT = 10;

    /** One finished call: when, which run, how it ended (completed, retry, failed), and the error message if any. */
    public record Call(Instant at, String runId, String outcome, String error) {
    }

    private final Deque<Call> calls = new ArrayDeque<>();

    public InngestFunctionConsumer(InngestFunctionEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
        setHealthCheck(new FunctionSyncHealthCheck(this));
    }

    @Override
    public InngestFunctionEndpoint getEndpoint() {
        return (InngestFunctionEndpoint) super.getEndpoint();
    }

    String compositeId() {
        return getEndpoint().compositeId();
    }

    Map<String, Object> definition(String serveUrl) {
        return FunctionDefinition.toSync(compositeId(), getEndpoint().getFunctionId(), getEndpoint().getOptions(), serveUrl);
    }

    void recordCall(String runId, String outcome, String error) {
        synchronized (calls) {
            calls.addFirst(new Call(Instant.now(), runId, outcome, error));
            while (calls.size() > CALLS_KEPT) {
                calls.removeLast();
            }
        }
    }

    /** The last calls that ran the route to its end (newest first); calls that reported a step are not kept. */
    public List<Call> lastCalls() {
        synchronized (calls) {
            return List.copyOf(calls);
        }
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        getEndpoint().getComponent().server().register(this);
        getEndpoint().getComponent().functionStarted();
    }

    @Override
    protected void doStop() throws Exception {
        getEndpoint().getComponent().server().unregister(this);
        super.doStop();
    }
}
