package io.camelinngest.client;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

/**
 * The event API's answer to an accepted send, {@code {"ids": ["01K...", ...], "status": 200}}, read with a streaming
 * parser into the list of IDs, without a tree. Only exactly that shape is taken (the two fields once each, every ID a
 * string, a status under 400); anything else, such as a rejection ({@code "status": 400} with the IDs accepted before
 * it), goes to {@link ResponseReader}.
 */
final class SendAnswer {

    /** The IDs of a plain accepted send, as a {@code List<String>}. */
    static final PlainSuccess IDS = SendAnswer::ids;

    private SendAnswer() {
    }

    private static List<String> ids(byte[] body) {
        try (JsonParser parser = InngestJson.mapper().createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            List<String> ids = null;
            boolean status = false;
            JsonToken token;
            while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if (ids == null && value == JsonToken.START_ARRAY && "ids".equals(field)) {
                    ids = new ArrayList<>();
                    while ((value = parser.nextToken()) == JsonToken.VALUE_STRING) {
                        ids.add(parser.getText());
                    }
                    if (value != JsonToken.END_ARRAY) {
                        return null;
                    }
                } else if (!status && value == JsonToken.VALUE_NUMBER_INT && "status".equals(field)
                        && parser.getNumberType() == JsonParser.NumberType.INT && parser.getIntValue() < 400) {
                    status = true;
                } else {
                    return null;
                }
            }
            return token == JsonToken.END_OBJECT && parser.nextToken() == null ? ids : null;
        } catch (IOException e) {
            return null;
        }
    }
}
