package io.camelinngest.client;

import java.io.IOException;
import java.util.Arrays;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

/**
 * An event given as a JSON string or byte array that holds exactly one well-formed JSON object: its bytes (without the
 * whitespace around it), sent as given, and its top-level fields, read in the same one pass that checks it is
 * well-formed (the bytes are not read again to check the event).
 */
record SingleObject(byte[] bytes, EventFields fields) {

    /**
     * The one JSON object {@code given} holds, or {@code null} when it holds anything else: an array, malformed JSON,
     * text after the object, or not UTF-8. Those take the general path, which reports them.
     */
    static SingleObject of(byte[] given) {
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
        EventFields fields = new EventFields();
        try (JsonParser parser = InngestJson.mapper().createParser(given, first, last - first + 1)) {
            parser.nextToken();
            JsonToken token;
            while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if (value == null) {
                    return null;
                }
                fields.read(field, value, parser);
                if (!decode(value, parser)) {
                    return null;
                }
            }
            if (token != JsonToken.END_OBJECT || parser.nextToken() != null) {
                return null; // cut short, or more after the object
            }
        } catch (IOException e) {
            return null;
        }
        byte[] bytes = first == 0 && last == given.length - 1 ? given : Arrays.copyOfRange(given, first, last + 1);
        return new SingleObject(bytes, fields);
    }

    /**
     * Reads the value starting with {@code token} to its end, decoding every string (malformed UTF-8 fails here, as in
     * a full parse); {@code false} when the input ends first.
     */
    private static boolean decode(JsonToken token, JsonParser parser) throws IOException {
        if (token == JsonToken.VALUE_STRING) {
            parser.getTextCharacters();
            return true;
        }
        if (!token.isStructStart()) {
            return true;
        }
        for (int depth = 1; depth > 0;) {
            JsonToken next = parser.nextToken();
            if (next == null) {
                return false;
            } else if (next.isStructStart()) {
                depth++;
            } else if (next.isStructEnd()) {
                depth--;
            } else if (next == JsonToken.VALUE_STRING) {
                parser.getTextCharacters();
            }
        }
        return true;
    }

    private static boolean isSpace(byte b) {
        return b == ' ' || b == '\n' || b == '\r' || b == '\t';
    }
}
