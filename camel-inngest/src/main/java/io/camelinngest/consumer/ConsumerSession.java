package io.camelinngest.consumer;

/**
 * What one start of a consumer works with: its state store and whatever the consumer keeps in memory about its position
 * (watermarks, the run watcher, the scanner). Each start opens a new session and each stop closes it. A poll and the
 * delivery callbacks it creates hold on to the session they began with: once it is closed (the route stopped, perhaps
 * forcibly while a poll was still waiting on Inngest), they deliver nothing more and write nothing, so a poll left over
 * from before a restart cannot move the position of the session that replaced it.
 * <p>
 * A delivery records what it changed in the session's open edit ({@link #edit()}); the edit is written per message or
 * per poll, as the {@link PositionCommit} policy says: {@link #write} flushes it at once under {@code message}, and
 * under {@code poll} the consumer calls {@link #flush()} at the end of each batch (also when an exchange failed and the
 * batch stops there), and {@link #close()} flushes it before the session closes.
 */
class ConsumerSession {

    private final StateStore store;
    private final PositionCommit commit;
    private boolean closed;
    /** The changes recorded since the last flush, or {@code null}. */
    private StateStore.Edit pending;
    /** Whether a delivery was recorded since the last flush: {@link #collect} adds what it changed. */
    private boolean delivered;

    ConsumerSession(StateStore store) {
        this(store, PositionCommit.MESSAGE);
    }

    ConsumerSession(StateStore store, PositionCommit commit) {
        this.store = store;
        this.commit = commit;
    }

    StateStore store() {
        return store;
    }

    synchronized boolean isOpen() {
        return !closed;
    }

    /**
     * The edit that changes of the position go into until the next flush. Call it only while holding this session
     * (inside {@link #write}), as the delivery callbacks do.
     */
    synchronized StateStore.Edit edit() {
        if (pending == null) {
            pending = store.edit();
        }
        return pending;
    }

    /**
     * Writes the changes recorded since the last flush, unless the session is closed. A failed write drops them: the
     * store and the memory are apart then, and the consumer opens a new session from the repository.
     */
    synchronized void flush() {
        if (closed) {
            return;
        }
        if (delivered) {
            delivered = false;
            collect(edit());
        }
        if (pending == null) {
            return;
        }
        StateStore.Edit edit = pending;
        pending = null;
        edit.commit();
    }

    /**
     * Adds what the deliveries since the last flush changed in memory to {@code edit}, once per flush (a watermark
     * writes its mark and IDs then, not per delivered message). Nothing by default.
     */
    protected void collect(StateStore.Edit edit) {
    }

    /** Flushes what was delivered and closes the session; a write running now completes first, none starts after. */
    synchronized void close() {
        try {
            flush();
        } finally {
            closed = true;
        }
    }

    /**
     * Records a delivery in this session's position, unless the session is closed; with {@code positionCommit=message}
     * writes it at once.
     *
     * @return whether it ran
     */
    synchronized boolean write(Runnable write) {
        if (closed) {
            return false;
        }
        write.run();
        delivered = true;
        if (commit == PositionCommit.MESSAGE) {
            flush();
        }
        return true;
    }
}
