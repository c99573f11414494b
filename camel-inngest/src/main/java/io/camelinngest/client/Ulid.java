package io.camelinngest.client;

import java.util.regex.Pattern;

/** Checks IDs of events and runs: 26-character ULIDs in Crockford base32. */
public final class Ulid {

    private static final Pattern ULID = Pattern.compile("^[0-7][0-9A-HJKMNP-TV-Za-hjkmnp-tv-z]{25}$");

    private Ulid() {
    }

    public static boolean isValid(String value) {
        return value != null && ULID.matcher(value).matches();
    }
}
