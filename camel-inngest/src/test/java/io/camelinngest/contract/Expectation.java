package io.camelinngest.contract;

/** What the component must make of one recording; the recording is already served for its request. */
@FunctionalInterface
interface Expectation {
    void check(Replay replay) throws Throwable;
}
