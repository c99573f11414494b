package io.camelinngest.producer;

import io.camelinngest.InngestEndpoint;
import io.camelinngest.InngestOperation;
import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultAsyncProducer;

/**
 * Maps a message to one Inngest call ({@link OperationDispatch}): inputs from headers, else endpoint options; the typed
 * result becomes the body. Every input is checked before the call, and a missing or bad one names both the header and
 * the option to set.
 * <p>
 * Threads: the call is made on the route's thread, and the exchange goes on there when nothing is left to wait for, so
 * a plain call costs no hand-off. Only a wait makes it asynchronous: a retry's back-off, or {@code awaitRuns} /
 * {@code awaitTerminal}. A wait is a timer of the component's scheduler; when it fires, the next attempt or read runs
 * on the component's call pool (a cached pool, so one slow read never holds a thread another wait needs), and the
 * exchange goes on from there ({@link AsyncCall}).
 * <p>
 * With {@code synchronous=true} the waits happen on the route's thread too (it sleeps through them), and the exchange
 * always goes on there.
 */
public class InngestProducer extends DefaultAsyncProducer {

    /**
     * The exchange property that keeps the event ID seeds of sends that have not completed, for their redelivery: a map
     * from a fingerprint of the endpoint and the events to the seed.
     */
    public static final String SEED_PROPERTY = SendSeeds.PROPERTY;

    private final OperationDispatch dispatch;
    private final InngestOperation operation;
    private final boolean synchronous;

    public InngestProducer(InngestEndpoint endpoint) {
        super(endpoint);
        this.dispatch = new OperationDispatch(endpoint);
        this.operation = endpoint.getOperation();
        this.synchronous = endpoint.getConfiguration().isSynchronous();
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
                getEndpoint().handOverRuns(dispatch.inputs().runIdsToHandOver(exchange.getMessage()));
            } catch (Exception e) {
                exchange.setException(e);
            }
            callback.done(true);
            return true;
        }
        if (synchronous) {
            try {
                Waiting<?> waiting = dispatch.call(exchange, getEndpoint().getClient(), new OperationDispatch.CallState());
                if (waiting != null) {
                    waiting.block();
                }
            } catch (Throwable e) {
                exchange.setException(e);
            }
            callback.done(true);
            return true;
        }
        return new AsyncCall(
                dispatch, exchange, callback, getEndpoint().getClient().deferringRetries(),
                getEndpoint().getComponent().scheduler(), getEndpoint().getComponent().callPool()).start();
    }
}
