package io.camelinngest.gateway;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.camelinngest.InngestConstants;
import io.camelinngest.client.EventQuery;
import io.camelinngest.client.InngestJson;
import io.camelinngest.client.Ulid;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.ProducerTemplate;

/**
 * Runs one gateway operation for either port: checks the arguments against the operation's parameters (a bad one is
 * refused, named, before anything is sent), hands them to the operation's {@code inngest:} endpoint as headers and
 * body, and turns the answer into the JSON object both ports return.
 */
public final class OperationInvoker {

    private static final ObjectMapper JSON = InngestJson.mapper();

    private final ProducerTemplate template;

    public OperationInvoker(ProducerTemplate template) {
        this.template = template;
    }

    /**
     * @param  arguments        by parameter name: text (REST path and query), or JSON values as Jackson reads them
     *                          (maps, lists, strings, numbers)
     * @return                  the result as a JSON object: {@code {"data": ...}} (Inngest's envelope), or
     *                          {@code {"ids": [...], "status": 200}} for sendevents
     * @throws GatewayException bad input, or the component's failure with the status it maps to
     */
    public Map<String, Object> invoke(GatewayOperation operation, Map<String, ?> arguments) {
        Map<String, Object> checked = check(operation, arguments);
        Exchange exchange = template.send(operation.directUri(), e -> prepare(operation, checked, e.getMessage()));
        if (exchange.getException() != null) {
            throw GatewayException.fromComponent(exchange.getException());
        }
        return result(operation, exchange.getMessage().getBody());
    }

    // ---------------------------------------------------------------------------------------------------------
    // arguments

    private static Map<String, Object> check(GatewayOperation operation, Map<String, ?> arguments) {
        for (String name : arguments.keySet()) {
            if (operation.params().stream().noneMatch(p -> p.name().equals(name))) {
                throw GatewayException.badParameter(name, "Unknown parameter '" + name + "' for " + operation.toolName()
                                                          + (operation.params().isEmpty()
                                                                  ? ", which takes none"
                                                                  : "; it takes " + operation.params().stream()
                                                                          .map(Param::name).collect(Collectors.joining(", "))));
            }
        }
        Map<String, Object> checked = new LinkedHashMap<>();
        for (Param param : operation.params()) {
            Object value = arguments.get(param.name());
            if (value == null || (value instanceof String text && text.isBlank())) {
                if (param.required()) {
                    throw GatewayException.badParameter(param.name(), "Parameter " + param.name() + " is required for "
                                                                      + operation.toolName() + where(param));
                }
                continue;
            }
            checked.put(param.name(), checkValue(param, value));
        }
        return checked;
    }

    private static String where(Param param) {
        return switch (param.in()) {
            case PATH -> " (path segment {" + param.name() + "})";
            case QUERY -> " (query parameter)";
            case BODY -> " (the request body)";
            case FIELD -> " (a field of the JSON body)";
        };
    }

    private static Object checkValue(Param param, Object value) {
        String name = param.name();
        return switch (param.kind()) {
            case TEXT -> {
                if (!(value instanceof String text)) {
                    throw GatewayException.badParameter(name, "Parameter " + name + " must be a string, was " + value);
                }
                String trimmed = text.trim();
                if (param.in() == Param.In.PATH && (trimmed.equals(".") || trimmed.equals(".."))) {
                    // it becomes a segment of Inngest's path, where it would name another resource
                    throw GatewayException.badParameter(name, "Parameter " + name + " cannot be '" + trimmed + "'");
                }
                yield trimmed;
            }
            case ULID -> {
                String text = value.toString().trim();
                if (!(value instanceof String) || !Ulid.isValid(text)) {
                    throw GatewayException.badParameter(name, "Parameter " + name + " must be a 26-character ULID such as"
                                                              + " 01JWNNSVKR5DW3DMHK620M933E, was '" + value + "'");
                }
                yield text;
            }
            case INTEGER -> wholeNumber(param, value);
            case OBJECT -> {
                if (!(value instanceof Map<?, ?>)) {
                    throw GatewayException.badParameter(name, "Parameter " + name + " must be a JSON object, was " + value);
                }
                yield value;
            }
            case EVENTS -> {
                boolean events = value instanceof Map<?, ?>
                        || (value instanceof List<?> list && !list.isEmpty()
                                && list.stream().allMatch(e -> e instanceof Map<?, ?>));
                if (!events) {
                    throw GatewayException.badParameter(name, "Parameter " + name + " must be an event object or a"
                                                              + " non-empty array of event objects, each with a name");
                }
                yield value;
            }
        };
    }

    /** The only whole number served is listevents' page size, whose range the server fixes. */
    private static Integer wholeNumber(Param param, Object value) {
        Integer number = null;
        try {
            BigDecimal decimal
                    = value instanceof Number n ? new BigDecimal(n.toString()) : new BigDecimal(value.toString().trim());
            number = decimal.intValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            // refused below
        }
        if (number == null || number < 1 || number > EventQuery.MAX_LIMIT) {
            throw GatewayException.badParameter(param.name(), "Parameter " + param.name() + " must be a whole number from 1"
                                                              + " to " + EventQuery.MAX_LIMIT + ", was '" + value + "'");
        }
        return number;
    }

    private static void prepare(GatewayOperation operation, Map<String, Object> args, Message message) {
        switch (operation) {
            // the gateway sends with its own event key: the caller's eventKey is not used (see docs/gateway.md)
            case SENDEVENTS -> message.setBody(args.get("events"));
            case LISTEVENTS -> {
                message.setHeader(InngestConstants.EVENT_NAME, args.get("name"));
                message.setHeader(InngestConstants.LIMIT, args.get("limit"));
            }
            case GETEVENT, LISTEVENTRUNS -> message.setHeader(InngestConstants.EVENT_ID, args.get("eventId"));
            case GETRUN, LISTRUNJOBS, CANCELRUN, RERUNRUN -> message.setHeader(InngestConstants.RUN_ID, args.get("runId"));
            case LISTFUNCTIONS -> {
                // no app: the functions of every app
            }
            case SENDSIGNAL -> {
                message.setHeader(InngestConstants.SIGNAL, args.get("signal"));
                message.setBody(args.getOrDefault("data", Map.of()));
            }
            case INVOKEFUNCTION -> {
                message.setHeader(InngestConstants.APP_ID, args.get("appId"));
                message.setHeader(InngestConstants.FUNCTION_ID, args.get("functionId"));
                message.setHeader(InngestConstants.IDEMPOTENCY_KEY, args.get("idempotencyKey"));
                message.setBody(args.getOrDefault("data", Map.of()));
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // results

    private static Map<String, Object> result(GatewayOperation operation, Object body) {
        Map<String, Object> result = new LinkedHashMap<>();
        switch (operation) {
            case SENDEVENTS -> {
                // Inngest's own answer to POST /e/{key}
                result.put("ids", body instanceof Collection<?> ids ? List.copyOf(ids) : List.of());
                result.put("status", 200);
            }
            case CANCELRUN, SENDSIGNAL, INVOKEFUNCTION, RERUNRUN -> result.put("data", Map.of("run_id", String.valueOf(body)));
            default -> result.put("data", JSON.convertValue(body, Object.class));
        }
        return result;
    }
}
