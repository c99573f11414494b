package io.camelinngest.function;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Syncs the app with its Inngest server (SDK spec 4.3.2): one {@code POST <api origin>/fn/register} with the app's
 * functions, authorised with the hashed signing key (and its fallback on 401/403) outside dev mode. Remembers the
 * outcome of the last sync for the health check and the dev console.
 */
public final class AppSync {

    /** The SDK name and version this component syncs and answers as ({@code X-Inngest-Sdk}). */
    static final String SDK = "camel-inngest:v0.1.0";

    /** The outcome of a sync: whether it worked, the server's words when not, and whether it changed the app. */
    public record Outcome(boolean ok, boolean modified, String message, Instant at) {
    }

    private final ObjectMapper json;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private volatile Outcome last;

    AppSync(ObjectMapper json) {
        this.json = json;
    }

    /**
     * Registers the functions.
     *
     * @param deployId the {@code deployId} of the PUT that asked for this sync, or null
     */
    Outcome sync(ServeSettings settings, List<Map<String, Object>> functions, String deployId, String expectedServerKind) {
        Outcome outcome;
        try {
            outcome = post(settings, functions, deployId, expectedServerKind);
        } catch (Exception e) {
            outcome = new Outcome(
                    false, false, "sync with " + settings.apiOrigin() + " failed: "
                                  + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()),
                    Instant.now());
        }
        last = outcome;
        return outcome;
    }

    Outcome refuse(String message) {
        last = new Outcome(false, false, message, Instant.now());
        return last;
    }

    Outcome last() {
        return last;
    }

    private Outcome post(ServeSettings settings, List<Map<String, Object>> functions, String deployId, String serverKind)
            throws Exception {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("url", settings.serveUrl());
        payload.put("deployType", "ping");
        payload.put("appName", settings.appId());
        payload.put("sdk", SDK);
        payload.put("v", "0.1");
        payload.put("framework", "camel");
        payload.put("functions", functions);
        String body = json.writeValueAsString(payload);
        String target = settings.apiOrigin().replaceAll("/+$", "") + "/fn/register"
                        + (deployId == null || deployId.isBlank()
                                ? "" : "?deployId=" + java.net.URLEncoder.encode(deployId, StandardCharsets.UTF_8));
        HttpResponse<String> response = send(target, body, settings, settings.signingKey(), serverKind);
        if ((response.statusCode() == 401 || response.statusCode() == 403) && settings.signingKeyFallback() != null) {
            response = send(target, body, settings, settings.signingKeyFallback(), serverKind);
        }
        if (response.statusCode() != 200) {
            return new Outcome(
                    false, false, "sync with " + settings.apiOrigin() + " answered " + response.statusCode()
                                  + ": " + errorOf(response.body()),
                    Instant.now());
        }
        Map<?, ?> reply
                = response.body() == null || response.body().isBlank() ? Map.of() : json.readValue(response.body(), Map.class);
        boolean modified = Boolean.TRUE.equals(reply.get("modified"));
        return new Outcome(
                true, modified, "synced " + functions.size() + " function(s) with " + settings.apiOrigin(),
                Instant.now());
    }

    private HttpResponse<String> send(String target, String body, ServeSettings settings, String key, String serverKind)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("X-Inngest-Sdk", SDK)
                .header("X-Inngest-Framework", "camel")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (key != null && !settings.dev()) {
            request.header("Authorization", "Bearer " + bearer(key));
        }
        if (settings.env() != null) {
            request.header("X-Inngest-Env", settings.env());
        }
        if (serverKind != null && !serverKind.isBlank()) {
            request.header("X-Inngest-Expected-Server-Kind", serverKind);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String errorOf(String body) {
        try {
            Object error = json.readValue(body, Map.class).get("error");
            return error == null ? "no error message" : error.toString();
        } catch (Exception e) {
            return "no JSON error message";
        }
    }

    /** The hashed key sent as bearer token (SDK spec 4.1.4): the prefix, then the hex SHA-256 of the decoded key. */
    static String bearer(String signingKey) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^(signkey-\\w+-)").matcher(signingKey);
        String prefix = m.find() ? m.group(1) : "";
        byte[] bytes = HexFormat.of().parseHex(signingKey.substring(prefix.length()));
        try {
            return prefix + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
