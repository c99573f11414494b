package io.camelinngest.contract;

import java.util.List;
import java.util.Map;

import io.camelinngest.client.InngestApiException;
import io.camelinngest.model.AppFunction;
import io.camelinngest.model.InngestFunction;

import static io.camelinngest.contract.ContractAssertions.assertFailure;
import static io.camelinngest.contract.ContractAssertions.failure;
import static io.camelinngest.contract.ContractAssertions.time;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The expectations of {@link RecordedContractTest} for the recordings of the functions and apps (listFunctions through
 * v1 and v2): what the component makes of each response (one entry per recording).
 */
final class FunctionExpectations {

    private FunctionExpectations() {
    }

    static void addTo(Map<String, Expectation> expected) {
        // ---- functions
        expected.put("listFunctions-app", r -> {
            List<InngestFunction> functions = r.client().listFunctions("test-app");
            assertThat(functions).extracting(InngestFunction::id).containsExactly("test-app-always-fails",
                    "test-app-ship-order", "test-app-await-approval", "test-app-slow-job");
            InngestFunction ship = functions.get(1);
            assertThat(ship.name()).isEqualTo("ship-order");
            assertThat(ship.internalId()).isEqualTo("60f08b07-d0fc-58d2-a1c7-739c0e8d10f1");
            assertThat(ship.config().get("triggers")).isEqualTo(List.of(Map.of("event", "shop/order.paid")));
            assertThat(ship.archivedAt()).isEqualTo(time("0001-01-01T00:00:00Z"));
            r.sentTheRecordedRequest();
        });
        expected.put("listFunctions-app-unknown", r -> {
            assertThat(r.client().listFunctions("no-such-app")).isEmpty(); // the server does not tell the app is unknown
            r.sentTheRecordedRequest();
        });
        expected.put("listFunctions-v1-missing", r -> {
            // the component never asks GET /v1/functions: all functions come from v2 (see v2-apps). A server without
            // v2 answers the same plain 404: a clear failure, not retried
            r.serveEverywhere();
            InngestApiException e = failure(() -> r.client().listAllFunctions());
            assertFailure(e, "listFunctions", 404, 404, null, "404 page not found", false);
            assertThat(e.getMessage())
                    .isEqualTo("listFunctions failed: HTTP 404 with a body that is not JSON: 404 page not found");
            assertThat(r.sent()).singleElement().satisfies(q -> assertThat(q.getUrl()).startsWith("/v2/apps"));
        });
        expected.put("v2-apps", r -> {
            r.serveAlso("v2-app-functions");
            List<AppFunction> functions = r.client().listAllFunctions();
            assertThat(functions).extracting(AppFunction::appId).containsOnly("test-app");
            assertThat(functions).extracting(AppFunction::id)
                    .containsExactly("always-fails", "ship-order", "await-approval", "slow-job");
            assertThat(functions.get(1).slug()).isEqualTo("test-app-ship-order");
            assertThat(functions.get(1).triggers()).isEqualTo(List.of(Map.of("type", "EVENT", "value", "shop/order.paid")));
            assertThat(r.sent()).extracting(q -> q.getUrl().split("\\?")[0])
                    .containsExactly("/v2/apps", "/v2/apps/test-app/functions");
        });
        expected.put("v2-app-functions", r -> {
            r.serveAlso("v2-apps");
            List<AppFunction> functions = r.client().listAllFunctions();
            AppFunction fails = functions.get(0);
            assertThat(fails.name()).isEqualTo("always-fails");
            assertThat(fails.paused()).isFalse();
            assertThat(fails.archived()).isFalse();
            assertThat(fails.configuration().get("retries")).isEqualTo(Map.of("isDefault", false));
            assertThat(functions.get(1).configuration().get("retries")).isEqualTo(Map.of("isDefault", true, "value", 4));
        });
    }
}
