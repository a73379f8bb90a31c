package dev.kon.aws.blob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.kon.aws.AwsClients;
import dev.kon.aws.LocalCloudExtension;
import dev.kon.blob.BlobException;
import dev.kon.blob.BlobNotFoundException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/** S3-specific behaviour beyond {@link dev.kon.testkit.BlobStoreContract}: multipart, presigned URLs, buckets. */
@ExtendWith(LocalCloudExtension.class)
class S3BlobStoreTest {
    private static final String BUCKET = "blob-test";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static S3Client s3;
    private static S3Presigner presigner;
    private static S3BlobStore store;

    @TempDir
    Path tmp;

    @BeforeAll
    static void createBucket(AwsClients clients) {
        s3 = clients.s3();
        presigner = clients.s3Presigner();
        S3Buckets.create(s3, BUCKET);
        store = new S3BlobStore(s3, clients.s3Presigner(), BUCKET);
    }

    private static String key(String name) {
        return "test/" + UUID.randomUUID() + "/" + name;
    }

    private static HttpResponse<byte[]> fetch(URI url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(url).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void putFile_overTheThreshold_goesUpInPartsAndComesBackIdentical() throws Exception {
        byte[] data = new byte[20 * 1024 * 1024 + 17];
        new Random(42).nextBytes(data);
        Path file = Files.write(tmp.resolve("video.bin"), data);
        String k = key("video.bin");

        store.putFile(k, file, "video/mp4");

        byte[] back;
        try (InputStream in = store.get(k)) {
            back = in.readAllBytes();
        }
        assertThat(sha256(back)).isEqualTo(sha256(data));
        var head = s3.headObject(b -> b.bucket(BUCKET).key(k));
        assertThat(head.contentLength()).isEqualTo(data.length);
        assertThat(head.contentType()).isEqualTo("video/mp4");
        assertThat(s3.listMultipartUploads(b -> b.bucket(BUCKET)).uploads()).isEmpty();
    }

    @Test
    void multipartUpload_whoseSourceFailsMidway_isAbortedAndLeavesNothing() {
        String k = key("broken.bin");
        InputStream failing = new SequenceInputStream(new ByteArrayInputStream(new byte[9 * 1024 * 1024]),
                new InputStream() {
                    @Override
                    public int read() throws IOException {
                        throw new IOException("disk gone");
                    }
                });

        assertThatThrownBy(() -> new MultipartUpload(s3, BUCKET, k, "application/octet-stream")
                .upload(failing, 20L * 1024 * 1024, S3BlobStore.PART_SIZE)).hasMessageContaining("disk gone");

        assertThat(s3.listMultipartUploads(b -> b.bucket(BUCKET)).uploads())
                .noneMatch(u -> u.key().equals(k));
        assertThat(store.exists(k)).isFalse();
    }

    @Test
    void shareableUrl_fetchedWithAPlainHttpClient_returnsTheBytes() throws Exception {
        String k = key("photo.jpg");
        store.putBytes(k, "jpeg bytes".getBytes(StandardCharsets.UTF_8), "image/jpeg");

        HttpResponse<byte[]> response = fetch(store.shareableUrl(k, Duration.ofMinutes(5)));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("jpeg bytes");
    }

    @Test
    void shareableUrl_whenTampered_isRefusedWith403() throws Exception {
        String k = key("secret.txt");
        String other = key("other.txt");
        store.putBytes(k, new byte[] {1}, "text/plain");
        store.putBytes(other, new byte[] {2}, "text/plain");
        String url = store.shareableUrl(k, Duration.ofMinutes(5)).toString();

        URI otherKey = URI.create(url.replace(k, other));
        String signature = url.substring(url.indexOf("X-Amz-Signature=") + 16, url.indexOf("X-Amz-Signature=") + 80);
        URI otherSignature = URI.create(url.replace(signature, new StringBuilder(signature).reverse().toString()));

        assertThat(fetch(otherKey).statusCode()).isEqualTo(403);
        assertThat(fetch(otherSignature).statusCode()).isEqualTo(403);
    }

    @Test
    void shareableUrl_afterItsTtl_isRefused() throws Exception {
        String k = key("brief.txt");
        store.putBytes(k, new byte[] {1}, "text/plain");
        URI url = store.shareableUrl(k, Duration.ofSeconds(1));

        await().pollDelay(Duration.ofMillis(1100)).atMost(Duration.ofSeconds(10))
                .until(() -> fetch(url).statusCode() == 403);
    }

    @Test
    void shareableUrl_ofAMissingKey_throwsBlobNotFound() {
        String k = key("nothing");

        assertThatThrownBy(() -> store.shareableUrl(k, Duration.ofMinutes(1)))
                .isInstanceOf(BlobNotFoundException.class).hasMessageContaining(k);
    }

    @Test
    void deleteAndExists_followTheObject() {
        String k = key("x");
        assertThat(store.exists(k)).isFalse();
        store.putBytes(k, new byte[] {1}, null);
        assertThat(store.exists(k)).isTrue();

        store.delete(k);

        assertThat(store.exists(k)).isFalse();
        assertThatThrownBy(() -> store.getBytes(k)).isInstanceOf(BlobNotFoundException.class);
    }

    @Test
    void aStoreOnAMissingBucket_saysToProvision() {
        var orphan = new S3BlobStore(s3, presigner, "no-such-bucket-" + UUID.randomUUID().toString()
                .substring(0, 8));

        assertThatThrownBy(() -> orphan.putBytes("a", new byte[] {1}, null)).isInstanceOf(BlobException.class)
                .hasMessageContaining("does not exist: run 'kon cloud provision'");
        assertThatThrownBy(() -> orphan.exists("a")).isInstanceOf(BlobException.class)
                .hasMessageContaining("does not exist: run 'kon cloud provision'");
    }

    @Test
    void buckets_createAndDeleteAreIdempotent_andDeleteEmptiesTheBucketFirst() {
        String bucket = "bucket-" + UUID.randomUUID().toString().substring(0, 8);
        S3Buckets.create(s3, bucket);
        S3Buckets.create(s3, bucket);
        s3.putObject(b -> b.bucket(bucket).key("a/1"), RequestBody.fromString("1"));
        s3.putObject(b -> b.bucket(bucket).key("b/2"), RequestBody.fromString("2"));
        s3.createMultipartUpload(b -> b.bucket(bucket).key("c/unfinished"));

        S3Buckets.delete(s3, bucket);
        S3Buckets.delete(s3, bucket);

        assertThat(S3Buckets.exists(s3, bucket)).isFalse();
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
