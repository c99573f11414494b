package io.camelinngest.testing;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.http.QueryParameter;
import com.github.tomakehurst.wiremock.http.Request;

/**
 * A request as a handler reads it: the WireMock request, the values of the path template's variables, and the query
 * parameters and body as the server reads them.
 */
final class FakeRequest {

    private final Request request;
    private final Map<String, String> pathParams;

    FakeRequest(Request request, Map<String, String> pathParams) {
        this.request = request;
        this.pathParams = pathParams;
    }

    /** The WireMock request itself, for a handler that reads it whole. */
    Request raw() {
        return request;
    }

    /** The value of a variable of the route's path template, e.g. {@code id} of {@code /v1/runs/{id}}. */
    String path(String name) {
        return pathParams.get(name);
    }

    /** The first value of a query parameter, or null. */
    String query(String name) {
        QueryParameter p = request.queryParameter(name);
        return p.isPresent() ? p.firstValue() : null;
    }

    /** Every value of a query parameter (none: empty). */
    List<String> queryValues(String name) {
        QueryParameter p = request.queryParameter(name);
        return p.isPresent() ? p.values() : List.of();
    }

    /** Whether the v2 output is asked for ({@code includeOutput=true}, also spelled {@code include_output}). */
    boolean includeOutput() {
        return "true".equals(query("includeOutput")) || "true".equals(query("include_output"));
    }

    /** Where a v2 listing goes on: the offset its opaque cursor holds (0 without a cursor). */
    int cursorOffset() {
        String cursor = query("cursor");
        return cursor == null ? 0 : Integer.parseInt(new String(Base64.getDecoder().decode(cursor), StandardCharsets.UTF_8));
    }

    String header(String name) {
        return request.getHeader(name);
    }

    /** Path and query, as sent: what the server's v1 cache keys its answers by (with the Authorization header). */
    String url() {
        return request.getUrl();
    }

    String body() {
        return request.getBodyAsString();
    }

    /** The body as JSON; a syntax error throws. */
    JsonNode json() throws Exception {
        return FakeJson.MAPPER.readTree(body());
    }

    /** An object field of a JSON body as a map ({@code data} of an event, a signal or an invocation); else empty. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> objectField(JsonNode body, String field) {
        return body != null && body.path(field).isObject()
                ? FakeJson.MAPPER.convertValue(body.get(field), Map.class)
                : Map.of();
    }
}
