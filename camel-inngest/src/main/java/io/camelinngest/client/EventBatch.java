package io.camelinngest.client;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;

/**
 * The events of one send, written once, one after the other, into one JSON array ({@code [e0,e1,...]}), and checked the
 * way the server checks them ({@link EventFields}) before anything is sent, each within {@code maxEventSize}. The
 * offsets of each event are kept: a send that fits one request is its own body (no copy), and the body of any part of
 * it is cut from the array.
 */
final class EventBatch {

    /** {@code [e0,e1,...]}, valid up to {@code length}. */
    private final byte[] bytes;
    private final int length;
    /** Event i spans {@code bounds[2i]} (inclusive) to {@code bounds[2i + 1]} (exclusive) of {@code bytes}. */
    private final int[] bounds;
    private final int size;

    private EventBatch(byte[] bytes, int length, int[] bounds, int size) {
        this.bytes = bytes;
        this.length = length;
        this.bounds = bounds;
        this.size = size;
    }

    int size() {
        return size;
    }

    /**
     * The array holding the request body of events {@code from} (inclusive) to {@code to} (exclusive), a JSON array, in
     * its first {@link #bodyLength} bytes: the batch's own array when the request holds every event.
     */
    byte[] arrayBody(int from, int to) {
        if (from == 0 && to == size) {
            return bytes;
        }
        int start = bounds[2 * from];
        int end = bounds[2 * (to - 1) + 1];
        byte[] body = new byte[end - start + 2];
        body[0] = '[';
        System.arraycopy(bytes, start, body, 1, end - start);
        body[body.length - 1] = ']';
        return body;
    }

    /** How many bytes of {@link #arrayBody} are the body. */
    int bodyLength(int from, int to) {
        return from == 0 && to == size ? length : bounds[2 * (to - 1) + 1] - bounds[2 * from] + 2;
    }

    /**
     * Reads the events of a send: one event or a collection or array of events, each a {@code Map}, a JSON
     * {@code String} or {@code byte[]}, a {@link JsonNode}, a {@link io.camelinngest.model.NewEvent} or another object
     * Jackson can write as a JSON object. A JSON string or byte array may hold one event or an array.
     * <p>
     * Each event is written once and checked in one read: a {@code Map}'s fields from the map, a string or byte array
     * that holds exactly one well-formed JSON object in the scan that finds it well-formed (it is then sent as given,
     * without being encoded again, unless it is over {@code maxEventSize}: then, as any other event, it is measured
     * written compactly), any other event with a streaming read of its written top-level fields (no tree, no second
     * encoding).
     * <p>
     * Errors come in the order they always came: first what stops the events from being read or written (a null, a
     * nested list, malformed JSON, an object Jackson cannot write), then the first event, by index, that fails its
     * checks or is too large.
     *
     * @throws IllegalArgumentException naming the index of the first event that is not valid
     */
    static EventBatch of(Object body, int maxEventSize) {
        Writer writer = new Writer(maxEventSize);
        try {
            writer.collect(body, true);
            writer.finish();
        } finally {
            writer.close();
        }
        if (writer.count == 0) {
            throw new IllegalArgumentException("sendEvents needs at least one event in the message body");
        }
        byte[] bytes = writer.buffer.array();
        for (int i = 0; i < writer.count; i++) {
            int start = writer.bounds[2 * i];
            int end = writer.bounds[2 * i + 1];
            if (i == writer.failedIndex) {
                throw writer.failed;
            }
            if (writer.readBytes != null && writer.readBytes[i]) {
                EventFields.validate(bytes, start, end - start, i);
            }
            if (end - start > maxEventSize) {
                throw new IllegalArgumentException(
                        "Event at index " + i + " is " + (end - start)
                                                   + " bytes, over maxEventSize (" + maxEventSize + " bytes)");
            }
        }
        return new EventBatch(bytes, writer.buffer.size(), writer.bounds, writer.count);
    }

    /** Writes the events of one send with one generator into one buffer, noting where each starts and ends. */
    private static final class Writer {
        private final int maxEventSize;
        private final SendBuffer buffer = new SendBuffer();
        private final JsonGenerator generator;
        /**
         * One serializer provider for the whole send: {@code ObjectMapper.writeValue} sets one up per call, which a
         * profile of a send of 100 events showed as a large share of the component's CPU time.
         */
        private final SerializerProvider provider;
        /**
         * The class of the last event written by {@link #writeObject}, its serializer and whether it is a {@code Map}:
         * the events of a send are mostly of one class, which then takes neither the type checks nor the serializer
         * lookup again (as Jackson's own list serializer does).
         */
        private Class<?> lastType;
        private JsonSerializer<Object> lastSerializer;
        private boolean lastIsMap;
        /** Read from each {@code Map} event in turn: one object for the send. */
        private final EventFields mapFields = new EventFields();
        private int[] bounds = new int[2];
        private int count;
        /** Which events are checked by reading their written bytes; {@code null} while none is. */
        private boolean[] readBytes;
        /** The first event whose fields, read on the way, failed their check, and how; checked in index order later. */
        private int failedIndex = -1;
        private IllegalArgumentException failed;

