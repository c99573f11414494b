package io.camelinngest.consumer;

import java.util.Locale;

/**
 * When a consumer writes its position to the state repository (option {@code positionCommit}). Delivery stays at least
 * once either way: the position never moves past an item whose exchange did not complete.
 */
public enum PositionCommit {

    /** After each delivered message: after a crash, at most the message in flight comes again. */
    MESSAGE,
    /**
     * Once per poll, after its batch (also when the batch stops at a failed exchange) and when the consumer stops:
     * after a crash, up to the batch in flight ({@code maxMessagesPerPoll}) comes again.
     */
    POLL;

    /** The policy named by the option's value; fails naming the option when the value is none of them. */
    public static PositionCommit parse(String value) {
        if (value != null) {
            for (PositionCommit policy : values()) {
                if (policy.name().equalsIgnoreCase(value.trim())) {
                    return policy;
                }
            }
        }
        throw new IllegalArgumentException("Option positionCommit must be message or poll, was '" + value + "'");
    }

    /** The value as written in a URI. */
    public String uriValue() {
        return name().toLowerCase(Locale.ROOT);
    }
}
