package io.camelinngest.model;

import java.util.List;

/**
 * The outcome of a send: the internal event IDs, in the order the events were given.
 *
 * @param ids the internal IDs (ULIDs) of the events, in request order
 */
public record SendResult(List<String> ids) {

    public SendResult {
        ids = List.copyOf(ids);
    }
}
