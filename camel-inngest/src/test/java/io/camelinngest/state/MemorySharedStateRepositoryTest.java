package io.camelinngest.state;

import org.apache.camel.spi.StateRepository;

/** The shared-repository contract on {@link MemorySharedStateRepository}. */
class MemorySharedStateRepositoryTest extends SharedStateRepositoryContract {

    @Override
    protected SharedStateRepository newRepository() {
        return new MemorySharedStateRepository();
    }

    @Override
    protected SharedStateRepository newNode(StateRepository<String, String> first) {
        return ((MemorySharedStateRepository) first).newNode();
    }
}
