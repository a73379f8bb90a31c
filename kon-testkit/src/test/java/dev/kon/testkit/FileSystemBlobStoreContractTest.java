package dev.kon.testkit;

import dev.kon.blob.BlobStore;
import dev.kon.blob.FileSystemBlobStore;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class FileSystemBlobStoreContractTest extends BlobStoreContract {
    @TempDir
    static Path root;

    @Override
    protected BlobStore store() {
        return new FileSystemBlobStore(root);
    }
}
