package io.camelinngest.consumer;

import java.util.Map;

import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * Readiness of an Inngest consumer: DOWN once {@code backoffErrorThreshold} polls in a row have failed (one, when no
 * threshold is set), UP again after the next good poll.
 */
public final class InngestConsumerHealthCheck extends AbstractHealthCheck {

    private final AbstractInngestConsumer<?> consumer;

    InngestConsumerHealthCheck(AbstractInngestConsumer<?> consumer, String operation) {
        super("camel", "inngest-" + operation + "-consumer-" + consumer.getRouteId());
        this.consumer = consumer;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        long failures = consumer.getErrorCounter();
        int threshold = Math.max(1, consumer.getBackoffErrorThreshold());
        builder.detail("failure.error.count", failures);
        builder.detail("failure.error.threshold", threshold);
        builder.detail("late.count", consumer.lateDeliveries());
        if (failures >= threshold) {
            builder.down();
            builder.message(consumer.describe() + ": the last " + failures + " polls of Inngest failed");
            if (consumer.lastPollError() != null) {
                builder.error(consumer.lastPollError());
            }
        } else {
            builder.up();
        }
    }
}
