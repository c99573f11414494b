package io.camelinngest.client;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The events of one send, checked the way the server checks them, before anything is sent: each is a JSON object
 * with a non-empty {@code name} that does not start with {@code inngest/}, {@code data} is an object when present,
 * {@code ts} is a whole number of milliseconds in [1980, 2100), and the encoded event fits {@code maxEventSize}.
 */
final class EventBatch {

    private static final long TS_MIN = 315_532_800_000L; // 1980-01-01T00:00:00Z
    private static final long TS_MAX = 4_102_444_800_000L; // 2100-01-01T00:00:00Z

    private final List<byte[]> encoded;

    private EventBatch(List<byte[]> encoded) {
        this.encoded = encoded;
    }

    int size() {
        return encoded.size();
    }

    /** The request body holding events {@code from} (inclusive) to {@code to} (exclusive): a JSON array. */
    byte[] arrayBody(int from, int to) {
        int length = 2 + Math.max(0, to - from - 1);
        for (int i = from; i < to; i++) {
            length += encoded.get(i).length;
        }
        byte[] body = new byte[length];
        int pos = 0;
        body[pos++] = '[';
        for (int i = from; i < to; i++) {
            if (i > from) {
                body[pos++] = ',';
            }
            byte[] event = encoded.get(i);
            System.arraycopy(event, 0, body, pos, event.length);
            pos += event.length;
        }
        body[pos] = ']';
        return body;
    }

    /**
     * Reads the events of a send: one event or a collection or array of events, each a {@code Map}, a JSON
     * {@code String} or {@code byte[]}, a {@link JsonNode}, a {@link io.camelinngest.model.NewEvent} or another
     * object Jackson can write as a JSON object. A JSON string or byte array may hold one event or an array.
     *
     * @throws IllegalArgumentException naming the index of the first event that is not valid
     */
    static EventBatch of(Object body, int maxEventSize) {
        List<JsonNode> nodes = new ArrayList<>();
        collect(body, nodes, true);
        if (nodes.isEmpty()) {
            throw new IllegalArgumentException("sendEvents needs at least one event in the message body");
        }
        ObjectMapper mapper = InngestJson.mapper();
        List<byte[]> encoded = new ArrayList<>(nodes.size());
        for (int i = 0; i < nodes.size(); i++) {
            ObjectNode event = validate(nodes.get(i), i);
            byte[] bytes;
            try {
                bytes = mapper.writeValueAsBytes(event);
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("Event at index " + i + " cannot be written as JSON: " + e.getOriginalMessage());
            }
            if (bytes.length > maxEventSize) {
                throw new IllegalArgumentException("Event at index " + i + " is " + bytes.length
                                                   + " bytes, over maxEventSize (" + maxEventSize + " bytes)");
            }
            encoded.add(bytes);
        }
        return new EventBatch(encoded);
    }

    private static void collect(Object body, List<JsonNode> out, boolean topLevel) {
        if (body == null) {
            if (topLevel) {
                return;
            }
            throw new IllegalArgumentException("Event at index " + out.size() + " is null");
        }
        if (body instanceof Collection<?> collection) {
            requireTopLevel(topLevel, out);
            collection.forEach(e -> collect(e, out, false));
        } else if (body instanceof Object[] array) {
            requireTopLevel(topLevel, out);
            for (Object e : array) {
                collect(e, out, false);
            }
        } else if (body instanceof CharSequence || body instanceof byte[]) {
            JsonNode node = parse(body, out.size());
            if (node.isArray()) {
                requireTopLevel(topLevel, out);
                node.forEach(out::add);
            } else {
                out.add(node);
            }
        } else if (body instanceof JsonNode node) {
            if (node.isArray()) {
                requireTopLevel(topLevel, out);
                node.forEach(out::add);
            } else {
                out.add(node);
            }
        } else {
            try {
                out.add(InngestJson.mapper().valueToTree(body));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Event at index " + out.size() + " (a " + body.getClass().getName()
                                                   + ") cannot be written as JSON: " + e.getMessage());
            }
        }
    }

    private static void requireTopLevel(boolean topLevel, List<JsonNode> out) {
        if (!topLevel) {
            throw new IllegalArgumentException("Event at index " + out.size() + " is a list; events cannot be nested");
        }
    }

    private static JsonNode parse(Object text, int index) {
        try {
            return text instanceof byte[] bytes
                    ? InngestJson.mapper().readTree(bytes)
                    : InngestJson.mapper().readTree(text.toString());
        } catch (IOException e) {
            throw new IllegalArgumentException("Event at index " + index + " is not valid JSON: "
                                               + (e instanceof JsonProcessingException jpe ? jpe.getOriginalMessage() : e.getMessage()));
        }
    }

    private static ObjectNode validate(JsonNode node, int i) {
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("Event at index " + i + " is not a JSON object");
        }
        ObjectNode event = (ObjectNode) node;
        JsonNode name = event.get("name");
        if (name == null || !name.isTextual() || name.asText().isBlank()) {
            throw new IllegalArgumentException("Event at index " + i + " has no name: set a non-empty string 'name'");
        }
        if (name.asText().toLowerCase(Locale.ROOT).startsWith("inngest/")) {
            throw new IllegalArgumentException("Event at index " + i + " has the name '" + name.asText()
                                               + "', which is reserved for internal use (names starting with inngest/)");
        }
        JsonNode data = event.get("data");
        if (data != null && !data.isNull() && !data.isObject()) {
            throw new IllegalArgumentException("Event at index " + i + " has a 'data' that is not a JSON object");
        }
        JsonNode ts = event.get("ts");
        if (ts != null && !ts.isNull()) {
            if (!ts.isIntegralNumber()) {
                throw new IllegalArgumentException("Event at index " + i + " has a 'ts' that is not a whole number of milliseconds");
            }
            long millis = ts.asLong();
            if (millis != 0 && (millis < TS_MIN || millis >= TS_MAX)) {
                throw new IllegalArgumentException("Event at index " + i + " has a 'ts' outside [1980-01-01, 2100-01-01)");
            }
        }
        JsonNode id = event.get("id");
        if (id != null && !id.isNull() && !id.isTextual()) {
            throw new IllegalArgumentException("Event at index " + i + " has an 'id' that is not a string");
        }
        for (String field : new String[] { "user", "meta" }) {
            JsonNode value = event.get(field);
            if (value != null && !value.isNull() && !value.isObject()) {
                throw new IllegalArgumentException("Event at index " + i + " has a '" + field + "' that is not a JSON object");
            }
        }
        JsonNode v = event.get("v");
        if (v != null && !v.isNull() && !v.isTextual()) {
            throw new IllegalArgumentException("Event at index " + i + " has a 'v' that is not a string");
        }
        return event;
    }
}
