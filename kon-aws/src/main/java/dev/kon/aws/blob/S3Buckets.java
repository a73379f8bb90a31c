package dev.kon.aws.blob;

import dev.kon.blob.BlobException;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Creates, empties and deletes the bucket behind {@link S3BlobStore}. Every method is idempotent. Buckets with
 * versioning enabled are not emptied of old versions: Kon never enables it.
 */
public final class S3Buckets {
    /** DeleteObjects takes at most 1,000 keys per call. */
    private static final int DELETE_BATCH = 1000;

    private S3Buckets() {
    }

    /** Creates the bucket in the client's region if this account does not have it yet. */
    public static void create(S3Client s3, String bucket) {
        Region region = s3.serviceClientConfiguration().region();
        try {
            s3.createBucket(b -> {
                b.bucket(bucket);
                // us-east-1 is the one region that must not be named as a location constraint
                if (region != null && !Region.US_EAST_1.equals(region)) {
                    b.createBucketConfiguration(c -> c.locationConstraint(region.id()));
                }
            });
        } catch (BucketAlreadyOwnedByYouException alreadyOurs) {
            // the outcome asked for
        } catch (S3Exception e) {
            boolean takenName = e.awsErrorDetails() != null
                    && "BucketAlreadyExists".equals(e.awsErrorDetails().errorCode());
            if (takenName && exists(s3, bucket)) {
                return;
            }
            throw new BlobException("creating bucket '" + bucket + "' failed: " + e.getMessage()
                    + (takenName ? " (bucket names are global on S3: choose another)" : ""), e);
        } catch (SdkException e) {
            throw new BlobException("creating bucket '" + bucket + "' failed: " + e.getMessage(), e);
        }
    }

    /** Aborts unfinished uploads, deletes every object, then the bucket; a missing bucket is not an error. */
    public static void delete(S3Client s3, String bucket) {
        try {
            for (var page : s3.listMultipartUploadsPaginator(b -> b.bucket(bucket))) {
                for (MultipartUpload upload : page.uploads()) {
                    s3.abortMultipartUpload(b -> b.bucket(bucket).key(upload.key()).uploadId(upload.uploadId()));
                }
            }
            List<ObjectIdentifier> batch = new ArrayList<>();
            for (S3Object object : s3.listObjectsV2Paginator(b -> b.bucket(bucket)).contents()) {
                batch.add(ObjectIdentifier.builder().key(object.key()).build());
                if (batch.size() == DELETE_BATCH) {
                    deleteObjects(s3, bucket, batch);
                    batch = new ArrayList<>();
                }
            }
            deleteObjects(s3, bucket, batch);
            s3.deleteBucket(b -> b.bucket(bucket));
        } catch (NoSuchBucketException alreadyGone) {
            // the outcome asked for
        } catch (SdkException e) {
            if (e instanceof S3Exception s && s.statusCode() == 404) {
                return;
            }
            throw new BlobException("deleting bucket '" + bucket + "' failed: " + e.getMessage(), e);
        }
    }

    /** True if the bucket exists and this account may use it. */
    public static boolean exists(S3Client s3, String bucket) {
        try {
            s3.headBucket(b -> b.bucket(bucket));
            return true;
        } catch (NoSuchBucketException e) {
            return false;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw new BlobException("checking bucket '" + bucket + "' failed: " + e.getMessage(), e);
        } catch (SdkException e) {
            throw new BlobException("checking bucket '" + bucket + "' failed: " + e.getMessage(), e);
        }
    }

    private static void deleteObjects(S3Client s3, String bucket, List<ObjectIdentifier> keys) {
        if (keys.isEmpty()) {
            return;
        }
        var response = s3.deleteObjects(b -> b.bucket(bucket).delete(d -> d.objects(keys).quiet(true)));
        if (!response.errors().isEmpty()) {
            var first = response.errors().get(0);
            throw new BlobException("deleting " + response.errors().size() + " objects of bucket '" + bucket
                    + "' failed, first '" + first.key() + "': " + first.code() + " " + first.message(), null);
        }
    }
}
