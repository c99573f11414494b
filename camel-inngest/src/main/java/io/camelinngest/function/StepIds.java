package io.camelinngest.function;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * The hashed IDs of the steps one call request finds, in the order it finds them (SDK spec 5.1.2): the hex SHA-1 of the
 * step's name, and of {@code name:n} for its n-th repetition, so that a step inside a loop gets one ID per pass. One
 * instance per call request: the count restarts with each call, as the route runs again from its start.
 */
final class StepIds {

    private final Map<String, Integer> seen = new HashMap<>();

    /** The hashed ID of the next step with this name. */
    String next(String name) {
        int times = seen.merge(name, 1, Integer::sum) - 1;
        return hash(times == 0 ? name : name + ":" + times);
    }

    static String hash(String identifier) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            return HexFormat.of().formatHex(sha1.digest(identifier.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is not available", e);
        }
    }
}
