package io.camelinngest.state;

import java.io.File;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.camel.spi.StateRepository;
import org.apache.camel.support.processor.state.FileStateRepository;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one-node contract on Camel's {@link FileStateRepository}, the repository docs/consumers.md names for one node
 * with a disk. It is not a {@link SharedStateRepository}: it reads its file only when it starts and appends without a
 * lock, so two nodes on one file cannot see or refuse each other's writes (docs/clustering.md, "Why not a file
 * repository").
 */
class FileStateRepositoryContractTest extends StateRepositoryContract {

    private final AtomicInteger files = new AtomicInteger();

    @TempDir
    Path dir;

    @Override
    protected StateRepository<String, String> newRepository() {
        return FileStateRepository.fileStateRepository(dir.resolve("state-" + files.incrementAndGet() + ".dat").toFile());
    }

    @Override
    protected StateRepository<String, String> newNode(StateRepository<String, String> first) {
        File file = ((FileStateRepository) first).getFileStore();
        return FileStateRepository.fileStateRepository(file);
    }
}
