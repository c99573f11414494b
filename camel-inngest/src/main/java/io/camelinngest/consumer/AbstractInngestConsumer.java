package io.camelinngest.consumer;

import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

import io.camelinngest.InngestEndpoint;
import io.camelinngest.client.InngestClient;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePropertyKey;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.spi.StateRepository;
import org.apache.camel.support.DefaultPollingConsumerPollStrategy;
import org.apache.camel.support.LoggingExceptionHandler;
import org.apache.camel.support.ScheduledBatchPollingConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The delivery loop shared by the Inngest consumers: each poll fetches the items not delivered yet, in order, and sends
 * them one at a time, each in its own exchange, synchronously. The position moves past an item only after its exchange
 * completed; when one fails, the rest of the batch waits and the failed item comes again on the next poll. So delivery
 * is at least once, in order, with no gap; the item in flight when a node dies may come twice.
 * <p>
 * Each start opens a {@link ConsumerSession} with what the consumer knows about its position; polls run one at a time
 * (under a lock) and hold on to the session they began with, so a poll still waiting on Inngest when its route was
 * stopped and started again delivers nothing and writes nothing once it returns.
 *
 * @param <S> the consumer's session type
 */
public abstract class AbstractInngestConsumer<S extends ConsumerSession> extends ScheduledBatchPollingConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(AbstractInngestConsumer.class);

    /**
     * One item to deliver: the message (its body, and what sets its headers), and what to record in its session once
     * its exchange completed.
     */
    protected record Delivery(ConsumerSession session, Object body, Consumer<Message> headers, Runnable onDelivered) {
    }

    private final StateRepository<String, String> repository;
    private final boolean usesEndpointDefault;
    private final String stateKey;
    private final PositionCommit positionCommit;
    private final ReentrantLock pollLock = new ReentrantLock();
    private volatile S session;
    private StateRepositoryUsers users;
    /** Set when a position could not be written: the next poll reads it back from the repository first. */
    private volatile boolean restoreBeforePoll;
    /** The polls begun, counting each of a greedy run's (Camel's counter counts the runs of the scheduler). */
    private final AtomicLong polls = new AtomicLong();
    /** Whether the last poll delivered a full batch, all of it: more is waiting, so the next poll follows at once. */
    private volatile boolean behind;

    protected AbstractInngestConsumer(InngestEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
        StateRepository<String, String> configured = endpoint.getConfiguration().getStateRepository();
        // the in-memory default belongs to the endpoint, so the position survives a route restart (which builds a new
        // consumer); it needs no lifecycle and is never stopped (stopping a MemoryStateRepository clears it)
        this.usesEndpointDefault = configured == null;
        this.repository = configured != null ? configured : endpoint.defaultStateRepository();
        this.stateKey = endpoint.stateKey();
        this.positionCommit = PositionCommit.parse(endpoint.getConfiguration().getPositionCommit());
    }

    /** When this consumer writes its position (option {@code positionCommit}). */
    protected PositionCommit positionCommit() {
        return positionCommit;
    }

    @Override
    public InngestEndpoint getEndpoint() {
        return (InngestEndpoint) super.getEndpoint();
    }

    protected InngestClient client() {
        return getEndpoint().getClient();
    }

    /** The polls begun so far, also those a consumer behind made at once after another (for tests). */
    long pollCount() {
        return polls.get();
    }

    /** The error of the last failed poll, or {@code null}. */
    Throwable lastPollError() {
        return getLastError();
    }

    /** The key of this consumer's position in the state repository. */
    public String stateKey() {
        return stateKey;
    }

    /** The session of the current start, or {@code null} when stopped. */
    S session() {
        return session;
    }

    /** What this consumer's position is now, for the dev console (never a credential). */
    public abstract Map<String, Object> position();

    /** Messages delivered after one that should have come after them (for the health details); 0 when none. */
    public long lateDeliveries() {
        return 0;
    }

    /** Opens the session of a start: restores the position saved in {@code store}. */
    protected abstract S openSession(StateStore store);

    /** Reads what is new, in delivery order; called once per poll, with the session the poll began with. */
    protected abstract List<Delivery> fetch(S session) throws Exception;

    /**
     * Whether the scheduler polls again at once. With {@code greedy} set by the user, what it says, as in Camel
     * ({@code greedy=false} throttles: {@code delay} after every poll). Left unset, while this consumer is behind (the
     * last poll delivered a full batch, every item of it): a backlog then drains at the speed of the route, not one
     * batch per {@code delay}; at the head of the stream, after a partial batch, or after a failed exchange (which
     * would otherwise be retried in a tight loop), the next poll waits for {@code delay} again. Camel asks this only
     * after a poll that delivered at least one message.
     */
    @Override
    public boolean isGreedy() {
        return super.isGreedy() || behind && !getEndpoint().isGreedySet();
    }

    /**
     * Whether a poll that delivered {@code processed} of the {@code fetched} items leaves more behind it: it came back
     * full and delivered all of it. Consumers that know more (a read that stopped short of the newest item) add that.
     */
    protected boolean isBehind(S session, int fetched, int processed) {
        int max = getMaxMessagesPerPoll();
        return max > 0 && fetched >= max && processed == fetched;
    }

    /**
     * What this consumer is called in log lines and health messages, e.g.
     * {@code inngest:runStatus consumer (route runs)}.
     */
    public String describe() {
        return "inngest:" + getEndpoint().getOperation() + " consumer (route " + getRouteId() + ")";
    }

    @Override
    protected void doBuild() throws Exception {
        super.doBuild();
        setHealthCheck(new InngestConsumerHealthCheck(this, getEndpoint().getOperation().name()));
    }

    @Override
    protected void doInit() throws Exception {
        super.doInit();
        // one WARN when polls start failing and one INFO when they work again, instead of Camel's WARN with a stack
        // trace on every poll; a pollStrategy or exception handler of the user's (bridgeErrorHandler) stays as it is
        if (getPollStrategy() == null || getPollStrategy().getClass() == DefaultPollingConsumerPollStrategy.class) {
            PollFailureLog log = new PollFailureLog(
                    describe(), getEndpoint().getServiceUrl(),
                    getDelay(), getExceptionHandler());
            setPollStrategy(log);
            if (getExceptionHandler() instanceof LoggingExceptionHandler) {
                setExceptionHandler(log);
            }
        }
    }

    @Override
    protected void doStart() throws Exception {
        if (!usesEndpointDefault) {
            users = StateRepositoryUsers.of(getEndpoint().getCamelContext());
            users.starting(repository);
        }
        session = openSession(new StateStore(repository, stateKey));
        super.doStart();
    }

    @Override
    protected void doStop() throws Exception {
        S stopped = session;
        if (stopped != null) {
            // what was delivered is written first (positionCommit=poll); a poll still running (a forced stop) then
            // finds its session closed: it delivers and writes nothing more
            try {
                stopped.close();
            } catch (RuntimeException e) {
                LOG.warn("{}: the position could not be written on stop ({}); the messages delivered since the last"
                         + " write come again on the next start",
                        describe(), e.getMessage());
            }
        }
        super.doStop();
        if (users != null) {
            users.stopped(repository);
            users = null;
        }
    }

    /**
     * After a failed write of the position (the database went away, or a shared repository refused a stale write), the
     * position in memory is not what the repository holds: the next poll reads it back first, and fails (delivering
     * nothing, readiness DOWN) while the repository cannot be read. The item whose write failed comes again.
     */
    @Override
    protected int poll() throws Exception {
        pollLock.lock();
        try {
            polls.incrementAndGet();
            behind = false;
            if (restoreBeforePoll && session != null && session.isOpen()) {
                // a new session on what the repository holds; while it cannot be read, the poll fails (readiness DOWN)
                S stale = session;
                session = openSession(new StateStore(repository, stateKey));
                stale.close();
                restoreBeforePoll = false;
            }
            S current = session;
            if (current == null || !current.isOpen()) {
                return 0;
            }
            List<Delivery> deliveries;
            try {
                deliveries = fetch(current);
            } catch (Exception e) {
                if (!current.isOpen()) {
                    LOG.debug("{}: a poll of a stopped session failed: {}", describe(), e.getMessage());
                    return 0;
                }
                throw e;
            }
            if (!current.isOpen()) {
                LOG.debug("{}: the route stopped while a poll was reading Inngest; its {} items are left for the next"
                          + " start",
                        describe(), deliveries.size());
                return 0;
            }
            forceConsumerAsReady();
            int processed;
            try {
                processed = processBatch(new ArrayDeque<>(deliveries));
            } finally {
                // positionCommit=poll: the batch's position in one write, also when it stopped at a failed exchange
                flush(current);
            }
            behind = isBehind(current, deliveries.size(), processed);
            return processed;
        } finally {
            pollLock.unlock();
        }
    }

    private void flush(S current) {
        try {
            current.flush();
        } catch (RuntimeException e) {
            restoreBeforePoll = true;
            throw e;
        }
    }

    @Override
    public int processBatch(Queue<Object> queue) throws Exception {
        int total = queue.size();
        int processed = 0;
        for (int index = 0; index < total && isBatchAllowed(); index++) {
            Delivery delivery = (Delivery) queue.poll();
            if (!delivery.session().isOpen()) {
                break;
            }
            Exchange exchange = createExchange(false);
            try {
                exchange.getMessage().setBody(delivery.body());
                delivery.headers().accept(exchange.getMessage());
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
                boolean written;
                try {
                    written = delivery.session().write(delivery.onDelivered());
                } catch (RuntimeException e) {
                    restoreBeforePoll = true;
                    throw e;
                }
                if (!written) {
                    break; // stopped meanwhile: the next start delivers this item again (at least once)
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
