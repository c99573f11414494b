package io.camelinngest.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Inngest time strings ({@code 300ms}, {@code 2h45m}, {@code 1d}) and ISO instants, as the server reads them. */
final class TimeStrings {

    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ns|us|µs|ms|s|m|h|d|w)");

    private TimeStrings() {
    }

    /** How long from {@code now} a sleep's duration (a time string or an ISO instant) lasts; never negative. */
    static Duration until(String value, Instant now) {
        if (value.contains("T")) {
            Duration d = Duration.between(now, Instant.parse(value));
            return d.isNegative() ? Duration.ZERO : d;
        }
        return parse(value);
    }

    static Duration parse(String value) {
        Matcher m = PART.matcher(value.trim());
        long nanos = 0;
        int end = 0;
        while (m.find()) {
            if (m.start() != end) {
                throw new IllegalArgumentException("not a time string: " + value);
            }
            end = m.end();
            double n = Double.parseDouble(m.group(1));
            double unit = switch (m.group(2)) {
                case "ns" -> 1;
                case "us", "µs" -> 1e3;
                case "ms" -> 1e6;
                case "s" -> 1e9;
                case "m" -> 60e9;
                case "h" -> 3600e9;
                case "d" -> 86400e9;
                default -> 7 * 86400e9;
            };
            nanos += (long) (n * unit);
        }
        if (end != value.trim().length() || end == 0) {
            throw new IllegalArgumentException("not a time string: " + value);
        }
        return Duration.ofNanos(nanos);
    }
}
