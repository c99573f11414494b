package io.camelinngest.gateway;

import java.io.ByteArrayOutputStream;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * Reads a REST request into the arguments of its operation: path parameters from the path only (request headers and
 * query parameters never reach the message, see {@link RestHeaders}), query parameters percent-decoded from the raw
 * query string as every HTTP client encodes them, and the JSON body, either whole or field by field, read strictly
 * ({@link StrictJson}).
 */
final class RestArguments {

    private RestArguments() {
    }

    static Map<String, Object> read(GatewayOperation operation, Message in) {
        Map<String, Object> args = new LinkedHashMap<>(query(in.getHeader(Exchange.HTTP_RAW_QUERY, String.class)));
        boolean wholeBody = false;
        boolean fields = false;
        for (Param param : operation.params()) {
            switch (param.in()) {
                case PATH -> {
                    if (args.containsKey(param.name())) {
                        throw GatewayException.badParameter(param.name(), "Parameter " + param.name()
                                                                          + " is a path segment; it cannot be given in the query");
                    }
                    Object value = in.getHeader(param.name());
                    if (value != null && !(value instanceof String)) {
                        // only the path supplies it; two values mean something else tried to
                        throw GatewayException.badParameter(param.name(), "Parameter " + param.name()
                                                                          + " must be given once, in the path");
                    }
                    args.put(param.name(), value);
                }
                case BODY -> wholeBody = true;
                case FIELD -> fields = true;
                case QUERY -> {
                    // read above, with any unknown ones (refused by name)
                }
            }
        }
        if (wholeBody || fields) {
            requireJsonType(in.getHeader(Exchange.CONTENT_TYPE, String.class));
            JsonNode body;
            try {
                byte[] bytes = in.getBody(byte[].class);
                body = bytes == null ? null : StrictJson.read(bytes);
            } catch (StrictJson.Refused e) {
                throw GatewayException.badParameter("body", e.getMessage());
            }
            if (wholeBody) {
                Param param = operation.params().stream().filter(p -> p.in() == Param.In.BODY).findFirst().orElseThrow();
                args.put(param.name(), body == null ? null : StrictJson.mapper().convertValue(body, Object.class));
            } else if (body != null) {
                if (!body.isObject()) {
                    throw GatewayException.badParameter("body", "The request body must be a JSON object with the fields "
                                                                + fieldNames(operation));
                }
                body.fields().forEachRemaining(f -> {
                    if (args.containsKey(f.getKey())) {
                        throw GatewayException.badParameter(f.getKey(), "Parameter " + f.getKey()
                                                                        + " is given twice (path or query, and body)");
                    }
                    args.put(f.getKey(),
                            f.getValue().isNull() ? null : StrictJson.mapper().convertValue(f.getValue(), Object.class));
                });
            }
        }
        return args;
    }

    /**
     * {@code application/json} or none; a charset, when given, must be UTF-8 (the only one JSON allows on the wire).
     */
    static void requireJsonType(String type) {
        if (type == null || type.isBlank()) {
            return;
        }
        String[] parts = type.split(";");
        String media = parts[0].trim().toLowerCase(Locale.ROOT);
        boolean json = media.equals("application/json");
        String charset = null;
        for (int i = 1; i < parts.length; i++) {
            String[] pair = parts[i].trim().split("=", 2);
            if (pair.length == 2 && pair[0].trim().equalsIgnoreCase("charset")) {
                charset = pair[1].trim().replace("\"", "");
            }
        }
        if (!json || (charset != null && !charset.equalsIgnoreCase("utf-8"))) {
            throw GatewayException.of(415, "unsupported_media_type", "The body must be JSON in UTF-8: send Content-Type:"
                                                                     + " application/json, was " + type);
        }
    }

    private static String fieldNames(GatewayOperation operation) {
        return String.join(", ", operation.params().stream().filter(p -> p.in() == Param.In.FIELD).map(Param::name).toList());
    }

    /**
     * The query string as a form-encoded one: {@code +} is a space, {@code %XX} a UTF-8 byte; nothing else is special.
     */
    static Map<String, Object> query(String rawQuery) {
        Map<String, Object> params = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return params;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            if (params.putIfAbsent(name, value) != null) {
                throw GatewayException.badParameter(name, "Query parameter " + name + " is given more than once");
            }
        }
        return params;
    }

    private static String decode(String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '+') {
                bytes.write(' ');
            } else if (c == '%') {
                int high = i + 2 < text.length() ? Character.digit(text.charAt(i + 1), 16) : -1;
                int low = high < 0 ? -1 : Character.digit(text.charAt(i + 2), 16);
                if (low < 0) {
                    throw GatewayException.badParameter("query", "The query string has a malformed percent escape at '"
                                                                 + text.substring(i, Math.min(text.length(), i + 3)) + "'");
                }
                bytes.write(high * 16 + low);
                i += 2;
            } else {
                byte[] encoded = String.valueOf(c).getBytes(java.nio.charset.StandardCharsets.UTF_8);
                bytes.write(encoded, 0, encoded.length);
            }
        }
        try {
            return StrictJson.utf8(bytes.toByteArray());
        } catch (StrictJson.Refused e) {
            throw GatewayException.badParameter("query", "The query string does not decode to valid UTF-8");
        }
    }
}
