package io.camelinngest.client;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The retry delays: exponential growth, jitter between half and all of the capped value, the cap; Retry-After. */
class BackoffTest {

    private static final int SAMPLES = 200;

    @Test
    void delaysDoubleWithEachRetryWithinHalfToAllOfTheirValue() {
        Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(60));

        for (int attempt = 0; attempt <= 6; attempt++) {
            long full = 100L << attempt;
            for (int i = 0; i < SAMPLES; i++) {
                assertThat(backoff.delay(attempt).toMillis()).as("retry %d", attempt).isBetween(full / 2, full);
            }
        }
    }

    @Test
    void delaysAreJitteredSoClientsDoNotRetryInStep() {
        Backoff backoff = new Backoff(Duration.ofMillis(1000), Duration.ofSeconds(60));

        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < SAMPLES; i++) {
            seen.add(backoff.delay(0).toMillis());
        }
        // 200 draws from 501 values: far more than a handful of distinct ones
        assertThat(seen).hasSizeGreaterThan(50);
        assertThat(seen).allSatisfy(ms -> assertThat(ms).isBetween(500L, 1000L));
    }

    @Test
    void delaysAreCappedAtRetryMaxDelay() {
        Backoff backoff = new Backoff(Duration.ofMillis(500), Duration.ofMillis(3000));

        // 500, 1000, 2000, then 4000 and more are capped at 3000
        for (int attempt : new int[] { 3, 4, 10, 62, 1000 }) {
            for (int i = 0; i < SAMPLES; i++) {
                assertThat(backoff.delay(attempt).toMillis()).as("retry %d", attempt).isBetween(1500L, 3000L);
            }
        }
        assertThat(backoff.max()).isEqualTo(Duration.ofMillis(3000));
    }

    // ---------------------------------------------------------------------------------------------------------
    // Retry-After

    private static final ZonedDateTime NOW = ZonedDateTime.of(2025, 6, 1, 12, 0, 0, 0, ZoneOffset.UTC);

    @Test
    void retryAfterInSeconds() {
        assertThat(Backoff.retryAfter("1", NOW)).isEqualTo(Duration.ofSeconds(1));
        assertThat(Backoff.retryAfter(" 120 ", NOW)).isEqualTo(Duration.ofSeconds(120));
        assertThat(Backoff.retryAfter("0", NOW)).isZero();
    }

    @Test
    void retryAfterAsAnHttpDate() {
        assertThat(Backoff.retryAfter("Sun, 01 Jun 2025 12:00:30 GMT", NOW)).isEqualTo(Duration.ofSeconds(30));
        assertThat(Backoff.retryAfter("Sun, 1 Jun 2025 12:02:00 GMT", NOW)).isEqualTo(Duration.ofMinutes(2));
        // a date already past means: now
        assertThat(Backoff.retryAfter("Sun, 01 Jun 2025 11:59:00 GMT", NOW)).isZero();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = { "  ", "-5", "soon", "1.5", "2025-06-01T12:00:30Z" })
    void anAbsentOrUnreadableRetryAfterIsIgnored(String header) {
        assertThat(Backoff.retryAfter(header, NOW)).isNull();
    }
}
