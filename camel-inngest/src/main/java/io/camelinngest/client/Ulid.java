package io.camelinngest.client;

/** Checks IDs of events and runs: 26-character ULIDs in Crockford base32. */
public final class Ulid {

    private Ulid() {
    }

    /** Whether {@code value} is 26 characters: the first {@code 0} to {@code 7}, then Crockford base32 (any case). */
    public static boolean isValid(String value) {
        if (value == null || value.length() != 26 || value.charAt(0) < '0' || value.charAt(0) > '7') {
            return false;
        }
        for (int i = 1; i < 26; i++) {
            if (!isCrockford(value.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * A digit or a letter other than I, L, O and U (a loop: the regular expression it replaces showed in a getRun's
     * profile, see docs/performance.md).
     */
    private static boolean isCrockford(char c) {
        if (c >= '0' && c <= '9') {
            return true;
        }
        char upper = c >= 'a' && c <= 'z' ? (char) (c - 'a' + 'A') : c;
        return upper >= 'A' && upper <= 'Z' && upper != 'I' && upper != 'L' && upper != 'O' && upper != 'U';
    }
}
