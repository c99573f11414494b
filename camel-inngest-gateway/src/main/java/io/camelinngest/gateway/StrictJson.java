package io.camelinngest.gateway;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * How both ports read a request body: exactly one JSON document in valid UTF-8, with no key given twice. Anything else
 * is refused with a message naming what is wrong, so nothing is sent on a guess (a second document, a character
 * replaced by U+FFFD, the first or last of two equal keys).
 */
final class StrictJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();
    private static final ObjectReader READER = MAPPER.readerFor(JsonNode.class);

    private StrictJson() {
    }

    /** Why a body was refused. */
    static final class Refused extends Exception {

        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message, null, false, false);
        }
    }

    /** The text of UTF-8 bytes; refused when they are not valid UTF-8 (never replaced). */
    static String utf8(byte[] bytes) throws Refused {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new Refused("The request body is not valid UTF-8");
        }
    }

    /** The one JSON document of a body, or {@code null} for an empty or blank one. */
    static JsonNode read(byte[] bytes) throws Refused {
        String text = utf8(bytes);
        if (text.isBlank()) {
            return null;
        }
        try {
            return READER.readValue(text);
        } catch (JsonProcessingException e) {
            String why = e.getOriginalMessage();
            if (why != null && why.startsWith("Trailing token")) {
                throw new Refused("The request body must hold exactly one JSON document; more follows the first");
            }
            throw new Refused("The request body is not JSON: " + why);
        }
    }

    static ObjectMapper mapper() {
        return MAPPER;
    }
}
