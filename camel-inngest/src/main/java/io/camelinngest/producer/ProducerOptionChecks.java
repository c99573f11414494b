package io.camelinngest.producer;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.Set;

import io.camelinngest.InngestConfiguration;
import io.camelinngest.InngestConstants;
import io.camelinngest.InngestOperation;
import io.camelinngest.client.EventQuery;
import io.camelinngest.client.InngestClientConfig;
import io.camelinngest.client.InputChecks;
import io.camelinngest.client.Ulid;

/**
 * The producer's options given on the endpoint that can never work, found when the producer is created (at route start
 * for a static {@code to()}), with the message the first exchange would otherwise fail with. Headers can override most
 * of these options, so they are still checked on each message; what is checked here is only what the URI itself says.
 */
public final class ProducerOptionChecks {

    /** Operations that read their run from option runId (unless a header names it). */
    private static final Set<InngestOperation> RUN_ID = EnumSet.of(InngestOperation.getRun, InngestOperation.listRunJobs,
            InngestOperation.cancelRun);
    private static final Set<InngestOperation> EVENT_ID = EnumSet.of(InngestOperation.getEvent,
            InngestOperation.listEventRuns);

    private ProducerOptionChecks() {
    }

    /**
     * @throws IllegalArgumentException naming the option, when one given on the endpoint can never work
     */
    public static void check(InngestOperation operation, InngestConfiguration c, InngestClientConfig client) {
        String op = "inngest:" + operation;
        if (operation == InngestOperation.runStatus) {
            return; // hands runs over to the consumer: no call of its own
        }
        if (operation == InngestOperation.sendEvents) {
            if (!client.hasEventKey()) {
                throw InputChecks.noEventKey("sendEvents");
            }
        } else if (!client.isDev() && !client.hasSigningKey()) {
            throw InputChecks.noSigningKey(operation.name());
        }
        if (operation == InngestOperation.listEvents) {
            Integer limit = c.getLimit();
            if (limit != null && (limit < 1 || limit > EventQuery.MAX_LIMIT)) {
                throw InputChecks.outOfRange(op + ": header " + InngestConstants.LIMIT + " / option limit",
                        EventQuery.MAX_LIMIT, limit);
            }
            instant(op, c.getReceivedAfter(), InngestConstants.RECEIVED_AFTER, "receivedAfter");
            instant(op, c.getReceivedBefore(), InngestConstants.RECEIVED_BEFORE, "receivedBefore");
            ulid(op, c.getCursor(), InngestConstants.CURSOR, "cursor");
        }
        if (RUN_ID.contains(operation) || operation.name().equals("rerunRun")) {
            ulid(op, c.getRunId(), InngestConstants.RUN_ID, "runId");
        }
        if (EVENT_ID.contains(operation)) {
            ulid(op, c.getEventId(), InngestConstants.EVENT_ID, "eventId");
        }
        if (operation == InngestOperation.deleteCancellation) {
            ulid(op, c.getCancellationId(), InngestConstants.CANCELLATION_ID, "cancellationId");
        }
    }

    private static void ulid(String op, String value, String header, String option) {
        if (value != null && !value.isBlank() && !Ulid.isValid(value.trim())) {
            throw InputChecks.notAUlid(op + ": header " + header + " / option " + option, value.trim());
        }
    }

    private static void instant(String op, String value, String header, String option) {
        if (value == null || value.isBlank()) {
            return;
        }
        try {
            OffsetDateTime.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(
                    op + ": header " + header + " / option " + option
                                               + " must be an ISO-8601 instant such as 2025-06-01T12:00:00Z, was '"
                                               + value.trim() + "'");
        }
    }
}
