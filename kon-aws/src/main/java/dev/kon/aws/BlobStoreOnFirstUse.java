package dev.kon.aws;

import dev.kon.blob.BlobStore;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A {@link BlobStore} that builds the real one (and so its S3 clients) on its first call, and hands every call
 * to it, the defaults included. Thread-safe: two first calls at once build it once.
 */
final class BlobStoreOnFirstUse implements BlobStore {
    private final Supplier<BlobStore> factory;
    private volatile BlobStore store;

    BlobStoreOnFirstUse(Supplier<BlobStore> factory) {
        this.factory = Objects.requireNonNull(factory, "factory");
    }

    @Override
    public void putFile(String key, Path file, String contentType) {
        store().putFile(key, file, contentType);
    }

    @Override
    public void putBytes(String key, byte[] bytes, String contentType) {
        store().putBytes(key, bytes, contentType);
    }

    @Override
    public InputStream get(String key) {
        return store().get(key);
    }

    @Override
    public byte[] getBytes(String key) {
        return store().getBytes(key);
    }

    @Override
    public URI shareableUrl(String key, Duration ttl) {
        return store().shareableUrl(key, ttl);
    }

    @Override
    public void delete(String key) {
        store().delete(key);
    }

    @Override
    public boolean exists(String key) {
        return store().exists(key);
    }

    @Override
    public List<String> list(String prefix, int max) {
        return store().list(prefix, max);
    }

    private BlobStore store() {
        BlobStore s = store;
        if (s == null) {
            synchronized (this) {
                s = store;
                if (s == null) {
                    s = Objects.requireNonNull(factory.get(), "store");
                    store = s;
                }
            }
        }
        return s;
    }
}
