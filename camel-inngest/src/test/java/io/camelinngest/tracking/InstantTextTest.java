package io.camelinngest.tracking;

import java.time.Instant;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link InstantText} writes what {@link Instant#toString()} writes, for every kind of fraction and year. */
class InstantTextTest {

    @Test
    void writesWhatInstantToStringWrites() {
        InstantText text = new InstantText();
        Instant[] instants = {
                Instant.parse("2026-12-08T03:39:55Z"), Instant.parse("2026-12-08T03:39:55.100Z"),
                Instant.parse("2026-12-08T03:39:55.001Z"), Instant.parse("2026-12-08T03:39:55.000001Z"),
                Instant.parse("2026-12-08T03:39:55.000000001Z"), Instant.parse("2026-12-08T03:39:55.123456789Z"),
                Instant.parse("2026-12-08T03:39:55.120Z"), Instant.parse("2026-12-08T03:39:55.123400Z"),
                Instant.parse("2026-12-08T03:39:56.999999999Z"), Instant.EPOCH, Instant.EPOCH.minusNanos(1),
                Instant.parse("+12026-01-01T00:00:00.5Z"), Instant.parse("0001-01-01T00:00:00.000010Z"),
                Instant.MIN, Instant.MAX };
        for (Instant instant : instants) {
            assertThat(text.format(instant)).as("%s", instant).isEqualTo(instant.toString());
        }
        SplittableRandom random = new SplittableRandom(17);
        long second = Instant.parse("2026-12-08T00:00:00Z").getEpochSecond();
        for (int i = 0; i < 100_000; i++) {
            int nano = switch (i % 4) {
                case 0 -> random.nextInt(1000) * 1_000_000;
                case 1 -> random.nextInt(1_000_000) * 1_000;
                case 2 -> random.nextInt(1_000_000_000);
                default -> 0;
            };
            Instant instant = Instant.ofEpochSecond(second + random.nextInt(3), nano);
            assertThat(text.format(instant)).isEqualTo(instant.toString());
            if (i % 1000 == 0) {
                second += random.nextInt(86_400 * 365);
            }
        }
    }
}
