package dev.kon.aws.blob;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/**
 * One S3 multipart upload of a stream, part after part from a single reused buffer, so memory stays at one part
 * whatever the file's size. Each part carries a CRC32 that S3 checks, and the whole upload is aborted if anything
 * fails, so no invisible, billed parts are left behind. Not thread-safe: one instance per upload.
 */
final class MultipartUpload {
    /** S3 allows at most 10,000 parts per upload. */
    static final int MAX_PARTS = 10_000;

    private final S3Client s3;
    private final String bucket;
    private final String key;
    private final String contentType;

    MultipartUpload(S3Client s3, String bucket, String key, String contentType) {
        this.s3 = s3;
        this.bucket = bucket;
        this.key = key;
        this.contentType = contentType;
    }

    /**
     * Uploads the {@code size} bytes of {@code in} (not closed here) in parts of at least {@code partSize}, aborting
     * the upload if reading or any call fails; returns the object's ETag.
     */
    String upload(InputStream in, long size, int partSize) {
        int part = (int) Math.max(partSize, (size + MAX_PARTS - 1) / MAX_PARTS);
        String uploadId = s3.createMultipartUpload(b -> b.bucket(bucket).key(key).contentType(contentType)
                .checksumAlgorithm(ChecksumAlgorithm.CRC32)).uploadId();
        try {
            byte[] buffer = new byte[(int) Math.min(part, size)];
            List<CompletedPart> parts = new ArrayList<>();
            for (int number = 1; ; number++) {
                int length = in.readNBytes(buffer, 0, buffer.length);
                if (length == 0) {
                    break;
                }
                int partNumber = number;
                UploadPartResponse uploaded = s3.uploadPart(b -> b.bucket(bucket).key(key).uploadId(uploadId)
                                .partNumber(partNumber).contentLength((long) length)
                                .checksumAlgorithm(ChecksumAlgorithm.CRC32),
                        RequestBody.fromContentProvider(() -> new ByteArrayInputStream(buffer, 0, length), length,
                                contentType));
                parts.add(CompletedPart.builder().partNumber(partNumber).eTag(uploaded.eTag())
                        .checksumCRC32(uploaded.checksumCRC32()).build());
            }
            return s3.completeMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId)
                    .multipartUpload(m -> m.parts(parts))).eTag();
        } catch (IOException e) {
            abortQuietly(uploadId, e);
            throw new UncheckedIOException("reading the upload's content failed: " + e.getMessage(), e);
        } catch (RuntimeException | Error e) {
            abortQuietly(uploadId, e);
            throw e;
        }
    }

    private void abortQuietly(String uploadId, Throwable failure) {
        try {
            s3.abortMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId));
        } catch (SdkException e) {
            failure.addSuppressed(e);
        }
    }
}
