package io.camelinngest.contract;

import java.util.Map;

import io.camelinngest.client.InngestApiException;

import static io.camelinngest.contract.ContractAssertions.assertFailure;
import static io.camelinngest.contract.ContractAssertions.failure;
import static io.camelinngest.contract.RecordedIds.SIGNALLED_RUN;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The expectations of {@link RecordedContractTest} for the recordings of sendSignal: what the component makes of each
 * response (one entry per recording).
 */
final class SignalExpectations {

    private SignalExpectations() {
    }

    static void addTo(Map<String, Expectation> expected) {
        // ---- signals
        expected.put("sendSignal", r -> {
            assertThat(r.client().sendSignal("approve-k7", Map.of("by", "ops"))).isEqualTo(SIGNALLED_RUN);
            r.sentTheRecordedBody(r.recording().requestBody());
        });
        expected.put("sendSignal-nobody-waits", r -> {
            InngestApiException e = failure(() -> r.client().sendSignal("approve-nobody", Map.of()));
            assertFailure(e, "sendSignal", 404, 404, null, "No signal found", false);
            assertThat(e.getMessage()).isEqualTo("sendSignal failed: HTTP 404: No signal found");
            r.sentTheRecordedBody(r.recording().requestBody());
        });
        expected.put("sendSignal-bad-body", r -> {
            // the component always sends a well-formed {"signal": "...", "data": ...}; the server's answer otherwise:
            InngestApiException e = failure(() -> r.client().sendSignal("approve-k7", null));
            assertFailure(e, "sendSignal", 400, 400, null, "Invalid signal data", false);
            r.sentTheRecordedRequest();
        });
    }
}
