package io.camelinngest.client;

import java.io.IOException;
import java.math.BigInteger;
import java.util.Collection;
import java.util.Map;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

/**
 * The top-level fields of one event that the server checks, as the server reads them (of a repeated field, the last),
 * and the checks themselves: a non-empty {@code name} that does not start with {@code inngest/}, {@code data},
 * {@code user} and {@code meta} objects when present, {@code id} and {@code v} strings, {@code ts} a whole number of
 * milliseconds in [1980, 2100). Read from a {@code Map}, from a parser positioned on a field's value, or from bytes.
 */
final class EventFields {

    private static final long TS_MIN = 315_532_800_000L; // 1980-01-01T00:00:00Z
    private static final String RESERVED = "inngest/";
    private static final long TS_MAX = 4_102_444_800_000L; // 2100-01-01T00:00:00Z

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
     * Reads the fields of an event given as a {@code Map} into this object (forgetting what it held), as Jackson writes
     * them; {@code false} when a key is not a string or a checked field holds a type whose JSON form is not plain (then
     * the bytes are read). One object serves every {@code Map} event of a send.
     */
    boolean readMap(Map<?, ?> event) {
        name = null;
        nameText = null;
        data = null;
        ts = null;
        tsMillis = 0;
        id = null;
        user = null;
        meta = null;
        v = null;
        for (Map.Entry<?, ?> entry : event.entrySet()) {
            if (!(entry.getKey() instanceof String key)) {
                return false;
            }
            Object value = entry.getValue();
            JsonToken token;
            switch (key) {
                case "name" -> {
                    token = name = token(value);
                    nameText = value instanceof String text ? text : null;
                }
                case "ts" -> {
                    token = ts = token(value);
                    tsMillis = token == JsonToken.VALUE_NUMBER_INT ? ((Number) value).longValue() : 0;
                }
                case "data" -> token = data = token(value);
                case "id" -> token = id = token(value);
                case "user" -> token = user = token(value);
                case "meta" -> token = meta = token(value);
                case "v" -> token = v = token(value);
                default -> token = JsonToken.VALUE_NULL; // not checked
            }
            if (token == null) {
                return false;
            }
        }
        return true;
    }

    /** The first token Jackson writes for a plain Java value, or {@code null} for any other type. */
    private static JsonToken token(Object value) {
        if (value == null) {
            return JsonToken.VALUE_NULL;
        } else if (value instanceof String) {
            return JsonToken.VALUE_STRING;
        } else if (value instanceof Map<?, ?>) {
            // before the number types: a nested object ("data") is the usual value after a string
            return JsonToken.START_OBJECT;
        } else if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte
                || value instanceof BigInteger) {
            return JsonToken.VALUE_NUMBER_INT;
        } else if ((value instanceof Double d && Double.isFinite(d)) || (value instanceof Float f && Float.isFinite(f))) {
            return JsonToken.VALUE_NUMBER_FLOAT; // NaN and infinities are written as strings
        } else if (value instanceof Boolean b) {
            return b ? JsonToken.VALUE_TRUE : JsonToken.VALUE_FALSE;
        } else if (value instanceof Collection<?>) {
            return JsonToken.START_ARRAY;
        }
        return null;
    }

    /**
     * Notes the top-level field {@code field} whose value starts with {@code token} at the parser's position (the
     * parser stays on that token).
     */
    void read(String field, JsonToken token, JsonParser parser) throws IOException {
        switch (field) {
            case "name" -> {
                name = token;
                nameText = token == JsonToken.VALUE_STRING ? parser.getText() : null;
            }
            case "data" -> data = token;
            case "ts" -> {
                ts = token;
                tsMillis = token != JsonToken.VALUE_NUMBER_INT ? 0
                        : parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                                ? parser.getBigIntegerValue().longValue()
                        : parser.getLongValue();
            }
            case "id" -> id = token;
            case "user" -> user = token;
            case "meta" -> meta = token;
            case "v" -> v = token;
            default -> {
                // not checked
            }
        }
    }

    /** Reads the top-level fields of one encoded event ({@code length} bytes at {@code offset}) and checks them. */
    static void validate(byte[] bytes, int offset, int length, int i) {
        EventFields fields = new EventFields();
        try (JsonParser parser = InngestJson.mapper().createParser(bytes, offset, length)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("Event at index " + i + " is not a JSON object");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                fields.read(field, parser.nextToken(), parser);
                parser.skipChildren();
            }
        } catch (IOException e) {
            // bytes Jackson wrote, or checked to be well-formed JSON before
            throw new IllegalArgumentException("Event at index " + i + " is not valid JSON: " + e.getMessage());
        }
        fields.check(i);
    }

    /** @throws IllegalArgumentException naming event {@code i} and the field to fix */
    void check(int i) {
        if (this.name != JsonToken.VALUE_STRING || this.nameText.isBlank()) {
            throw new IllegalArgumentException("Event at index " + i + " has no name: set a non-empty string 'name'");
        }
        if (isReserved(this.nameText)) {
            throw new IllegalArgumentException(
                    "Event at index " + i + " has the name '" + this.nameText
                                               + "', which is reserved for internal use (names starting with inngest/)");
        }
        if (!isObjectOrNull(this.data)) {
            throw new IllegalArgumentException("Event at index " + i + " has a 'data' that is not a JSON object");
        }
        if (this.ts != null && this.ts != JsonToken.VALUE_NULL) {
            if (this.ts != JsonToken.VALUE_NUMBER_INT) {
                throw new IllegalArgumentException(
                        "Event at index " + i + " has a 'ts' that is not a whole number of milliseconds");
            }
            long millis = this.tsMillis;
            if (millis != 0 && (millis < TS_MIN || millis >= TS_MAX)) {
                throw new IllegalArgumentException("Event at index " + i + " has a 'ts' outside [1980-01-01, 2100-01-01)");
            }
        }
        if (!isTextOrNull(this.id)) {
            throw new IllegalArgumentException("Event at index " + i + " has an 'id' that is not a string");
        }
        if (!isObjectOrNull(this.user)) {
            throw new IllegalArgumentException("Event at index " + i + " has a 'user' that is not a JSON object");
        }
        if (!isObjectOrNull(this.meta)) {
            throw new IllegalArgumentException("Event at index " + i + " has a 'meta' that is not a JSON object");
        }
        if (!isTextOrNull(this.v)) {
            throw new IllegalArgumentException("Event at index " + i + " has a 'v' that is not a string");
        }
    }

    /**
     * Whether {@code name.toLowerCase(Locale.ROOT)} starts with {@code inngest/}, without lowering the whole name: only
     * ASCII letters lower to the ASCII letters of that prefix (the one other character that lowers to an {@code i},
     * U+0130, lowers to two characters, the second not an {@code n}).
     */
    static boolean isReserved(String name) {
        if (name.length() < RESERVED.length()) {
            return false;
        }
        for (int i = 0; i < RESERVED.length(); i++) {
            char c = name.charAt(i);
            if (c != RESERVED.charAt(i) && !(c >= 'A' && c <= 'Z' && c + ('a' - 'A') == RESERVED.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isObjectOrNull(JsonToken token) {
        return token == null || token == JsonToken.VALUE_NULL || token == JsonToken.START_OBJECT;
    }

    private static boolean isTextOrNull(JsonToken token) {
        return token == null || token == JsonToken.VALUE_NULL || token == JsonToken.VALUE_STRING;
    }
}
