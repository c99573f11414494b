package io.camelinngest.contract;

import java.util.Map;

import io.camelinngest.client.InngestApiException;

import static io.camelinngest.contract.ContractAssertions.assertFailure;
import static io.camelinngest.contract.ContractAssertions.failure;
import static io.camelinngest.contract.RecordedIds.ORDER_42_EVENT;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The expectations of {@link RecordedContractTest} for the recordings of paths that do not exist: what the component
 * makes of each response (one entry per recording).
 */
final class UnknownPathExpectations {

    private UnknownPathExpectations() {
    }

    static void addTo(Map<String, Expectation> expected) {
        // ---- paths that do not exist
        expected.put("unknown-v1-path", r -> {
            // what a call to a path this server lacks gets (a mistyped baseUrl path, an older server)
            r.serveEverywhere();
            InngestApiException e = failure(() -> r.client().getEvent(ORDER_42_EVENT));
            assertFailure(e, "getEvent", 404, 404, null, "404 page not found", false);
        });
        expected.put("unknown-top-path", r -> {
            // the Dev Server answers an unknown top-level path with 200 and an empty body: not mistaken for a success
            r.serveEverywhere();
            InngestApiException e = failure(() -> r.client().getEvent(ORDER_42_EVENT));
            assertFailure(e, "getEvent", 200, 200, null, null, false);
            assertThat(e.getMessage()).isEqualTo("getEvent failed: HTTP 200 with an empty body");
        });
    }
}
