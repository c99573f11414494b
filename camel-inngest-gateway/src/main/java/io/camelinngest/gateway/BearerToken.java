package io.camelinngest.gateway;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The gateway's own bearer token, required on both ports. It is not an Inngest key: callers never hold those.
 */
public final class BearerToken {

    /** Shorter tokens are refused: a token is the only thing between the network and the signing key's powers. */
    static final int MIN_LENGTH = 16;

    private final String value;
    private final boolean generated;

    private BearerToken(String value, boolean generated) {
        this.value = value;
        this.generated = generated;
    }

    /** A token chosen by the operator. */
    public static BearerToken of(String value) {
        if (value == null || value.strip().length() < MIN_LENGTH) {
            throw new IllegalArgumentException("INNGEST_GATEWAY_TOKEN must hold at least " + MIN_LENGTH + " characters");
        }
        return new BearerToken(value.strip(), false);
    }

    /** 256 random bits, URL-safe. */
    public static BearerToken generate() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return new BearerToken(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes), true);
    }

    /** Whether an {@code Authorization} header carries this token (compared in constant time). */
    public boolean matches(String authorizationHeader) {
        if (authorizationHeader == null || authorizationHeader.length() < 7
                || !authorizationHeader.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        byte[] given = authorizationHeader.substring(7).strip().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(given, value.getBytes(StandardCharsets.UTF_8));
    }

    /** Whether the gateway made this token (then it is shown once at start). */
    public boolean isGenerated() {
        return generated;
    }

    /** The token itself: only for showing a generated one once, and for clients in tests. */
    public String value() {
        return value;
    }

    @Override
    public String toString() {
        return "BearerToken[" + (generated ? "generated" : "given") + ", xxxxxx]";
    }
}
