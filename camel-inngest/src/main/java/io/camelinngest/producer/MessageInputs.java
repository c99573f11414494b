package io.camelinngest.producer;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import io.camelinngest.InngestConfiguration;
import io.camelinngest.InngestConstants;
import io.camelinngest.InngestOperation;
import io.camelinngest.client.EventQuery;
import io.camelinngest.client.InngestJson;
import io.camelinngest.client.InputChecks;
import io.camelinngest.client.Ulid;
import io.camelinngest.model.CancellationRequest;
import org.apache.camel.Message;

/**
 * The inputs of a call, read from a message: a header when set, else the endpoint option. Each is checked before any
 * request, and a missing or bad one names both the header and the option to set.
 */
final class MessageInputs {

    private final InngestOperation operation;
    private final InngestConfiguration config;

    MessageInputs(InngestOperation operation, InngestConfiguration config) {
        this.operation = operation;
        this.config = config;
    }

    List<String> runIdsToHandOver(Message in) {
        Object value = in.getHeader(InngestConstants.RUN_ID);
        List<String> ids = new ArrayList<>();
        if (value instanceof Collection<?> collection) {
            collection.forEach(v -> ids.add(String.valueOf(v).trim()));
        } else if (value != null) {
            for (String id : value.toString().split(",")) {
                ids.add(id.trim());
            }
        }
        ids.removeIf(String::isEmpty);
        if (ids.isEmpty()) {
            throw new IllegalArgumentException(
                    "inngest:runStatus as a producer hands runs over to its consumer: set header "
                                               + InngestConstants.RUN_ID + " to a run ID or a collection of run IDs");
        }
        for (String id : ids) {
            if (!Ulid.isValid(id)) {
                throw InputChecks.notUlids("inngest:runStatus: header " + InngestConstants.RUN_ID, "", id);
            }
        }
        return ids;
    }

    String eventId(Message in) {
        return ulid(in, InngestConstants.EVENT_ID, config.getEventId(), "eventId", true);
    }

    String runId(Message in) {
        return ulid(in, InngestConstants.RUN_ID, config.getRunId(), "runId", true);
    }

    String ulid(Message in, String header, String option, String optionName, boolean required) {
        String value = required
                ? required(in, header, option, optionName, "an ID")
                : text(in, header, option);
        if (value != null && !Ulid.isValid(value)) {
            throw InputChecks.notAUlid("inngest:" + operation + ": header " + header + " / option " + optionName, value);
        }
        return value;
    }

    String required(Message in, String header, String option, String optionName, String what) {
        String value = text(in, header, option);
        if (value == null) {
            throw new IllegalArgumentException(
                    "inngest:" + operation + " needs " + what + ": set header " + header
                                               + " or option " + optionName);
        }
        return value;
    }

    static String text(Message in, String header, String option) {
        Object value = in.getHeader(header);
        String text = value == null ? "" : value.toString().trim();
        if (text.isEmpty()) {
            return option == null || option.isBlank() ? null : option.trim();
        }
        return text;
    }

    Integer limit(Message in) {
        Object value = in.getHeader(InngestConstants.LIMIT);
        Integer limit;
        if (value == null) {
            limit = config.getLimit();
        } else {
            try {
                limit = value instanceof Number n ? Integer.valueOf(n.intValue()) : Integer.valueOf(value.toString().trim());
            } catch (NumberFormatException e) {
                limit = -1;
            }
        }
        if (limit != null && (limit < 1 || limit > EventQuery.MAX_LIMIT)) {
            throw InputChecks.outOfRange("inngest:" + operation + ": header " + InngestConstants.LIMIT + " / option limit",
                    EventQuery.MAX_LIMIT, value == null ? limit : value);
        }
        return limit;
    }

    Instant instant(Message in, String header, String option, String optionName) {
        Object value = in.getHeader(header);
        if (value == null) {
            value = option == null || option.isBlank() ? null : option;
        }
        if (value == null) {
            return null;
        }
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        if (value instanceof ZonedDateTime z) {
            return z.toInstant();
        }
        if (value instanceof Date d) {
            return d.toInstant();
        }
        String text = value.toString().trim();
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(
                    "inngest:" + operation + ": header " + header + " / option " + optionName
                                               + " must be an ISO-8601 instant such as 2025-06-01T12:00:00Z, was '" + text
                                               + "'");
        }
    }

    CancellationRequest cancellationRequest(Message in) throws Exception {
        Object body = in.getBody();
        CancellationRequest request;
        if (body instanceof CancellationRequest r) {
            request = r;
        } else if (body == null) {
            request = new CancellationRequest(null, null, null, null, null);
        } else {
            JsonNode json;
            try {
                json = body instanceof Map<?, ?> || body instanceof JsonNode
                        ? InngestJson.mapper().valueToTree(body)
                        : InngestJson.mapper().readTree(in.getMandatoryBody(String.class));
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException(
                        "inngest:createCancellation: the body is not JSON: " + e.getOriginalMessage());
            }
            try {
                // a misspelt key must not silently widen a bulk cancellation
                request = InngestJson.mapper().readerFor(CancellationRequest.class)
                        .with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                        .readValue(json);
            } catch (Exception e) {
                throw new IllegalArgumentException(
                        "inngest:createCancellation: the body must be a CancellationRequest or a"
                                                   + " JSON object with app_id, function_id, started_before (ISO-8601),"
                                                   + " started_after and if: " + e.getMessage());
            }
        }
        String appId = request.appId() != null ? request.appId() : text(in, InngestConstants.APP_ID, config.getAppId());
        String functionId = request.functionId() != null
                ? request.functionId()
                : text(in, InngestConstants.FUNCTION_ID, config.getFunctionId());
        if (appId == null) {
            throw new IllegalArgumentException(
                    "inngest:createCancellation needs an app ID: set app_id in the body, header "
                                               + InngestConstants.APP_ID + " or option appId");
        }
        if (functionId == null) {
            throw new IllegalArgumentException(
                    "inngest:createCancellation needs a function ID: set function_id in the body,"
                                               + " header " + InngestConstants.FUNCTION_ID + " or option functionId");
        }
        if (request.startedBefore() == null) {
            throw new IllegalArgumentException(
                    "inngest:createCancellation needs started_before in the body: runs started"
                                               + " before it are cancelled");
        }
        return new CancellationRequest(appId, functionId, request.startedBefore(), request.startedAfter(), request.condition());
    }
}
