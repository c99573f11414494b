package io.camelinngest.function;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The answer to an introspection request (SDK spec 4.5, schema 2024-05-24): the unauthenticated shape unless the
 * request is signed and verifies. It tells whether keys are set, never the keys.
 */
final class Introspection {

    private final ServeSettings settings;
    private final RequestSignature signature;

    Introspection(ServeSettings settings, RequestSignature signature) {
        this.settings = settings;
        this.signature = signature;
    }

    Map<String, Object> answer(int functionCount, String signatureHeader, String body) {
        Boolean authenticated = null;
        if (signatureHeader != null && !settings.dev()) {
            try {
                signature.verify(signatureHeader, body);
                authenticated = true;
            } catch (SecurityException e) {
                authenticated = false;
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("authentication_succeeded", authenticated);
        out.put("function_count", functionCount);
        out.put("has_event_key", false);
        out.put("has_signing_key", settings.signingKey() != null);
        out.put("has_signing_key_fallback", settings.signingKeyFallback() != null);
        out.put("mode", settings.dev() ? "dev" : "cloud");
        out.put("schema_version", "2024-05-24");
        if (Boolean.TRUE.equals(authenticated)) {
            out.put("api_origin", settings.apiOrigin());
            out.put("app_id", settings.appId());
            out.put("env", settings.env());
            out.put("framework", "camel");
            out.put("sdk_language", "java");
            out.put("sdk_version", AppSync.SDK.substring(AppSync.SDK.indexOf(":v") + 2));
            out.put("serve_origin", null);
            out.put("serve_path", null);
        }
        return out;
    }
}
