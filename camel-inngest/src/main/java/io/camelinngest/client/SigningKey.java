package io.camelinngest.client;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A signing key and the bearer token derived from it. Inngest SDKs send the key in hashed form: the
 * {@code signkey-<env>-} prefix followed by the lowercase hex SHA-256 of the hex-decoded key bytes. Never printed.
 */
final class SigningKey {

    private static final Pattern PREFIX = Pattern.compile("^(signkey-\\w+-)");

    private final String bearerToken;

    private SigningKey(String bearerToken) {
        this.bearerToken = bearerToken;
    }

    /**
     * Parses a signing key.
     *
     * @param  optionName               the option to name in the error message
     * @throws IllegalArgumentException when the key is not hex after its prefix (the message holds no part of it)
     */
    static SigningKey parse(String key, String optionName) {
        String trimmed = key.trim();
        Matcher matcher = PREFIX.matcher(trimmed);
        String prefix = matcher.find() ? matcher.group(1) : "";
        String hex = trimmed.substring(prefix.length());
        byte[] bytes;
        try {
            bytes = HexFormat.of().parseHex(hex);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    optionName + " is not a valid Inngest signing key: expected signkey-<env>-<hex>");
        }
        if (bytes.length == 0) {
            throw new IllegalArgumentException(
                    optionName + " is not a valid Inngest signing key: expected signkey-<env>-<hex>");
        }
        return new SigningKey(prefix + HexFormat.of().formatHex(sha256(bytes)));
    }

    /** The value for {@code Authorization: Bearer <token>}: the hashed key. */
    String bearerToken() {
        return bearerToken;
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    @Override
    public String toString() {
        return "SigningKey[" + SecretMasker.MASK + "]";
    }
}
