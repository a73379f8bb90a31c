package dev.kon.testkit;

import dev.kon.blob.BlobStore;
import dev.kon.blob.InMemoryBlobStore;

class InMemoryBlobStoreContractTest extends BlobStoreContract {
    private final BlobStore store = new InMemoryBlobStore();

    @Override
    protected BlobStore store() {
        return store;
    }
}
