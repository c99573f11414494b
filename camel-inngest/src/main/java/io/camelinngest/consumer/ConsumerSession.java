package io.camelinngest.consumer;

/**
 * What one start of a consumer works with: its state store and whatever the consumer keeps in memory about its
 * position (watermarks, the run watcher, the scanner). Each start opens a new session and each stop closes it. A
 * poll and the delivery callbacks it creates hold on to the session they began with: once it is closed (the route
 * stopped, perhaps forcibly while a poll was still waiting on Inngest), they deliver nothing more and write nothing,
 * so a poll left over from before a restart cannot move the position of the session that replaced it.
 */
class ConsumerSession {

    private final StateStore store;
    private boolean closed;

    ConsumerSession(StateStore store) {
        this.store = store;
    }

    StateStore store() {
        return store;
    }

    synchronized boolean isOpen() {
        return !closed;
    }

    /** Closes the session; a write running now completes first, none starts after. */
    synchronized void close() {
        closed = true;
    }

    /**
     * Runs a write of this session's position, unless the session is closed.
     *
     * @return whether it ran
     */
    synchronized boolean write(Runnable write) {
        if (closed) {
            return false;
        }
        write.run();
        return true;
    }
}
