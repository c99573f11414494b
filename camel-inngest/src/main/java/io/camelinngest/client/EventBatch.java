package io.camelinngest.client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializerProvider;

/**
 * The events of one send, each encoded once and checked the way the server checks it ({@link EventFields}) before
 * anything is sent, and each within {@code maxEventSize}; the request bodies of the send are cut from them.
 */
final class EventBatch {

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
     * {@code String} or {@code byte[]}, a {@link JsonNode}, a {@link io.camelinngest.model.NewEvent} or another object
     * Jackson can write as a JSON object. A JSON string or byte array may hold one event or an array.
     * <p>
     * Each event is encoded once and checked in one read: a {@code Map}'s fields from the map, a string or byte array
     * that holds exactly one well-formed JSON object in the scan that finds it well-formed (it is then sent as given,
     * without being encoded again), any other event with a streaming read of its encoded top-level fields (no tree, no
     * second encoding) (unless it is over {@code maxEventSize}: then, as any other event, it is measured written
     * compactly, as before).
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
            if (candidate.fields() != null) {
                candidate.fields().check(i);
            } else {
                EventFields.validate(bytes, i);
            }
            if (bytes.length > maxEventSize) {
                throw new IllegalArgumentException(
                        "Event at index " + i + " is " + bytes.length
                                                   + " bytes, over maxEventSize (" + maxEventSize + " bytes)");
            }
            encoded.add(bytes);
        }
        return new EventBatch(encoded);
    }

    /**
     * One event's bytes: as the sender gave them ({@code asGiven}), or as Jackson wrote it; {@code fields} when they
     * were read on the way (from the {@code Map} it was written from, or in the scan of the bytes as given), so that
     * the bytes are not read a second time.
     */
    private record Candidate(byte[] bytes, boolean asGiven, EventFields fields) {
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
            SingleObject object = SingleObject.of(given);
            if (object != null) {
                out.add(new Candidate(object.bytes(), true, object.fields()));
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
                out.add(new Candidate(
                        encoder.write(body), false, body instanceof Map<?, ?> map ? EventFields.ofMap(map) : null));
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException(
                        "Event at index " + out.size() + " (a " + body.getClass().getName()
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
        /**
         * One serializer provider for the whole send: {@code ObjectMapper.writeValue} sets one up per call, which a
         * profile of a send of 100 events showed as a large share of the component's CPU time.
         */
        private SerializerProvider provider;

        byte[] write(Object value) throws JsonProcessingException {
            try {
                if (generator == null) {
                    generator = InngestJson.mapper().createGenerator(out);
                    generator.setRootValueSeparator(null);
                    provider = InngestJson.mapper().getSerializerProviderInstance();
                }
                provider.defaultSerializeValue(value, generator);
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

    private static JsonNode parse(Object text, int index) {
        try {
            return text instanceof byte[] bytes
                    ? InngestJson.mapper().readTree(bytes)
                    : InngestJson.mapper().readTree(text.toString());
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    "Event at index " + index + " is not valid JSON: "
                                               + (e instanceof JsonProcessingException jpe
                                                       ? jpe.getOriginalMessage() : e.getMessage()));
        }
    }

    private static byte[] encode(JsonNode node, int index) {
        try {
            return InngestJson.mapper().writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(
                    "Event at index " + index + " cannot be written as JSON: " + e.getOriginalMessage());
        }
    }

}
