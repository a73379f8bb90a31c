package dev.kon.aws.blob;

import dev.kon.aws.AwsClients;
import dev.kon.aws.LocalCloudExtension;
import dev.kon.blob.BlobStore;
import dev.kon.testkit.BlobStoreContract;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LocalCloudExtension.class)
class S3BlobStoreContractTest extends BlobStoreContract {
    private static final String BUCKET = "contract-blobs";
    private static BlobStore store;

    @BeforeAll
    static void createBucket(AwsClients clients) {
        S3Buckets.create(clients.s3(), BUCKET);
        store = new S3BlobStore(clients.s3(), clients.s3Presigner(), BUCKET);
    }

    @Override
    protected BlobStore store() {
        return store;
    }
}
