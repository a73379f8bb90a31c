package dev.kon.blob;

import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Named binary objects: inputs and outputs of tasks (images, videos, logs) and message bodies too large for a
 * queue. Keys are '/'-separated paths without a leading '/'.
 *
 * <p>Thread-safety: every method may be called from many threads at once. A put replaces an existing object
 * whole; readers never see half an object.
 *
 * <p>Failure behaviour: {@link BlobNotFoundException} for a missing key on read; {@link BlobException} when the
 * backend fails.
 */
public interface BlobStore {

    /** Stores a file, streaming it; large files go up in parts (S3 multipart) so memory stays bounded. */
    void putFile(String key, Path file, String contentType);

    /** Stores bytes held in memory (small objects: logs, pointers, oversize message bodies). */
    void putBytes(String key, byte[] bytes, String contentType);

    /** Opens an object for reading; the caller closes the stream. */
    InputStream get(String key);

    /** Reads a small object whole. */
    default byte[] getBytes(String key) {
        try (InputStream in = get(key)) {
            return in.readAllBytes();
        } catch (java.io.IOException e) {
            throw new BlobException("reading '" + key + "' failed: " + e.getMessage(), e);
        }
    }

    /**
     * An address from which anyone holding it can download the object until {@code ttl} has passed (an S3
     * presigned GET URL). Backends that cannot enforce expiry say so in their documentation.
     */
    URI shareableUrl(String key, Duration ttl);

    /** Deletes the object; deleting a missing key is not an error. */
    void delete(String key);

    /** True if an object exists under the key. */
    boolean exists(String key);

    /**
     * The keys that start with {@code prefix}, sorted; at most {@code max} of them. For run records (a client's
     * archive of results), not for browsing large buckets.
     */
    java.util.List<String> list(String prefix, int max);
}
