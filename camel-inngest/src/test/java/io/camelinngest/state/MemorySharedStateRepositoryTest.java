package io.camelinngest.state;

/** The shared-repository contract on {@link MemorySharedStateRepository}. */
class MemorySharedStateRepositoryTest extends SharedStateRepositoryContract {

    @Override
    protected SharedStateRepository newRepository() {
        return new MemorySharedStateRepository();
    }

    @Override
    protected SharedStateRepository newNode(SharedStateRepository first) {
        return ((MemorySharedStateRepository) first).newNode();
    }
}
