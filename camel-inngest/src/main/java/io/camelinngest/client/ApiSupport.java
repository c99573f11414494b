package io.camelinngest.client;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camelinngest.model.FunctionRun;
import org.apache.hc.core5.net.URIBuilder;

/** What every API area does with its inputs and answers: the input checks, JSON reading and writing, URIs. */
final class ApiSupport {

    private ApiSupport() {
    }

    static void requireUlid(String value, String name) {
        requireText(value, name);
        if (!Ulid.isValid(value)) {
            throw InputChecks.notAUlid(name, value);
        }
    }

    static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
    }

    static JsonNode data(String operation, JsonNode json) {
        JsonNode data = json == null ? null : json.get("data");
        if (data == null) {
            throw unexpected(operation, "an object with 'data'");
        }
        return data;
    }

    static InngestApiException unexpected(String operation, String expected) {
        return InngestApiException.unexpected(operation, "the response is not " + expected, null);
    }

    static <T> T object(String operation, JsonNode node, Class<T> type) {
        try {
            return InngestJson.mapper().treeToValue(node, type);
        } catch (JsonProcessingException e) {
            throw InngestApiException.unexpected(operation, "cannot read a " + type.getSimpleName() + " from the response: "
                                                            + e.getOriginalMessage(),
                    e);
        }
    }

    static <T> List<T> list(String operation, JsonNode node, Class<T> type) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        ObjectMapper mapper = InngestJson.mapper();
        try {
            return mapper.readerForListOf(type).readValue(node);
        } catch (IOException e) {
            throw InngestApiException.unexpected(operation, "cannot read a list of " + type.getSimpleName()
                                                            + " from the response: " + e.getMessage(),
                    e);
        }
    }

    @SuppressWarnings("unchecked")
    static <T> T convert(JsonNode node, Class<?> type, T absent) {
        return node == null || node.isMissingNode() || node.isNull()
                ? absent
                : (T) InngestJson.mapper().convertValue(node, type);
    }

    static List<String> textList(JsonNode node) {
        List<String> values = new ArrayList<>();
        if (node != null && node.isArray()) {
            node.forEach(n -> values.add(n.asText()));
        }
        return values;
    }

    static byte[] bytes(JsonNode node) {
        try {
            return InngestJson.mapper().writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot write the request as JSON: " + e.getOriginalMessage(), e);
        }
    }

    static String[] prepend(String first, String... rest) {
        String[] all = new String[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }

    static URIBuilder builder(URI base, String... segments) {
        URIBuilder builder = new URIBuilder(base);
        return builder.appendPathSegments(segments);
    }

    static URI uri(URI base, String... segments) {
        return build(builder(base, segments));
    }

    static URI build(URIBuilder builder) {
        try {
            return builder.build();
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("Cannot build a request URL: " + e.getMessage(), e);
        }
    }

    static String runIdOf(String operation, JsonNode json) {
        String runId = data(operation, json).path("runId").asText(null);
        if (runId == null || runId.isEmpty()) {
            throw unexpected(operation, "an object with data.runId");
        }
        return runId;
    }

    /** A "not found" answer, said as such: not a server fault, and not worth repeating. */
    static InngestApiException notFound(InngestApiException e, String what) {
        return InngestApiException.notFound(e, what);
    }

    /** v1 writes {@code ""} where a completed run's output would be: it has none to give. */
    static FunctionRun v1Run(FunctionRun run) {
        return "".equals(run.output())
                ? new FunctionRun(
                        run.runId(), run.runStartedAt(), run.functionId(), run.functionVersion(), run.environmentId(),
                        run.eventId(), run.batchId(), run.originalRunId(), run.cron(), run.status(), run.endedAt(), null,
                        run.queuedAt(), run.appId())
                : run;
    }
}
