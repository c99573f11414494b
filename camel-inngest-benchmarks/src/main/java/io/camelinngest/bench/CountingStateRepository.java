package io.camelinngest.bench;

import java.util.concurrent.atomic.LongAdder;

import org.apache.camel.support.processor.state.MemoryStateRepository;

/**
 * An in-memory state repository that counts what consumers write to it (the JSON is ASCII, so characters are bytes).
 */
final class CountingStateRepository extends MemoryStateRepository {

    private final LongAdder bytes = new LongAdder();
    private final LongAdder writes = new LongAdder();

    @Override
    public void setState(String key, String value) {
        bytes.add(value == null ? 0 : value.length()); // the JSON written is ASCII: one byte a character
        writes.increment();
        super.setState(key, value);
    }

    long bytes() {
        return bytes.sum();
    }

    long writes() {
        return writes.sum();
    }
}
