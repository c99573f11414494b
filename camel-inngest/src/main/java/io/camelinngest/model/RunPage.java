package io.camelinngest.model;

import java.util.List;

/**
 * One page of the v2 runs listing ({@code GET /v2/runs}).
 *
 * @param runs       the runs, in the order asked for
 * @param nextCursor the cursor of the next page, or {@code null} when this page is the last
 */
public record RunPage(List<FunctionRun> runs, String nextCursor) {

    public RunPage {
        runs = List.copyOf(runs);
    }

    public boolean hasMore() {
        return nextCursor != null;
    }
}
