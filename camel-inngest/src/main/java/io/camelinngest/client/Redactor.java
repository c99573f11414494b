package io.camelinngest.client;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Removes secrets from text that may echo them (server error messages, I/O exception messages). */
final class Redactor {

    private final String[] secrets;

    Redactor(String... secrets) {
        this.secrets = secrets;
    }

    String redact(String text) {
        if (text == null) {
            return null;
        }
        String result = text;
        for (String secret : secrets) {
            if (secret != null && !secret.isEmpty()) {
                result = result.replace(secret, "***");
                result = result.replace(URLEncoder.encode(secret, StandardCharsets.UTF_8), "***");
            }
        }
        return result;
    }
}
