package io.camelinngest.client;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

/**
 * A v1 answer ({@code {"data": ..., "metadata": ...}}) bound from its bytes to the model in one pass, with the two
 * fields that would make it an error in disguise (trap 1: {@code "errors": [...]} or {@code "status": 400} and above)
 * kept aside to look at. Only a plain success is taken from it; anything else (an error, malformed JSON, data of
 * another shape, no {@code data}) is read again by {@link ResponseReader} and the usual mapping, which say what failed
 * exactly as before. Parsing to a tree first and mapping the tree then would read every success twice.
 *
 * @param <T> the type of {@code data}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
final class V1Envelope<T> {

    private static final Map<JavaType, PlainSuccess> READERS = new ConcurrentHashMap<>();

    private JsonNode errors;
    private JsonNode status;
    private boolean hasData;
    private T data;

    /**
     * The reader of a plain success into an envelope around {@code data} of type {@code dataType} (the envelope, or
     * {@code null}), made once per type.
     */
    static PlainSuccess reader(JavaType dataType) {
        return READERS.computeIfAbsent(dataType, type -> {
            ObjectMapper mapper = InngestJson.mapper();
            ObjectReader reader = mapper.readerFor(mapper.getTypeFactory().constructParametricType(V1Envelope.class, type));
            return body -> plainSuccess(reader, body);
        });
    }

    /** The envelope bound from {@code body} if it is a plain success, or {@code null}. */
    static V1Envelope<?> plainSuccess(ObjectReader reader, byte[] body) {
        V1Envelope<?> envelope;
        try {
            envelope = reader.readValue(body);
        } catch (IOException e) {
            return null;
        }
        boolean error = ResponseReader.isErrorList(envelope.errors) || ResponseReader.isErrorStatus(envelope.status);
        return envelope.hasData && !error ? envelope : null;
    }

    @JsonSetter("errors")
    void errors(JsonNode value) {
        this.errors = value;
    }

    @JsonSetter("status")
    void status(JsonNode value) {
        this.status = value;
    }

    @JsonSetter("data")
    void data(T value) {
        this.data = value;
        this.hasData = true;
    }

    /** The {@code data} of the answer ({@code null} when it was {@code null}). */
    T data() {
        return data;
    }
}
