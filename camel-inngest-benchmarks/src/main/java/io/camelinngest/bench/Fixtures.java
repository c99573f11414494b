package io.camelinngest.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The recorded responses of a real Dev Server (copied from ../shared/fixtures/inngest-dev into this module's
 * resources): the loopback server builds its answers from their shapes, so what it serves is what Inngest serves.
 */
final class Fixtures {

    static final ObjectMapper JSON = new ObjectMapper();

    private Fixtures() {
    }

    /** The JSON body of the response recorded in {@code fixtures/<name>.http} (after the {@code ---} line). */
    static JsonNode responseBody(String name) {
        String text = read("/fixtures/" + name + ".http");
        String response = text.substring(text.indexOf("\n---\n") + 5);
        String body = response.substring(response.indexOf("\n\n") + 2).strip();
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException("fixture " + name + " has no JSON body", e);
        }
    }

    /** The first item of the {@code data} array (or the {@code data} object) of a recorded response, to copy. */
    static ObjectNode firstItem(String name) {
        JsonNode data = responseBody(name).get("data");
        return (ObjectNode) (data.isArray() ? data.get(0) : data).deepCopy();
    }

    private static String read(String resource) {
        try (InputStream in = Fixtures.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\r\n", "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
