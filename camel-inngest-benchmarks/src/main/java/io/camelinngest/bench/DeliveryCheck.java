package io.camelinngest.bench;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;

import io.camelinngest.InngestConstants;
import io.camelinngest.model.InngestEvent;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * The route's processor in every catch-up arm: checks that the exchanges carry the backlog's events each once, oldest
 * first (by the event ID header and the body's internal ID), and notes when the last one came, with the threads' cost
 * at that moment. A wrong delivery does not throw (the consumer would deliver it again): it is noted, ends the wait,
 * and {@link #verify()} then fails the run. Deliveries come from one thread at a time (one consumer, synchronous).
 */
final class DeliveryCheck implements Processor {

    private final EventBacklog backlog;
    private final int expected;
    /** Called after the n-th delivery (1-based) with n, on the delivering thread; may be null. */
    private final IntConsumer afterDelivery;
    private final CountDownLatch done = new CountDownLatch(1);
    private volatile int delivered;
    private volatile String failure;
    private volatile long lastAt;
    private volatile ThreadCost costAtLast;

    /** Expects the first {@code expected} events of {@code backlog}. */
    DeliveryCheck(EventBacklog backlog, int expected, IntConsumer afterDelivery) {
        this.backlog = backlog;
        this.expected = expected;
        this.afterDelivery = afterDelivery;
    }

    DeliveryCheck(EventBacklog backlog) {
        this(backlog, backlog.size(), null);
    }

    @Override
    public void process(Exchange exchange) {
        int index = delivered;
        String id = exchange.getMessage().getHeader(InngestConstants.EVENT_ID, String.class);
        Object body = exchange.getMessage().getBody();
        if (index >= expected) {
            fail("event " + id + " delivered after all " + expected + " events");
            return;
        }
        String want = backlog.id(index);
        if (!want.equals(id) || !(body instanceof InngestEvent event) || !want.equals(event.internalId())) {
            fail("delivery #" + (index + 1) + " carried " + id + " (body " + describe(body) + "), expected " + want);
            return;
        }
        delivered = index + 1;
        if (afterDelivery != null) {
            afterDelivery.accept(index + 1);
        }
        if (index + 1 == expected) {
            costAtLast = ThreadCost.now();
            lastAt = System.nanoTime();
            done.countDown();
        }
    }

    private static String describe(Object body) {
        return body instanceof InngestEvent event ? event.internalId() : String.valueOf(body);
    }

    private void fail(String what) {
        if (failure == null) {
            failure = what;
        }
        done.countDown();
    }

    /** Waits until every event came or a check failed; false when {@code seconds} passed first. */
    boolean await(long seconds) throws InterruptedException {
        return done.await(seconds, TimeUnit.SECONDS);
    }

    /** Fails unless every event came, once, in order, and nothing after them. */
    void verify(String arm) {
        if (failure != null) {
            throw new IllegalStateException(arm + ": " + failure);
        }
        if (delivered != expected) {
            throw new IllegalStateException(arm + ": " + delivered + " of " + expected + " events delivered");
        }
    }

    /** System.nanoTime of the last delivery. */
    long lastAt() {
        return lastAt;
    }

    /** The threads' cost right after the last delivery. */
    ThreadCost costAtLast() {
        return costAtLast;
    }
}
