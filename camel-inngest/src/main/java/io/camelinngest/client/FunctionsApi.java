package io.camelinngest.client;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.camelinngest.client.ResponseReader.Outcome;
import io.camelinngest.model.AppFunction;
import io.camelinngest.model.InngestFunction;
import org.apache.hc.core5.net.URIBuilder;

import static io.camelinngest.client.ApiSupport.build;
import static io.camelinngest.client.ApiSupport.builder;
import static io.camelinngest.client.ApiSupport.bytes;
import static io.camelinngest.client.ApiSupport.convert;
import static io.camelinngest.client.ApiSupport.list;
import static io.camelinngest.client.ApiSupport.notFound;
import static io.camelinngest.client.ApiSupport.prepend;
import static io.camelinngest.client.ApiSupport.requireText;
import static io.camelinngest.client.ApiSupport.runIdOf;
import static io.camelinngest.client.ApiSupport.unexpected;
import static io.camelinngest.client.ApiSupport.uri;

/** The functions area: listing an app's functions or every app's, and invoking a function directly. */
final class FunctionsApi {

    private static final int V2_PAGE_SIZE = 100;

    private final ApiCalls calls;

    FunctionsApi(ApiCalls calls) {
        this.calls = calls;
    }

    /** Lists the active functions of one app ({@code GET /v1/apps/{appId}/functions}). */
    public List<InngestFunction> listFunctions(String appId) {
        requireText(appId, "appId");
        JsonNode json = calls.get("listFunctions", uri(calls.config().apiBaseUrl(), "v1", "apps", appId, "functions"));
        if (!json.isArray()) {
            throw unexpected("listFunctions", "a JSON array of functions");
        }
        return list("listFunctions", json, InngestFunction.class);
    }

    /**
     * Lists the functions of every app of the environment, through the v2 listings of apps and of each app's functions
     * ({@code GET /v2/apps}, {@code GET /v2/apps/{appId}/functions}), following every page.
     */
    public List<AppFunction> listAllFunctions() {
        List<AppFunction> functions = new ArrayList<>();
        for (String appId : v2Pages("listFunctions", "apps").stream().map(app -> app.path("id").asText()).toList()) {
            for (JsonNode fn : v2Pages("listFunctions", "apps", appId, "functions")) {
                functions.add(new AppFunction(
                        appId, fn.path("id").asText(null), fn.path("name").asText(null),
                        fn.path("isPaused").asBoolean(false), fn.path("isArchived").asBoolean(false),
                        convert(fn.path("triggers"), List.class, List.of()),
                        convert(fn.path("configuration"), Map.class, Map.of())));
            }
        }
        return functions;
    }

    private List<JsonNode> v2Pages(String operation, String... path) {
        return Pages.all(operation, calls.get(operation, v2Page(null, path)),
                cursor -> calls.get(operation, v2Page(cursor, path)));
    }

    private URI v2Page(String cursor, String... path) {
        URIBuilder builder = builder(calls.config().apiBaseUrl(), prepend("v2", path))
                .addParameter("limit", Integer.toString(V2_PAGE_SIZE));
        if (cursor != null) {
            builder.addParameter("cursor", cursor);
        }
        return build(builder);
    }

    /**
     * Starts a run of a function directly, without an event
     * ({@code POST /v2/apps/{appId}/functions/{functionId}/invoke}).
     *
     * @param  data                the function's input, as the event data it would otherwise get: a JSON object, or
     *                             {@code null} for {@code {}}
     * @param  idempotencyKey      when given, the server starts at most one run for it; the request is then also safe
     *                             to repeat after a failure whose outcome is unknown
     * @return                     the ID of the run started, or of the run this idempotency key started before (the
     *                             server answers a reused key with 409 Conflict and that run's ID)
     * @throws InngestApiException with status 404 naming the app and function when the server does not know them
     */
    public String invokeFunction(String appId, String functionId, Object data, String idempotencyKey) {
        requireText(appId, "appId");
        requireText(functionId, "functionId");
        JsonNode input = data == null ? InngestJson.mapper().createObjectNode() : InngestJson.mapper().valueToTree(data);
        if (!input.isObject()) {
            throw new IllegalArgumentException(
                    "invokeFunction: the function's data must be a JSON object, was a "
                                               + input.getNodeType().toString().toLowerCase(java.util.Locale.ROOT));
        }
        calls.requireSigningKey("invokeFunction");
        ObjectNode body = InngestJson.mapper().createObjectNode();
        body.set("data", input);
        if (idempotencyKey != null && !idempotencyKey.isBlank()) {
            body.put("idempotencyKey", idempotencyKey);
        }
        boolean idempotent = body.has("idempotencyKey");
        Request request = Request.post("invokeFunction",
                uri(calls.config().apiBaseUrl(), "v2", "apps", appId, "functions", functionId, "invoke"), bytes(body));
        try {
            Outcome outcome = calls.exchange(idempotent ? request.safeToRepeat() : request);
            if (outcome.failed() && outcome.error().getHttpStatus() == 409 && idempotent
                    && outcome.json() != null && !outcome.json().path("data").path("runId").asText("").isEmpty()) {
                // the key started a run before (an earlier call, or a retry of this one): the server answers 409 with
                // that run's ID, which is what the key promises to return
                return runIdOf("invokeFunction", outcome.json());
            }
            return runIdOf("invokeFunction", outcome.throwIfFailed());
        } catch (InngestApiException e) {
            throw e.getStatus() == 404 ? notFound(e, "function '" + functionId + "' of app '" + appId + "'") : e;
        }
    }
}
