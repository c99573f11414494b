package io.camelinngest.producer;

import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.camelinngest.client.InngestJson;
import org.apache.camel.Message;
import org.apache.camel.StreamCache;

/** What a message body becomes in a call: the events sent, a function's data, a signal's data. */
final class BodyConversion {

    private BodyConversion() {
    }

    /** The events of a send: the body as it is, a stream read once into bytes (it may be sent again on a retry). */
    static Object events(Message in) throws Exception {
        Object body = in.getBody();
        return isStream(body) ? in.getMandatoryBody(byte[].class) : body;
    }

    private static boolean isStream(Object body) {
        return body instanceof InputStream || body instanceof Reader || body instanceof StreamCache;
    }

    /**
     * The data a function is invoked with: the body as a JSON object (a Map, a JsonNode, a POJO, or JSON text); no body
     * means {@code {}}.
     */
    static Object functionData(Message in) throws Exception {
        Object body = in.getBody();
        if (body == null) {
            return null;
        }
        if (isStream(body) || body instanceof byte[] || body instanceof String) {
            String text = in.getMandatoryBody(String.class).trim();
            if (text.isEmpty()) {
                return null;
            }
            try {
                body = InngestJson.mapper().readTree(text);
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException(
                        "inngest:invokeFunction: the body must be the function's data as a JSON"
                                                   + " object, but it is not JSON: " + e.getOriginalMessage());
            }
        }
        return body;
    }

    /** The signal's data: a JSON text is sent as the JSON it holds, any other text as a string, objects as JSON. */
    static Object signalData(Message in) throws Exception {
        Object body = in.getBody();
        if (isStream(body)) {
            body = in.getMandatoryBody(String.class);
        }
        if (body instanceof byte[] bytes) {
            body = new String(bytes, StandardCharsets.UTF_8);
        }
        if (body instanceof String text) {
            String trimmed = text.trim();
            if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
                try {
                    return InngestJson.mapper().readTree(trimmed);
                } catch (Exception e) {
                    return text;
                }
            }
        }
        return body;
    }
}