        Writer(int maxEventSize) {
            this.maxEventSize = maxEventSize;
            try {
                generator = InngestJson.mapper().createGenerator(buffer);
            } catch (IOException e) {
                throw new IllegalStateException("writing to memory failed", e); // a SendBuffer does not fail
            }
            generator.setRootValueSeparator(null);
            provider = InngestJson.mapper().getSerializerProviderInstance();
            raw('[');
        }

        void collect(Object body, boolean topLevel) {
            if (body == null) {
                if (topLevel) {
                    return;
                }
                throw new IllegalArgumentException("Event at index " + count + " is null");
            }
            if (body.getClass() == lastType) {
                writeObject(body); // the usual case: one more event of the type written before
            } else if (body instanceof Collection<?> collection) {
                requireTopLevel(topLevel);
                if (count == 0 && bounds.length < 2 * collection.size()) {
                    bounds = new int[2 * collection.size()];
                }
                for (Object e : collection) {
                    collect(e, false);
                }
            } else if (body instanceof Object[] array) {
                requireTopLevel(topLevel);
                for (Object e : array) {
                    collect(e, false);
                }
            } else if (body instanceof CharSequence || body instanceof byte[]) {
                byte[] given = body instanceof byte[] b ? b : body.toString().getBytes(StandardCharsets.UTF_8);
                SingleObject object = SingleObject.of(given);
                if (object == null) {
                    collectNode(parse(body, count), topLevel);
                } else if (object.bytes().length > maxEventSize) {
                    // measured as the compact encoding, as for every other event
                    writeNode(parse(object.bytes(), count), object.fields());
                } else {
                    int start = begin();
                    flush();
                    buffer.write(object.bytes(), 0, object.bytes().length);
                    end(start, object.fields());
                }
            } else if (body instanceof JsonNode node) {
                collectNode(node, topLevel);
            } else {
                writeObject(body);
            }
        }

        /** Writes a {@code Map}, a {@link io.camelinngest.model.NewEvent} or another object Jackson can write. */
        private void writeObject(Object body) {
            Class<?> type = body.getClass();
            if (type != lastType) {
                try {
                    lastSerializer = provider.findTypedValueSerializer(type, true, null);
                } catch (JsonProcessingException e) {
                    throw cannotWrite(body, e);
                }
                lastType = type;
                lastIsMap = body instanceof Map;
            }
            int start = begin();
            try {
                lastSerializer.serialize(body, generator, provider);
            } catch (JsonProcessingException e) {
                throw cannotWrite(body, e);
            } catch (IOException e) {
                throw new IllegalStateException("writing to memory failed", e);
            }
            end(start, lastIsMap && mapFields.readMap((Map<?, ?>) body) ? mapFields : null);
        }

        private IllegalArgumentException cannotWrite(Object body, JsonProcessingException e) {
            return new IllegalArgumentException(
                    "Event at index " + count + " (a " + body.getClass().getName() + ") cannot be written as JSON: "
                                                + e.getMessage());
        }

        private void collectNode(JsonNode node, boolean topLevel) {
            if (node.isArray()) {
                requireTopLevel(topLevel);
                for (JsonNode e : node) {
                    writeNode(e, null);
                }
            } else {
                writeNode(node, null);
            }
        }

        private void writeNode(JsonNode node, EventFields fields) {
            int start = begin();
            try {
                provider.defaultSerializeValue(node, generator);
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException(
                        "Event at index " + count + " cannot be written as JSON: " + e.getOriginalMessage());
            } catch (IOException e) {
                throw new IllegalStateException("writing to memory failed", e);
            }
            end(start, fields);
        }

        /** Separates the next event from the one before; where it starts. */
        private int begin() {
            if (count > 0) {
                raw(',');
            }
            return position();
        }

        /**
         * Notes where the event just written ends, and checks it now with its {@code fields} when they were read on the
         * way (else it is checked later from its bytes).
         */
        private void end(int start, EventFields fields) {
            if (bounds.length < 2 * count + 2) {
                bounds = Arrays.copyOf(bounds, 4 * count + 2);
            }
            bounds[2 * count] = start;
            bounds[2 * count + 1] = position();
            if (fields == null) {
                if (readBytes == null) {
                    readBytes = new boolean[Math.max(bounds.length / 2, count + 1)];
                } else if (readBytes.length <= count) {
                    readBytes = Arrays.copyOf(readBytes, bounds.length / 2);
                }
                readBytes[count] = true;
            } else if (failed == null) {
                try {
                    fields.check(count);
                } catch (IllegalArgumentException e) {
                    failedIndex = count;
                    failed = e;
                }
            }
            count++;
        }

        /** Where the next byte goes: what the buffer holds and what the generator holds back. */
        private int position() {
            return buffer.size() + generator.getOutputBuffered();
        }

        void finish() {
            raw(']');
            flush();
        }

        private void raw(char c) {
            try {
                generator.writeRaw(c);
            } catch (IOException e) {
                throw new IllegalStateException("writing to memory failed", e);
            }
        }

        private void flush() {
            try {
                generator.flush();
            } catch (IOException e) {
                throw new IllegalStateException("writing to memory failed", e);
            }
        }

        void close() {
            try {
                generator.close(); // gives the generator's buffer back to Jackson's recycler
            } catch (IOException e) {
                // memory only: nothing to release
            }
        }

        private void requireTopLevel(boolean topLevel) {
            if (!topLevel) {
                throw new IllegalArgumentException("Event at index " + count + " is a list; events cannot be nested");
            }
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
}
