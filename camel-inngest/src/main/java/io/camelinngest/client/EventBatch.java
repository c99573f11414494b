package io.camelinngest.client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;

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
     * <p>
     * Each event is encoded once and checked on its encoded bytes with a streaming read of its top-level fields (no
     * tree, no second encoding); a string or byte array that holds exactly one well-formed JSON object is sent as
     * given, without being encoded again (unless it is over {@code maxEventSize}: then, as any other event, it is
     * measured written compactly, as before).
     *
     * @throws IllegalArgumentException naming the index of the first event that is not valid
     */
    static EventBatch of(Object body, int maxEventSize) {
        List<Candidate> candidates = new ArrayList<>();
        try (Encoder encoder = new Encoder()) {
            collect(body, candidates, true, encoder);
        }
        if (candidates.isEmpty()) {
            throw new IllegalArgumentException("sendEvents needs at least one event in the message body");
        }
        List<byte[]> encoded = new ArrayList<>(candidates.size());
        for (int i = 0; i < candidates.size(); i++) {
            Candidate candidate = candidates.get(i);
            byte[] bytes = candidate.bytes();
            if (candidate.asGiven() && bytes.length > maxEventSize) {
                // measured as the compact encoding, as for every other event
                bytes = encode(parse(bytes, i), i);
            }
            Fields fields = candidate.source() == null ? null : Fields.ofMap(candidate.source());
            if (fields != null) {
                check(fields, i);
            } else {
                validate(bytes, i);
            }
            if (bytes.length > maxEventSize) {
                throw new IllegalArgumentException("Event at index " + i + " is " + bytes.length
                                                   + " bytes, over maxEventSize (" + maxEventSize + " bytes)");
            }
            encoded.add(bytes);
        }
        return new EventBatch(encoded);
    }

    /**
     * One event's bytes: as the sender gave them ({@code asGiven}), or as Jackson wrote it; {@code source} is the
     * {@code Map} it was written from, if it was one (its fields can then be checked without reading the bytes).
     */
    private record Candidate(byte[] bytes, boolean asGiven, Map<?, ?> source) {
        Candidate(byte[] bytes, boolean asGiven) {
            this(bytes, asGiven, null);
        }
    }

    private static void collect(Object body, List<Candidate> out, boolean topLevel, Encoder encoder) {
        if (body == null) {
            if (topLevel) {
                return;
            }
            throw new IllegalArgumentException("Event at index " + out.size() + " is null");
        }
        if (body instanceof Collection<?> collection) {
            requireTopLevel(topLevel, out);
            collection.forEach(e -> collect(e, out, false, encoder));
        } else if (body instanceof Object[] array) {
            requireTopLevel(topLevel, out);
            for (Object e : array) {
                collect(e, out, false, encoder);
            }
        } else if (body instanceof CharSequence || body instanceof byte[]) {
            byte[] given = body instanceof byte[] bytes ? bytes : body.toString().getBytes(StandardCharsets.UTF_8);
            byte[] object = singleObject(given);
            if (object != null) {
                out.add(new Candidate(object, true));
                return;
            }
            JsonNode node = parse(body, out.size());
            if (node.isArray()) {
                requireTopLevel(topLevel, out);
                node.forEach(e -> out.add(new Candidate(encode(e, out.size()), false)));
            } else {
                out.add(new Candidate(encode(node, out.size()), false));
            }
        } else if (body instanceof JsonNode node) {
            if (node.isArray()) {
                requireTopLevel(topLevel, out);
                node.forEach(e -> out.add(new Candidate(encode(e, out.size()), false)));
            } else {
                out.add(new Candidate(encode(node, out.size()), false));
            }
        } else {
            try {
                out.add(new Candidate(encoder.write(body), false, body instanceof Map<?, ?> map ? map : null));
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("Event at index " + out.size() + " (a " + body.getClass().getName()
                                                   + ") cannot be written as JSON: " + e.getMessage());
            }
        }
    }

    /**
     * Writes the objects of one send one after the other with one generator, each to its own bytes: setting Jackson up
     * for each call cost about as much as writing a small event.
     */
    private static final class Encoder implements AutoCloseable {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        private JsonGenerator generator;

        byte[] write(Object value) throws JsonProcessingException {
            try {
                if (generator == null) {
                    generator = InngestJson.mapper().createGenerator(out);
                    generator.setRootValueSeparator(null);
                }
                InngestJson.mapper().writeValue(generator, value);
                generator.flush();
            } catch (JsonProcessingException e) {
                throw e;
            } catch (IOException e) {
                throw new IllegalStateException("writing to memory failed", e); // a ByteArrayOutputStream does not fail
            }
            byte[] bytes = out.toByteArray();
            out.reset();
            return bytes;
        }

        @Override
        public void close() {
            if (generator != null) {
                try {
                    generator.close();
                } catch (IOException e) {
                    // memory only: nothing to release
                }
            }
        }
    }

    private static void requireTopLevel(boolean topLevel, List<Candidate> out) {
        if (!topLevel) {
            throw new IllegalArgumentException("Event at index " + out.size() + " is a list; events cannot be nested");
        }
    }

    /**
     * The bytes of the one JSON object {@code given} holds (without the whitespace around it), or {@code null} when it
     * holds anything else: an array, malformed JSON, text after the object, or not UTF-8. Those take the general path,
     * which reports them as before.
     */
    private static byte[] singleObject(byte[] given) {
        int first = 0;
        while (first < given.length && isSpace(given[first])) {
            first++;
        }
        int last = given.length - 1;
        while (last > first && isSpace(given[last])) {
            last--;
        }
        // '{' then a zero byte would be UTF-16 or UTF-32, which Jackson detects but the request body cannot carry
        if (last - first < 1 || given[first] != '{' || given[last] != '}' || given[first + 1] == 0) {
            return null;
        }
        try (JsonParser parser = InngestJson.mapper().createParser(given, first, last - first + 1)) {
            parser.nextToken();
            for (int depth = 1; depth > 0;) {
                JsonToken token = parser.nextToken();
                if (token == null) {
                    return null;
                } else if (token.isStructStart()) {
                    depth++;
                } else if (token.isStructEnd()) {
                    depth--;
                } else if (token == JsonToken.VALUE_STRING) {
                    parser.getTextCharacters(); // decodes the string: malformed UTF-8 fails here, as in a full parse
                }
            }
            if (parser.nextToken() != null) {
                return null; // more after the object
            }
        } catch (IOException e) {
            return null;
        }
        return first == 0 && last == given.length - 1 ? given : Arrays.copyOfRange(given, first, last + 1);
    }

    private static boolean isSpace(byte b) {
        return b == ' ' || b == '\n' || b == '\r' || b == '\t';
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

    private static byte[] encode(JsonNode node, int index) {
        try {
            return InngestJson.mapper().writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Event at index " + index + " cannot be written as JSON: " + e.getOriginalMessage());
        }
    }

    /** The top-level fields the checks look at, as the server reads them (of a repeated field, the last). */
    private static final class Fields {
        JsonToken name;
        String nameText;
        JsonToken data;
        JsonToken ts;
        long tsMillis;
        JsonToken id;
        JsonToken user;
        JsonToken meta;
        JsonToken v;

        /**
         * The fields of an event given as a {@code Map}, read from the map as Jackson writes them, or {@code null} when
         * a key is not a string or a checked field holds a type whose JSON form is not plain (then the bytes are read).
         */
        static Fields ofMap(Map<?, ?> event) {
            Fields fields = new Fields();
            for (Map.Entry<?, ?> entry : event.entrySet()) {
                if (!(entry.getKey() instanceof String key)) {
                    return null;
                }
                Object value = entry.getValue();
                JsonToken token;
                switch (key) {
                    case "name" -> {
                        token = fields.name = token(value);
                        fields.nameText = value instanceof String text ? text : null;
                    }
                    case "ts" -> {
                        token = fields.ts = token(value);
                        fields.tsMillis = token == JsonToken.VALUE_NUMBER_INT ? ((Number) value).longValue() : 0;
                    }
                    case "data" -> token = fields.data = token(value);
                    case "id" -> token = fields.id = token(value);
                    case "user" -> token = fields.user = token(value);
                    case "meta" -> token = fields.meta = token(value);
                    case "v" -> token = fields.v = token(value);
                    default -> token = JsonToken.VALUE_NULL; // not checked
                }
                if (token == null) {
                    return null;
                }
            }
            return fields;
        }

        /** The first token Jackson writes for a plain Java value, or {@code null} for any other type. */
        private static JsonToken token(Object value) {
            if (value == null) {
                return JsonToken.VALUE_NULL;
            } else if (value instanceof String) {
                return JsonToken.VALUE_STRING;
            } else if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte
                       || value instanceof BigInteger) {
                return JsonToken.VALUE_NUMBER_INT;
            } else if ((value instanceof Double d && Double.isFinite(d)) || (value instanceof Float f && Float.isFinite(f))) {
                return JsonToken.VALUE_NUMBER_FLOAT; // NaN and infinities are written as strings
            } else if (value instanceof Boolean b) {
                return b ? JsonToken.VALUE_TRUE : JsonToken.VALUE_FALSE;
            } else if (value instanceof Map<?, ?>) {
                return JsonToken.START_OBJECT;
            } else if (value instanceof Collection<?>) {
                return JsonToken.START_ARRAY;
            }
            return null;
        }
    }

    private static void validate(byte[] bytes, int i) {
        Fields fields = new Fields();
        try (JsonParser parser = InngestJson.mapper().createParser(bytes)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("Event at index " + i + " is not a JSON object");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken token = parser.nextToken();
                switch (field) {
                    case "name" -> {
                        fields.name = token;
                        fields.nameText = token == JsonToken.VALUE_STRING ? parser.getText() : null;
                    }
                    case "data" -> fields.data = token;
                    case "ts" -> {
                        fields.ts = token;
                        fields.tsMillis = token != JsonToken.VALUE_NUMBER_INT ? 0
                                : parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                                ? parser.getBigIntegerValue().longValue() : parser.getLongValue();
                    }
                    case "id" -> fields.id = token;
                    case "user" -> fields.user = token;
                    case "meta" -> fields.meta = token;
                    case "v" -> fields.v = token;
                    default -> {
                        // not checked
                    }
                }
                parser.skipChildren();
            }
        } catch (IOException e) {
            // bytes Jackson wrote, or checked to be well-formed JSON before
            throw new IllegalArgumentException("Event at index " + i + " is not valid JSON: " + e.getMessage());
        }
        check(fields, i);
    }

    private static void check(Fields event, int i) {
        if (event.name != JsonToken.VALUE_STRING || event.nameText.isBlank()) {
            throw new IllegalArgumentException("Event at index " + i + " has no name: set a non-empty string 'name'");
        }
        if (event.nameText.toLowerCase(Locale.ROOT).startsWith("inngest/")) {
            throw new IllegalArgumentException("Event at index " + i + " has the name '" + event.nameText
                                               + "', which is reserved for internal use (names starting with inngest/)");
        }
        if (!isObjectOrNull(event.data)) {
            throw new IllegalArgumentException("Event at index " + i + " has a 'data' that is not a JSON object");
        }
        if (event.ts != null && event.ts != JsonToken.VALUE_NULL) {
            if (event.ts != JsonToken.VALUE_NUMBER_INT) {
                throw new IllegalArgumentException("Event at index " + i + " has a 'ts' that is not a whole number of milliseconds");
            }
            long millis = event.tsMillis;
            if (millis != 0 && (millis < TS_MIN || millis >= TS_MAX)) {
                throw new IllegalArgumentException("Event at index " + i + " has a 'ts' outside [1980-01-01, 2100-01-01)");
            }
        }
        if (!isTextOrNull(event.id)) {
            throw new IllegalArgumentException("Event at index " + i + " has an 'id' that is not a string");
        }
        if (!isObjectOrNull(event.user)) {
            throw new IllegalArgumentException("Event at index " + i + " has a 'user' that is not a JSON object");
        }
        if (!isObjectOrNull(event.meta)) {
            throw new IllegalArgumentException("Event at index " + i + " has a 'meta' that is not a JSON object");
        }
        if (!isTextOrNull(event.v)) {
            throw new IllegalArgumentException("Event at index " + i + " has a 'v' that is not a string");
        }
    }

    private static boolean isObjectOrNull(JsonToken token) {
        return token == null || token == JsonToken.VALUE_NULL || token == JsonToken.START_OBJECT;
    }

    private static boolean isTextOrNull(JsonToken token) {
        return token == null || token == JsonToken.VALUE_NULL || token == JsonToken.VALUE_STRING;
    }
}
