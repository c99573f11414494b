package io.camelinngest.client;

import java.util.List;

/**
 * Where one call of a deferring client stands between its attempts (see {@link RetryLater}): the request in flight with
 * its retries, budget and key, and for a send the events already accepted. A blocking call keeps the same in a fresh
 * instance for the length of one request.
 */
final class CallProgress {

    /** Whether a request is under way (its retries, budget and key below are set). */
    boolean active;
    int retries;
    CallBudget budget;
    SigningKey key;
    boolean switchedKey;

    /** For a send made of several requests: the index of the next event to send and the IDs accepted so far. */
    int sendFrom;
    List<String> sendIds;

    /** The request ended (answered or failed for good): the next request starts afresh. */
    void requestEnded() {
        active = false;
        retries = 0;
        budget = null;
        key = null;
        switchedKey = false;
    }

    /** The send ended: nothing to resume. */
    void sendEnded() {
        sendFrom = 0;
        sendIds = null;
    }
}
