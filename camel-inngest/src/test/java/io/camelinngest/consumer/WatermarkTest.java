package io.camelinngest.consumer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.camelinngest.tracking.StateEntries;
import io.camelinngest.tracking.Watermark;
import org.apache.camel.support.processor.state.MemoryStateRepository;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A watermark saved after each delivery with {@link Watermark#saveTo} (only what changed, after the first save) reads
 * back as the same watermark: the same mark and exactly the IDs of the overlap window, those that left it removed.
 */
class WatermarkTest {

    private static final String PREFIX = "events.";
    private static final Duration OVERLAP = Duration.ofMillis(50);

    @Test
    void savingOnlyWhatChangedReadsBackAsTheWholeWatermark() throws Exception {
        MemoryStateRepository repository = startedRepository();
        StateStore store = loadedStore(repository);
        Instant floor = Instant.parse("2026-12-01T00:00:00Z");
        Watermark watermark = Watermark.startingAt(floor);
        for (int i = 0; i < 500; i++) {
            // 10 ms apart with a 50 ms overlap: about five IDs in the window, the rest leave it one by one
            Instant at = floor.plusMillis(10L * i);
            watermark.delivered("id-" + i, at, OVERLAP);
            save(watermark, store);

            Watermark readBack = readBack(repository);
            assertThat(readBack.watermark()).isEqualTo(at);
            assertThat(readBack.floor()).isEqualTo(floor);
            assertThat(readBack.recent()).isEqualTo(watermark.recent());
        }
        assertThat(watermark.recent()).containsOnlyKeys("id-494", "id-495", "id-496", "id-497", "id-498", "id-499");
    }

    @Test
    void aWatermarkReadBackFromTheStoreSavesOnlyWhatChangedFromThere() throws Exception {
        MemoryStateRepository repository = startedRepository();
        Instant floor = Instant.parse("2026-12-01T00:00:00Z");
        StateStore first = loadedStore(repository);
        Watermark before = Watermark.startingAt(floor);
        for (int i = 0; i < 20; i++) {
            before.delivered("a-" + i, floor.plusMillis(10L * i), OVERLAP);
        }
        save(before, first);

        // a restart: the next session works from what the store holds
        StateStore second = new StateStore(repository, "key");
        Watermark after = Watermark.fromEntries(PREFIX, second.load());
        for (int i = 0; i < 20; i++) {
            after.delivered("b-" + i, floor.plusMillis(200 + 10L * i), OVERLAP);
            save(after, second);
        }
        Watermark readBack = readBack(repository);
        assertThat(readBack.recent()).isEqualTo(after.recent()).doesNotContainKeys("a-19");
        assertThat(readBack.watermark()).isEqualTo(floor.plusMillis(390));
    }

    @Test
    void anIdDeliveredOutOfTimeOrderIsForgottenWithTheOneDeliveredBeforeIt() {
        Instant t = Instant.parse("2026-12-01T00:00:00Z");
        Duration overlap = Duration.ofMillis(100);
        Watermark watermark = Watermark.startingAt(t);
        watermark.delivered("a", t.plusMillis(250), overlap);
        watermark.delivered("b", t.plusMillis(100), t.plusMillis(250), overlap); // stored late, behind a
        watermark.delivered("c", t.plusMillis(300), overlap);
        // the window starts at 200: b is behind it but stays while a, delivered before it, is still inside
        assertThat(watermark.recent()).containsOnlyKeys("a", "b", "c");
        assertThat(watermark.isNew("b", t.plusMillis(100))).isFalse();

        watermark.delivered("d", t.plusMillis(400), overlap);
        assertThat(watermark.recent()).containsOnlyKeys("c", "d");
    }

    @Test
    void savingOncePerPollReadsBackAsTheWholeWatermark() throws Exception {
        MemoryStateRepository repository = startedRepository();
        StateStore store = loadedStore(repository);
        Instant floor = Instant.parse("2026-12-01T00:00:00Z");
        Watermark watermark = Watermark.startingAt(floor);
        for (int i = 0; i < 500; i++) {
            watermark.delivered("id-" + i, floor.plusMillis(10L * i), OVERLAP);
            if (i % 13 == 12 || i == 499) {
                // a poll of 13: more than the window holds, so some of its IDs left the window before the save
                save(watermark, store);
                Watermark readBack = readBack(repository);
                assertThat(readBack.recent()).isEqualTo(watermark.recent());
                assertThat(readBack.watermark()).isEqualTo(watermark.watermark());
            }
        }
    }

    @Test
    void anIdThatCameAndLeftTheWindowBetweenTwoSavesIsNeitherWrittenNorRemoved() {
        Instant floor = Instant.parse("2026-12-01T00:00:00Z");
        Watermark watermark = Watermark.startingAt(floor);
        watermark.delivered("saved", floor, OVERLAP);
        watermark.saveTo(new Recording(), PREFIX);

        // one poll: "passing" leaves the window (50 ms) with "saved" once "last" is delivered
        watermark.delivered("passing", floor.plusMillis(10), OVERLAP);
        watermark.delivered("last", floor.plusMillis(100), OVERLAP);
        Recording poll = new Recording();
        watermark.saveTo(poll, PREFIX);

        assertThat(poll.removed).containsExactly(PREFIX + "id.saved");
        assertThat(poll.put).containsOnlyKeys(PREFIX + "mark", PREFIX + "id.last");
    }

    @Test
    void whileCatchingUpThePositionHoldsOnlyTheLastMillisecondAndReadsBackTheSame() throws Exception {
        MemoryStateRepository repository = startedRepository();
        StateStore store = loadedStore(repository);
        Instant floor = Instant.parse("2026-12-01T00:00:00Z");
        Duration overlap = Duration.ofSeconds(5);
        // the reads have settled the stream up to 3 s after the start: 300 events at 10 ms, two at each instant
        Instant settledUpTo = floor.plusSeconds(3);
        Watermark watermark = Watermark.startingAt(floor);
        for (int i = 0; i < 1200; i++) {
            Instant at = floor.plusMillis(10L * (i / 2));
            watermark.delivered("id-" + i, at, at, overlap, settledUpTo);
            save(watermark, store);
            Watermark readBack = readBack(repository);
            assertThat(readBack.recent()).isEqualTo(watermark.recent());
            assertThat(readBack.floor()).isEqualTo(watermark.floor());
            assertThat(readBack.readFrom(overlap)).isEqualTo(watermark.readFrom(overlap));
            if (at.isAfter(settledUpTo)) {
                continue;
            }
            // catching up: the IDs of the watermark's instant only; the other one at that instant is still new
            assertThat(watermark.recent()).hasSizeLessThanOrEqualTo(2).containsKey("id-" + i);
            assertThat(readBack.isNew("id-" + i, at)).isFalse();
            assertThat(readBack.isNew("other", at)).isTrue();
            assertThat(readBack.isNew("other", at.minusMillis(2))).isFalse();
        }
        // past the settled point the overlap window's IDs are kept again, and the floor stays where it was settled
        assertThat(watermark.floor()).isEqualTo(settledUpTo.minusMillis(1));
        assertThat(watermark.recent()).containsKeys("id-600", "id-1199").hasSize(600);
        Watermark readBack = readBack(repository);
        assertThat(readBack.watermark()).isEqualTo(floor.plusMillis(5990));
        assertThat(readBack.isNew("other", settledUpTo)).isTrue();
        assertThat(readBack.isNew("id-600", settledUpTo)).isFalse();
    }

    @Test
    void aWatermarkSavedWhileCatchingUpAndReadBackWithoutSettledReadsKeepsItsFloor() throws Exception {
        MemoryStateRepository repository = startedRepository();
        StateStore store = loadedStore(repository);
        Instant floor = Instant.parse("2026-12-01T00:00:00Z");
        Duration overlap = Duration.ofSeconds(5);
        Watermark before = Watermark.startingAt(floor);
        for (int i = 0; i < 100; i++) {
            Instant at = floor.plusMillis(10L * i);
            before.delivered("a-" + i, at, at, overlap, floor.plusSeconds(60));
        }
        save(before, store);
        Instant mark = floor.plusMillis(990);

        // a restart: the new reads know nothing settled yet, so the floor stays at what the saved mark settled
        Watermark after = readBack(repository);
        assertThat(after.readFrom(overlap)).isEqualTo(mark.minusMillis(1));
        after.delivered("b-0", mark.plusMillis(10), mark.plusMillis(10), overlap, null);
        after.delivered("b-1", mark.plusMillis(20), mark.plusMillis(20), overlap, null);
        save(after, store);
        Watermark readBack = readBack(repository);
        assertThat(readBack.floor()).isEqualTo(mark.minusMillis(1));
        assertThat(readBack.recent()).containsOnlyKeys("a-99", "b-0", "b-1");
        assertThat(readBack.isNew("a-99", mark)).isFalse();
        assertThat(readBack.isNew("late", mark.plusMillis(5))).isTrue();
    }

    /** The entries one save wrote. */
    private static final class Recording implements StateEntries {
        final Map<String, String> put = new LinkedHashMap<>();
        final List<String> removed = new ArrayList<>();

        @Override
        public StateEntries put(String entry, String value) {
            put.put(entry, value);
            return this;
        }

        @Override
        public StateEntries remove(String entry) {
            removed.add(entry);
            return this;
        }

        @Override
        public StateEntries sync(String prefix, Map<String, String> wanted) {
            put.putAll(wanted);
            return this;
        }
    }

    private static MemoryStateRepository startedRepository() {
        MemoryStateRepository repository = new MemoryStateRepository();
        repository.start();
        return repository;
    }

    private static StateStore loadedStore(MemoryStateRepository repository) {
        StateStore store = new StateStore(repository, "key");
        store.load();
        return store;
    }

    /** One write of what changed in the watermark since its last save. */
    private static void save(Watermark watermark, StateStore store) {
        StateStore.Edit edit = store.edit();
        watermark.saveTo(edit, PREFIX);
        edit.commit();
    }

    /** The watermark as a new session reads it from the repository. */
    private static Watermark readBack(MemoryStateRepository repository) {
        return Watermark.fromEntries(PREFIX, new StateStore(repository, "key").load());
    }
}
