package io.camelinngest.gateway;

import org.apache.camel.builder.RouteBuilder;

/**
 * One route per operation, {@code direct:inngest-<tool>} to its {@code inngest:} producer endpoint: every call of
 * either port goes through the component, with its retries, keys and errors. No error handler here: the failure goes
 * back to the {@link OperationInvoker}, which maps it to a status (and the route does not log it a second time).
 */
public final class OperationRoutes extends RouteBuilder {

    @Override
    public void configure() {
        errorHandler(noErrorHandler());
        for (GatewayOperation operation : GatewayOperation.values()) {
            from(operation.directUri())
                    .routeId("inngest-" + operation.toolName())
                    .to("inngest:" + operation.operation());
        }
    }
}
