package io.camelinngest.gateway;

import java.util.Map;

import org.apache.camel.builder.RouteBuilder;

/**
 * One route per operation, {@code direct:inngest-<tool>} to its {@code inngest:} producer endpoint: every call of
 * either port goes through the component, with its retries, keys and errors. No error handler here: the failure goes
 * back to the {@link OperationInvoker}, which maps it to a status (and the route does not log it a second time).
 * <p>
 * An operation whose key the gateway was not given (sendevents without an event key, the API calls without a signing
 * key) gets no {@code inngest:} endpoint, which would refuse to start, but a route that answers 503 saying which
 * variable to set: the gateway starts with the operations it can serve.
 */
public final class OperationRoutes extends RouteBuilder {

    private final Map<GatewayOperation, String> unavailable;

    public OperationRoutes() {
        this(Map.of());
    }

    /** @param unavailable why an operation cannot be served, by operation */
    public OperationRoutes(Map<GatewayOperation, String> unavailable) {
        this.unavailable = Map.copyOf(unavailable);
    }

    @Override
    public void configure() {
        errorHandler(noErrorHandler());
        for (GatewayOperation operation : GatewayOperation.values()) {
            String why = unavailable.get(operation);
            if (why == null) {
                from(operation.directUri())
                        .routeId("inngest-" + operation.toolName())
                        .to("inngest:" + operation.operation());
            } else {
                from(operation.directUri())
                        .routeId("inngest-" + operation.toolName())
                        .process(exchange -> {
                            throw GatewayException.of(503, "not_configured", why);
                        });
            }
        }
    }
}
