package io.camelinngest.gateway;

import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.util.URISupport;

import io.camelinngest.client.InngestJson;

/**
 * Reads a REST request into the arguments of its operation: path segments, query parameters (from the query string
 * itself, so an HTTP header cannot pose as one), and the JSON body, either whole or field by field.
 */
final class RestArguments {

    private RestArguments() {
    }

    static Map<String, Object> read(GatewayOperation operation, Message in) {
        Map<String, Object> args = new LinkedHashMap<>(query(in.getHeader(Exchange.HTTP_QUERY, String.class)));
        boolean wholeBody = false;
        boolean fields = false;
        for (Param param : operation.params()) {
            switch (param.in()) {
                case PATH -> args.put(param.name(), in.getHeader(param.name(), String.class));
                case BODY -> wholeBody = true;
                case FIELD -> fields = true;
                case QUERY -> {
                    // read above, with any unknown ones (refused by name)
                }
            }
        }
        if (wholeBody || fields) {
            String type = in.getHeader(Exchange.CONTENT_TYPE, String.class);
            if (type != null && !type.toLowerCase().contains("json")) {
                // platform-http would already have read a form body as form fields
                throw GatewayException.of(415, "unsupported_media_type", "The body must be JSON: send Content-Type:"
                                                                       + " application/json, was " + type);
            }
            String text = in.getBody(String.class);
            JsonNode body = text == null || text.isBlank() ? null : parse(text);
            if (wholeBody) {
                Param param = operation.params().stream().filter(p -> p.in() == Param.In.BODY).findFirst().orElseThrow();
                args.put(param.name(), body == null ? null : InngestJson.mapper().convertValue(body, Object.class));
            } else if (body != null) {
                if (!body.isObject()) {
                    throw GatewayException.badParameter("body", "The request body must be a JSON object with the fields "
                                                                + fieldNames(operation));
                }
                body.fields().forEachRemaining(f -> args.put(f.getKey(),
                        f.getValue().isNull() ? null : InngestJson.mapper().convertValue(f.getValue(), Object.class)));
            }
        }
        return args;
    }

    private static String fieldNames(GatewayOperation operation) {
        return String.join(", ", operation.params().stream().filter(p -> p.in() == Param.In.FIELD).map(Param::name).toList());
    }

    private static JsonNode parse(String text) {
        try {
            return InngestJson.mapper().readTree(text);
        } catch (JsonProcessingException e) {
            throw GatewayException.badParameter("body", "The request body is not JSON: " + e.getOriginalMessage());
        }
    }

    private static Map<String, Object> query(String rawQuery) {
        if (rawQuery == null || rawQuery.isBlank()) {
            return Map.of();
        }
        try {
            return URISupport.parseQuery(rawQuery);
        } catch (URISyntaxException e) {
            throw GatewayException.badParameter("query", "The query string cannot be read: " + e.getMessage());
        }
    }
}
