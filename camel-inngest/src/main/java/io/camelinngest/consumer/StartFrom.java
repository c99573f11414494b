package io.camelinngest.consumer;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * Where a consumer without a saved position starts: {@code now} (what arrives from the start on), {@code earliest} (as
 * far back as the server keeps) or an ISO-8601 instant.
 */
public record StartFrom(Instant instant) {

    /**
     * Reads option startFrom; {@code now} is the time of the call.
     *
     * @throws IllegalArgumentException naming the option when the value is none of the three forms
     */
    public static StartFrom parse(String value) {
        String v = value == null ? "now" : value.trim();
        switch (v.toLowerCase(Locale.ROOT)) {
            case "", "now":
                return new StartFrom(Instant.now());
            case "earliest":
                return new StartFrom(Instant.EPOCH);
            default:
                try {
                    return new StartFrom(OffsetDateTime.parse(v).toInstant());
                } catch (DateTimeParseException e) {
                    throw new IllegalArgumentException(
                            "Option startFrom must be now, earliest or an ISO-8601 instant such as"
                                                       + " 2025-06-01T12:00:00Z, was '" + value + "'");
                }
        }
    }
}
