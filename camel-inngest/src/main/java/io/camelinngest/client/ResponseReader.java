package io.camelinngest.client;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import io.camelinngest.client.HttpTransport.HttpResponseData;

/**
 * Decides whether a response is a success, and if not, what failed. Handles the two traps of the real server:
 * <ol>
 * <li>v1 GET errors arrive as HTTP 200 with the real status only in the body
 * ({@code {"error": "...", "data": null, "status": 404}}), so the body is always inspected;</li>
 * <li>the Dev Server answers unknown paths with its web UI (HTTP 200, {@code text/html}), so only a JSON body counts as
 * an answer.</li>
 * </ol>
 * It also reads the plain-text 401 of failed authentication, the event API's {@code {"ids":[...], "status":400}} and
 * the v2 {@code {"errors":[{"code","message"}]}} shapes.
 */
final class ResponseReader {

    private static final int MAX_ECHO = 300;

    private final SecretMasker masker;

    ResponseReader(SecretMasker masker) {
        this.masker = masker;
    }

    /** The outcome of one response: the parsed JSON (null for an accepted empty body) or the error. */
    record Outcome(JsonNode json, InngestApiException error, Object bound) {

        Outcome(JsonNode json, InngestApiException error) {
            this(json, error, null);
        }

        boolean failed() {
            return error != null;
        }

        /** The JSON of a success, or the error thrown. */
        JsonNode throwIfFailed() {
            if (error != null) {
                throw error;
            }
            return json;
        }
    }

    /**
     * A plain success read in one pass with {@code reader} (see {@link PlainSuccess}), or {@code null} when the
     * response is anything else: then {@link #read} it.
     */
    Outcome readPlainSuccess(HttpResponseData response, PlainSuccess reader) {
        int http = response.status();
        if (http < 200 || http >= 300 || !isJsonBody(response)) {
            return null;
        }
        Object bound = reader.read(response.body());
        return bound == null ? null : new Outcome(null, null, bound);
    }

    Outcome read(String operation, HttpResponseData response, boolean emptyBodyIsSuccess) {
        int http = response.status();
        if (isJsonBody(response)) {
            // the usual answer: no need to copy the whole body into a string first (only an error message echoes it)
            return readJson(operation, http, response.body(), () -> text(response.body()));
        }
        String contentType = contentType(response);
        String text = text(response.body());

        if (contentType.startsWith("text/html") || text.startsWith("<")) {
            if (isRetryable(http, null)) {
                // a proxy's or gateway's error page (502, 503, 429 ...): a server error like any other
                return failure(operation, http, http, null, null, true,
                        "HTTP " + http + " with an HTML error page instead of JSON (from a proxy or gateway?)");
            }
            return failure(operation, http, http, null, null, false,
                    "the server answered with an HTML page (HTTP " + http + "), not the Inngest API: this path does not exist"
                                                                     + " on this server. Check baseUrl and eventBaseUrl");
        }
        if (text.isEmpty()) {
            if (http >= 200 && http < 300 && emptyBodyIsSuccess) {
                return new Outcome(null, null);
            }
            // the open-source server answers bulk cancellations with a bare 500: a definite "not here", not worth a retry
            boolean cloudOnly = http == 500 && operation.toLowerCase(Locale.ROOT).contains("cancellation");
            String hint = cloudOnly
                    ? " (bulk cancellations are available on Inngest Cloud only; the Dev Server and self-hosted Inngest"
                      + " answer 500 with an empty body)"
                    : "";
            return failure(operation, http, http, null, null, !cloudOnly && isRetryable(http, null),
                    "HTTP " + http + " with an empty body" + hint);
        }
        if (!(text.startsWith("{") || text.startsWith("["))) {
            String echo = echo(text);
            return failure(operation, http, http, null, echo, http >= 400 && isRetryable(http, echo),
                    "HTTP " + http + " with a body that is not JSON: " + echo);
        }
        return readJson(operation, http, response.body(), () -> text);
    }

    /** The body as text without the whitespace around it. */
    private static String text(byte[] body) {
        return new String(body, StandardCharsets.UTF_8).strip();
    }

