package io.camelinngest.consumer;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.camel.support.processor.state.MemoryStateRepository;

/** A memory state repository that also keeps every write it was given, and counts the characters written. */
final class RecordingStateRepository extends MemoryStateRepository {

    final List<String> writes = new CopyOnWriteArrayList<>();
    final AtomicLong bytes = new AtomicLong();
    final AtomicLong count = new AtomicLong();
    final AtomicLong largest = new AtomicLong();
    /** What went to journal slots ({@code <stateKey>#n}), as opposed to snapshots under the state key itself. */
    final AtomicLong journalBytes = new AtomicLong();
    final AtomicLong snapshots = new AtomicLong();
    private volatile boolean recording = true;

    @Override
    public void setState(String key, String value) {
        if (recording) {
            writes.add(key + "=" + value);
        }
        bytes.addAndGet(key.length() + value.length());
        count.incrementAndGet();
        if (key.contains("#")) {
            journalBytes.addAndGet(key.length() + value.length());
        } else {
            snapshots.incrementAndGet();
        }
        largest.accumulateAndGet(key.length() + value.length(), Math::max);
        super.setState(key, value);
    }

    /** Counts only, from now on (for large measurements). */
    RecordingStateRepository countOnly() {
        recording = false;
        return this;
    }
}
