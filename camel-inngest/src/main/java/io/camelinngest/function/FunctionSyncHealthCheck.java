package io.camelinngest.function;

import java.util.Map;

import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * Readiness of a served function: DOWN while the app's last sync with the Inngest server failed (the server then does
 * not know the function, or knows an old version), UP once a sync succeeded; UP before the first sync, saying so.
 */
public final class FunctionSyncHealthCheck extends AbstractHealthCheck {

    private final InngestFunctionConsumer consumer;

    FunctionSyncHealthCheck(InngestFunctionConsumer consumer) {
        super("camel", "inngest-function-" + consumer.getEndpoint().getFunctionId());
        this.consumer = consumer;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        FunctionServer server = consumer.getEndpoint().getComponent().serverIfStarted();
        AppSync.Outcome last = server == null ? null : server.lastSync();
        builder.detail("function.id", consumer.compositeId());
        if (last == null) {
            builder.up();
            builder.message("not synced yet");
            return;
        }
        builder.detail("sync.ok", last.ok());
        builder.detail("sync.at", last.at().toString());
        builder.message(last.message());
        if (last.ok()) {
            builder.up();
        } else {
            builder.down();
        }
    }
}
