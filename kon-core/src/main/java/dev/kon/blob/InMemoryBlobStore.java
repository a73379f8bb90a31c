package dev.kon.blob;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * A {@link BlobStore} in memory, for tests. {@link #shareableUrl} answers a {@code mem:} URI that only this
 * store understands.
 */
public final class InMemoryBlobStore implements BlobStore {
    private final ConcurrentMap<String, byte[]> objects = new ConcurrentHashMap<>();

    @Override
    public void putFile(String key, Path file, String contentType) {
        try {
            putBytes(key, Files.readAllBytes(file), contentType);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void putBytes(String key, byte[] bytes, String contentType) {
        objects.put(BlobKeys.check(key), bytes.clone());
    }

    @Override
    public InputStream get(String key) {
        byte[] b = objects.get(BlobKeys.check(key));
        if (b == null) {
            throw new BlobNotFoundException(key);
        }
        return new ByteArrayInputStream(b);
    }

    @Override
    public URI shareableUrl(String key, Duration ttl) {
        if (!exists(key)) {
            throw new BlobNotFoundException(key);
        }
        return URI.create("mem:" + key);
    }

    @Override
    public void delete(String key) {
        objects.remove(BlobKeys.check(key));
    }

    @Override
    public boolean exists(String key) {
        return objects.containsKey(BlobKeys.check(key));
    }

    @Override
    public java.util.List<String> list(String prefix, int max) {
        return keys().stream().filter(k -> k.startsWith(prefix)).limit(max).toList();
    }

    /** The keys held, sorted; for assertions. */
    public Set<String> keys() {
        return new TreeSet<>(objects.keySet());
    }
}
