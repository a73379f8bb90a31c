package dev.kon.aws.blob;

import dev.kon.aws.Uninterruptibly;
import dev.kon.blob.BlobException;
import dev.kon.blob.BlobKeys;
import dev.kon.blob.BlobNotFoundException;
import dev.kon.blob.BlobStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * A {@link BlobStore} in one S3 bucket (or any S3-compatible server, such as the local cloud's).
 *
 * <p>Files up to {@link #MULTIPART_THRESHOLD} go up in one streamed PutObject; larger ones as a multipart upload
 * in parts of {@link #PART_SIZE} (larger if the file needs more than 10,000 parts), holding one part in memory at
 * a time, and the upload is aborted if a part fails, so no orphaned parts are billed. {@link #shareableUrl} is a
 * presigned GET that S3 refuses once its TTL has passed or if it is altered.
 *
 * <p>Calls complete even if the calling thread is interrupted (see {@link Uninterruptibly}), except a multipart
 * upload, which an interrupt aborts.
 *
 * <p>Thread-safety: thread-safe (the S3 clients are). Failure behaviour: {@link BlobNotFoundException} for a
 * missing key on read or share; {@link BlobException} naming bucket and key otherwise, and telling to provision
 * when the bucket is missing.
 */
public final class S3BlobStore implements BlobStore {
    /** Files larger than this go up in parts: 16 MiB. */
    public static final long MULTIPART_THRESHOLD = 16L * 1024 * 1024;
    /** The size of each part of a multipart upload: 8 MiB (S3 needs at least 5 MiB, except for the last part). */
    public static final int PART_SIZE = 8 * 1024 * 1024;
    /** The longest TTL of a presigned URL that SigV4 allows: 7 days. */
    public static final Duration MAX_URL_TTL = Duration.ofDays(7);
    private static final String DEFAULT_CONTENT_TYPE = "application/octet-stream";

    private final S3Client s3;
    private final S3Presigner presigner;
    private final String bucket;

    public S3BlobStore(S3Client s3, S3Presigner presigner, String bucket) {
        this.s3 = Objects.requireNonNull(s3, "s3");
        this.presigner = Objects.requireNonNull(presigner, "presigner");
        this.bucket = Objects.requireNonNull(bucket, "bucket");
    }

    public String bucket() {
        return bucket;
    }

    @Override
    public void putFile(String key, Path file, String contentType) {
        BlobKeys.check(key);
        String type = contentType == null ? DEFAULT_CONTENT_TYPE : contentType;
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new BlobException("cannot read " + file + " to store as '" + key + "': " + e.getMessage(), e);
        }
        if (size > MULTIPART_THRESHOLD) {
            try (InputStream in = Files.newInputStream(file)) {
                // Not shielded from interrupts: a long upload should stop when asked, and is not repeated.
                call(key, () -> new MultipartUpload(s3, bucket, key, type).upload(in, size, PART_SIZE), false);
            } catch (IOException e) {
                throw new BlobException("cannot read " + file + " to store as '" + key + "': " + e.getMessage(), e);
            }
        } else {
            call(key, () -> s3.putObject(b -> b.bucket(bucket).key(key).contentType(type),
                    RequestBody.fromFile(file)));
        }
    }

    @Override
    public void putBytes(String key, byte[] bytes, String contentType) {
        BlobKeys.check(key);
        String type = contentType == null ? DEFAULT_CONTENT_TYPE : contentType;
        call(key, () -> s3.putObject(b -> b.bucket(bucket).key(key).contentType(type), RequestBody.fromBytes(bytes)));
    }

    @Override
    public InputStream get(String key) {
        BlobKeys.check(key);
        return call(key, () -> s3.getObject(b -> b.bucket(bucket).key(key)));
    }

    /**
     * A presigned GET URL valid for {@code ttl} (at most 7 days), signed with this process's credentials: it
     * stops working early if those are temporary and expire first.
     *
     * @throws BlobNotFoundException if there is no object under the key
     */
    @Override
    public URI shareableUrl(String key, Duration ttl) {
        BlobKeys.check(key);
        if (ttl.isNegative() || ttl.isZero() || ttl.compareTo(MAX_URL_TTL) > 0) {
            throw new IllegalArgumentException("ttl must be > 0s and <= 7 days, was " + ttl.toSeconds() + "s");
        }
        if (!exists(key)) {
            throw new BlobNotFoundException(key);
        }
        try {
            return call(key, () -> presigner.presignGetObject(b -> b.signatureDuration(ttl)
                    .getObjectRequest(g -> g.bucket(bucket).key(key)))).url().toURI();
        } catch (URISyntaxException e) {
            throw new BlobException("presigned URL for '" + key + "' is not a URI: " + e.getMessage(), e);
        }
    }

    @Override
    public void delete(String key) {
        BlobKeys.check(key);
        call(key, () -> s3.deleteObject(b -> b.bucket(bucket).key(key)));
    }

    @Override
    public boolean exists(String key) {
        BlobKeys.check(key);
        try {
            call(key, () -> s3.headObject(b -> b.bucket(bucket).key(key)));
            return true;
        } catch (BlobNotFoundException e) {
            // A HEAD answer has no body: the SDK reports a missing bucket as a missing key too.
            if (!S3Buckets.exists(s3, bucket)) {
                throw missingBucket(e);
            }
            return false;
        }
    }

    @Override
    public java.util.List<String> list(String prefix, int max) {
        java.util.List<String> keys = new java.util.ArrayList<>();
        call(prefix, () -> {
            for (var page : s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix))) {
                for (var o : page.contents()) {
                    if (keys.size() >= max) {
                        return null;
                    }
                    keys.add(o.key());
                }
            }
            return null;
        });
        return keys;
    }

    @Override
    public String toString() {
        return "S3BlobStore[" + bucket + "]";
    }

    private <T> T call(String key, Supplier<T> action) {
        return call(key, action, true);
    }

    private <T> T call(String key, Supplier<T> action, boolean uninterruptibly) {
        try {
            return uninterruptibly ? Uninterruptibly.call(action) : action.get();
        } catch (NoSuchKeyException e) {
            throw new BlobNotFoundException(key);
        } catch (NoSuchBucketException e) {
            throw missingBucket(e);
        } catch (S3Exception e) {
            // HEAD answers have no body, so a missing key or bucket arrives as a bare 404
            if (e.statusCode() == 404) {
                if (S3Buckets.exists(s3, bucket)) {
                    throw new BlobNotFoundException(key);
                }
                throw missingBucket(e);
            }
            throw failed(key, e);
        } catch (SdkException | UncheckedIOException e) {
            throw failed(key, e);
        }
    }

    private BlobException missingBucket(Exception e) {
        return new BlobException("bucket '" + bucket + "' does not exist: run 'kon cloud provision'", e);
    }

    private BlobException failed(String key, Exception e) {
        return new BlobException("bucket '" + bucket + "', key '" + key + "': " + e.getMessage(), e);
    }
}