    private static String contentType(HttpResponseData response) {
        return response.contentType() == null ? "" : response.contentType().toLowerCase(Locale.ROOT);
    }

    /** A body to parse as JSON: not an HTML page, and starting like a JSON object or array. */
    private static boolean isJsonBody(HttpResponseData response) {
        return !contentType(response).startsWith("text/html") && startsLikeJson(response.body());
    }

    /** Trap 1, the error list: {@code "errors": [...]} with at least one error, whatever the HTTP status. */
    static boolean isErrorList(JsonNode errors) {
        return errors != null && errors.isArray() && !errors.isEmpty();
    }

    /** Trap 1, the status in the body: {@code "status": 400} or above, whatever the HTTP status. */
    static boolean isErrorStatus(JsonNode status) {
        return status != null && status.isInt() && status.asInt() >= 400;
    }

    /** Whether the first byte after ASCII whitespace opens a JSON object or array (so the text would start with it). */
    private static boolean startsLikeJson(byte[] body) {
        for (byte b : body) {
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return b == '{' || b == '[';
            }
        }
        return false;
    }

    /** A body that starts like JSON: parsed, then checked for the error shapes; {@code text} only for messages. */
    private Outcome readJson(String operation, int http, byte[] body, Supplier<String> text) {
        JsonNode json;
        try {
            json = InngestJson.mapper().readTree(body);
        } catch (IOException e) {
            return failure(operation, http, http, null, null, false,
                    "HTTP " + http + " with a malformed JSON body: " + echo(text.get()));
        }
        if (json.isObject()) {
            JsonNode errors = json.get("errors");
            if (isErrorList(errors)) {
                JsonNode first = errors.get(0);
                String code = textOrNull(first.get("code"));
                String message = masker.mask(textOrNull(first.get("message")));
                int status = http >= 400 ? http : 500;
                return failure(operation, http, status, code, message,
                        isRetryable(status, message) || "rate_limited".equals(code),
                        "HTTP " + http + (code == null ? "" : " " + code) + ": " + message);
            }
            JsonNode status = json.get("status");
            if (isErrorStatus(status)) {
                int bodyStatus = status.asInt();
                String error = masker.mask(textOrNull(json.get("error")));
                String where = http == bodyStatus ? "HTTP " + http : "status " + bodyStatus + " in the body of an HTTP " + http;
                // keep the body: a rejected send lists the IDs of the events accepted before the failing one
                return new Outcome(
                        json, failure(operation, http, bodyStatus, textOrNull(json.get("code")), error,
                                isRetryable(bodyStatus, error), where + (error == null || error.isEmpty() ? "" : ": " + error))
                                .error());
            }
        }
        if (http < 200 || http >= 300) {
            // redirects are not followed (a proxy or an http-to-https redirect would hide the real answer)
            // the body is kept: some answers name what the request found (a 409 of invoke names the run)
            return new Outcome(
                    json, failure(operation, http, http, null, null, isRetryable(http, null),
                            "HTTP " + http + ": " + echo(text.get())).error());
        }
        return new Outcome(json, null);
    }

    /**
     * Rate limits and server errors may pass; a few 500s of the real server are permanent answers in disguise: an
     * unknown run ({@code Unable to load function run}) and 501 Not Implemented.
     */
    static boolean isRetryable(int status, String error) {
        if (status == 429) {
            return true;
        }
        if (status == 501) {
            return false;
        }
        return status >= 500 && (error == null || !error.startsWith("Unable to load function run"));
    }

    private Outcome failure(
            String operation, int http, int status, String code, String error, boolean retryable,
            String detail) {
        return new Outcome(
                null, InngestApiException.answered(operation, http, status, code, error, retryable,
                        masker.mask(detail)));
    }

    private String echo(String text) {
        String oneLine = text.replaceAll("\\s+", " ");
        return masker.mask(oneLine.length() > MAX_ECHO ? oneLine.substring(0, MAX_ECHO) + "..." : oneLine);
    }

    private static String textOrNull(JsonNode node) {
        return node == null || node.isNull() ? null : node.asText();
    }
}
