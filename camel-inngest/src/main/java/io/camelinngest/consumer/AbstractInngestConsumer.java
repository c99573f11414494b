package io.camelinngest.consumer;

import java.util.ArrayDeque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;

import org.apache.camel.Exchange;
import org.apache.camel.ExchangePropertyKey;
import org.apache.camel.Processor;
import org.apache.camel.spi.StateRepository;
import org.apache.camel.support.ScheduledBatchPollingConsumer;
import org.apache.camel.support.processor.state.FileStateRepository;
import org.apache.camel.support.service.ServiceHelper;

import io.camelinngest.InngestEndpoint;
import io.camelinngest.client.InngestClient;

/**
 * The delivery loop shared by the Inngest consumers: each poll fetches the items not delivered yet, in order, and
 * sends them one at a time, each in its own exchange, synchronously. The position moves past an item only after its
 * exchange completed; when one fails, the rest of the batch waits and the failed item comes again on the next poll.
 * So delivery is at least once, in order, with no gap; the item in flight when a node dies may come twice.
 */
public abstract class AbstractInngestConsumer extends ScheduledBatchPollingConsumer {

    /** One item to deliver: the message, and what to record once its exchange completed. */
    protected record Delivery(Object body, Map<String, Object> headers, Runnable onDelivered) {
    }

    /** The started consumers using each configured repository, and whether they started it. */
    private static final Map<StateRepository<String, String>, Users> USERS = new IdentityHashMap<>();

    private static final class Users {
        private final boolean startedHere;
        private int count;

        private Users(boolean startedHere) {
            this.startedHere = startedHere;
        }
    }

    private final StateRepository<String, String> repository;
    private final boolean usesEndpointDefault;
    private final String stateKey;
    /** Set when a position could not be written: the next poll reads it back from the repository first. */
    private volatile boolean restoreBeforePoll;

    protected AbstractInngestConsumer(InngestEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
        StateRepository<String, String> configured = endpoint.getConfiguration().getStateRepository();
        // the in-memory default belongs to the endpoint, so the position survives a route restart (which builds a new
        // consumer); it needs no lifecycle and is never stopped (stopping a MemoryStateRepository clears it)
        this.usesEndpointDefault = configured == null;
        this.repository = configured != null ? configured : endpoint.defaultStateRepository();
        this.stateKey = endpoint.stateKey();
    }

    @Override
    public InngestEndpoint getEndpoint() {
        return (InngestEndpoint) super.getEndpoint();
    }

    protected InngestClient client() {
        return getEndpoint().getClient();
    }

    protected <T> StateStore<T> stateStore(Class<T> type) {
        return new StateStore<>(repository, stateKey, type);
    }

    /** The error of the last failed poll, or {@code null}. */
    Throwable lastPollError() {
        return getLastError();
    }

    /** The key of this consumer's position in the state repository. */
    public String stateKey() {
        return stateKey;
    }

    /** What this consumer's position is now, for the dev console (never a credential). */
    public abstract Map<String, Object> position();

    /** Reads what is new, in delivery order; called once per poll. */
    protected abstract List<Delivery> fetch() throws Exception;

    /** Restores the position from the state repository; called once per start. */
    protected abstract void restoreState();

    @Override
    protected void doBuild() throws Exception {
        super.doBuild();
        setHealthCheck(new InngestConsumerHealthCheck(this, getEndpoint().getOperation().name()));
    }

    /**
     * A configured repository is started when not started yet. A {@link FileStateRepository} reads its file only
     * when it starts, so the one this component started is stopped again when the last consumer using it stops: the
     * next start reads the file again. Otherwise a node that leads again would restore what its repository held when
     * it last led, not what another node delivered since (ClusteredRoutePolicy stops and starts the route as the lead
     * moves). Other repositories are never stopped here: stopping a MemoryStateRepository, for one, clears it.
     */
    @Override
    protected void doStart() throws Exception {
        if (!usesEndpointDefault) {
            synchronized (USERS) {
                Users users = USERS.computeIfAbsent(repository, r -> new Users(!ServiceHelper.isStarted(r)));
                ServiceHelper.startService(repository);
                users.count++;
            }
        }
        restoreState();
        super.doStart();
    }

    @Override
    protected void doStop() throws Exception {
        super.doStop();
        if (usesEndpointDefault) {
            return;
        }
        synchronized (USERS) {
            Users users = USERS.get(repository);
            if (users != null && --users.count <= 0) {
                USERS.remove(repository);
                if (users.startedHere && repository instanceof FileStateRepository) {
                    ServiceHelper.stopService(repository);
                }
            }
        }
    }

    /**
     * After a failed write of the position (the database went away, or a shared repository refused a stale write), the
     * position in memory is not what the repository holds: the next poll reads it back first, and fails (delivering
     * nothing, readiness DOWN) while the repository cannot be read. The item whose write failed comes again.
     */
    @Override
    protected int poll() throws Exception {
        if (restoreBeforePoll) {
            restoreState();
            restoreBeforePoll = false;
        }
        List<Delivery> deliveries = fetch();
        forceConsumerAsReady();
        return processBatch(new ArrayDeque<>(deliveries));
    }

    @Override
    public int processBatch(Queue<Object> queue) throws Exception {
        int total = queue.size();
        int processed = 0;
        for (int index = 0; index < total && isBatchAllowed(); index++) {
            Delivery delivery = (Delivery) queue.poll();
            Exchange exchange = createExchange(false);
            try {
                exchange.getMessage().setBody(delivery.body());
                delivery.headers().forEach(exchange.getMessage()::setHeader);
                exchange.setProperty(ExchangePropertyKey.BATCH_INDEX, index);
                exchange.setProperty(ExchangePropertyKey.BATCH_SIZE, total);
                exchange.setProperty(ExchangePropertyKey.BATCH_COMPLETE, index == total - 1);
                pendingExchanges = total - index - 1;
                try {
                    getProcessor().process(exchange);
                } catch (Exception e) {
                    exchange.setException(e);
                }
                if (exchange.isFailed() || exchange.isRollbackOnly()) {
                    getExceptionHandler().handleException(
                            "Delivery failed; the position stays before this item, which comes again on the next poll",
                            exchange, exchange.getException());
                    break;
                }
                try {
                    delivery.onDelivered().run();
                } catch (RuntimeException e) {
                    restoreBeforePoll = true;
                    throw e;
                }
                processed++;
            } finally {
                releaseExchange(exchange, false);
            }
        }
        pendingExchanges = 0;
        return processed;
    }
}
