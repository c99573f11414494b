package io.camelinngest.examples;

import java.util.LinkedHashMap;
import java.util.Map;

import io.camelinngest.model.FunctionRun;
import io.camelinngest.model.InngestEvent;
import io.camelinngest.model.NewEvent;
import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;

/**
 * The compensating event for a failed run, built as an object (no JSON text put together from headers): the bean the
 * XML route {@code routes/compensate-failed-payments.camel.xml} calls.
 */
public final class Compensations {

    /** The name of the compensating event: an Inngest function that releases the order listens to it. */
    public static final String COMPENSATE = "shop/order.compensate";

    private Compensations() {
    }

    /**
     * The compensation of a failed run of a payment request: the order of the request, the failed run and its error.
     * Its ID makes it idempotent: a redelivered failure starts no second compensation (for 24 hours).
     */
    public static NewEvent forFailedRun(@ExchangeProperty("failedRun") FunctionRun failedRun, @Body InngestEvent request) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("orderId", request.data() == null ? null : request.data().get("orderId"));
        data.put("failedRunId", failedRun.runId());
        data.put("failedFunction", failedRun.functionId());
        data.put("reason", failedRun.output());
        return new NewEvent(COMPENSATE, data, "compensate-" + failedRun.runId(), null, null);
    }
}
