package dev.kon.blob;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

/**
 * A {@link BlobStore} in a local folder, for local mode and tests. Writes go to a temporary file first and are
 * moved into place, so readers never see half an object. {@link #shareableUrl} answers a {@code file:} URI,
 * which cannot expire: this store is for one machine and one user.
 */
public final class FileSystemBlobStore implements BlobStore {
    private final Path root;

    public FileSystemBlobStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
        try {
            Files.createDirectories(this.root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create blob folder " + this.root, e);
        }
    }

    public Path root() {
        return root;
    }

    @Override
    public void putFile(String key, Path file, String contentType) {
        Path target = resolve(key);
        write(key, target, tmp -> Files.copy(file, tmp, StandardCopyOption.REPLACE_EXISTING));
    }

    @Override
    public void putBytes(String key, byte[] bytes, String contentType) {
        Path target = resolve(key);
        write(key, target, tmp -> Files.write(tmp, bytes));
    }

    private interface Writer {
        void write(Path tmp) throws IOException;
    }

    private void write(String key, Path target, Writer writer) {
        try {
            Files.createDirectories(target.getParent());
            Path tmp = Files.createTempFile(target.getParent(), ".put-", ".tmp");
            try {
                writer.write(tmp);
                try {
                    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new BlobException("writing '" + key + "' failed: " + e.getMessage(), e);
        }
    }

    @Override
    public InputStream get(String key) {
        try {
            return Files.newInputStream(resolve(key));
        } catch (NoSuchFileException e) {
            throw new BlobNotFoundException(key);
        } catch (IOException e) {
            throw new BlobException("reading '" + key + "' failed: " + e.getMessage(), e);
        }
    }

    @Override
    public URI shareableUrl(String key, Duration ttl) {
        Path p = resolve(key);
        if (!Files.exists(p)) {
            throw new BlobNotFoundException(key);
        }
        return p.toUri();
    }

    @Override
    public void delete(String key) {
        try {
            Files.deleteIfExists(resolve(key));
        } catch (IOException e) {
            throw new BlobException("deleting '" + key + "' failed: " + e.getMessage(), e);
        }
    }

    @Override
    public boolean exists(String key) {
        return Files.isRegularFile(resolve(key));
    }

    @Override
    public java.util.List<String> list(String prefix, int max) {
        try (var files = Files.walk(root)) {
            return files.filter(Files::isRegularFile)
                    .map(p -> root.relativize(p).toString().replace(java.io.File.separatorChar, '/'))
                    .filter(k -> k.startsWith(prefix) && !k.contains("/.put-"))
                    .sorted().limit(max).toList();
        } catch (IOException e) {
            throw new BlobException("listing '" + prefix + "' failed: " + e.getMessage(), e);
        }
    }

    private Path resolve(String key) {
        BlobKeys.check(key);
        Path p = root.resolve(key).normalize();
        if (!p.startsWith(root)) {
            throw new IllegalArgumentException("blob key escapes the store: '" + key + "'");
        }
        return p;
    }
}
