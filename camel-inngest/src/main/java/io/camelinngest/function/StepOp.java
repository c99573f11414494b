package io.camelinngest.function;

/** The kinds of durable step ({@code inngest-step:<name>?op=...}), as SDK spec 5.3 names them. */
public enum StepOp {
    /** Runs the endpoint given by {@code to} once and memoizes its result (the message body). */
    run,
    /** Pauses the run for {@code duration}. */
    sleep,
    /** Pauses the run until {@code until} (an ISO 8601 instant). */
    sleepUntil,
    /** Pauses the run until an {@code event} arrives (matching {@code match}) or {@code timeout} passes. */
    waitForEvent,
    /** Runs the function {@code function} with the message body as its event data and waits for its result. */
    invoke,
    /** Sends the message body as events through {@code inngest:sendEvents}, once: a run step. */
    sendEvent
}
