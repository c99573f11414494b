package io.camelinngest.function;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs and verifies the {@code X-Inngest-Signature} header (SDK spec 4.1.1, 4.1.3): {@code t=<unix seconds>&s=<hex
 * HMAC-SHA256>}, keyed with the signing key without its {@code signkey-<env>-} prefix (its text, not its decoded bytes,
 * as the TypeScript SDK does) over the raw body followed by {@code t}. A request verifies with the signing key or else
 * its fallback, within five minutes of this clock. Keys are held only here and never printed.
 */
final class RequestSignature {

    static final Duration WINDOW = Duration.ofMinutes(5);

    private final String key;
    private final String fallbackKey;
    private final Clock clock;

    RequestSignature(String key, String fallbackKey, Clock clock) {
        this.key = key;
        this.fallbackKey = fallbackKey;
        this.clock = clock;
    }

    boolean hasKey() {
        return key != null;
    }

    /**
     * Checks a request's signature header against its body.
     *
     * @return                   the key that verified it (to sign the response with), never null
     * @throws SecurityException saying why the request is refused (no key, no header, stale, forged); the message holds
     *                           no key and no part of the body
     */
    String verify(String header, String body) {
        if (key == null) {
            throw new SecurityException(
                    "no signing key is configured (signingKey or INNGEST_SIGNING_KEY), so no request can be verified");
        }
        if (header == null || header.isBlank()) {
            throw new SecurityException("the request has no X-Inngest-Signature header");
        }
        String t = null;
        String s = null;
        for (String part : header.split("&")) {
            if (part.startsWith("t=")) {
                t = part.substring(2);
            } else if (part.startsWith("s=")) {
                s = part.substring(2);
            }
        }
        if (t == null || s == null || t.isEmpty() || s.isEmpty()) {
            throw new SecurityException("the X-Inngest-Signature header is malformed (expected t=<seconds>&s=<hex>)");
        }
        long seconds;
        try {
            seconds = Long.parseLong(t);
        } catch (NumberFormatException e) {
            throw new SecurityException("the X-Inngest-Signature timestamp is not a number");
        }
        long age = Math.abs(clock.millis() - seconds * 1000);
        if (age > WINDOW.toMillis()) {
            throw new SecurityException(
                    "the X-Inngest-Signature timestamp is " + age / 1000 + " s away from now (allowed: "
                                        + WINDOW.toSeconds() + " s)");
        }
        byte[] given = s.getBytes(StandardCharsets.US_ASCII);
        if (MessageDigest.isEqual(given, sign(key, body, t).getBytes(StandardCharsets.US_ASCII))) {
            return key;
        }
        if (fallbackKey != null
                && MessageDigest.isEqual(given, sign(fallbackKey, body, t).getBytes(StandardCharsets.US_ASCII))) {
            return fallbackKey;
        }
        throw new SecurityException("the X-Inngest-Signature does not match the body with the signing key or its fallback");
    }

    /** The header value for a response body, signed with the key that verified the request. */
    String header(String usingKey, String body) {
        String t = Long.toString(clock.millis() / 1000);
        return "t=" + t + "&s=" + sign(usingKey, body, t);
    }

    static String sign(String signingKey, String body, String timestamp) {
        String bare = signingKey.replaceFirst("^signkey-\\w+-", "");
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(bare.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update(body.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(mac.doFinal(timestamp.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    @Override
    public String toString() {
        return "RequestSignature[key=" + (key == null ? "unset" : "***") + ", fallback="
               + (fallbackKey == null ? "unset" : "***") + "]";
    }
}
