package dev.kon.fleet.ec2;

import dev.kon.KonException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * The worker artifact (a {@code .tar.gz} holding {@code kon.jar} and its {@code lib/}) in the bucket, under
 * {@code fleet/kon-<sha-256 prefix>.tar.gz}: uploaded once per content, then handed to instances as a presigned
 * GET URL, so the instance role needs no read right on it beyond its own bucket and the user data carries no key.
 */
public final class WorkerArtifact {
    /** How long a presigned URL works: long enough for a slow boot, short enough not to leak for long. */
    public static final Duration URL_VALIDITY = Duration.ofHours(6);
    private final S3Client s3;
    private final S3Presigner presigner;
    private final String bucket;
    private final Path file;
    private String key;

    public WorkerArtifact(S3Client s3, S3Presigner presigner, String bucket, Path file) {
        this.s3 = s3;
        this.presigner = presigner;
        this.bucket = bucket;
        this.file = file;
    }

    /** Uploads the file unless the bucket has it already; answers a fresh presigned URL for it. */
    public synchronized URI publish() {
        if (key == null) {
            key = "fleet/kon-" + sha256(file).substring(0, 16) + ".tar.gz";
            try {
                s3.headObject(r -> r.bucket(bucket).key(key));
            } catch (NoSuchKeyException absent) {
                upload();
            } catch (S3Exception e) {
                if (e.statusCode() != 404) {
                    throw new KonException("cannot look for the worker artifact in bucket " + bucket + ": "
                            + e.getMessage(), e);
                }
                upload();
            }
        }
        return URI.create(presigner.presignGetObject(p -> p.signatureDuration(URL_VALIDITY)
                .getObjectRequest(g -> g.bucket(bucket).key(key))).url().toString());
    }

    private void upload() {
        s3.putObject(r -> r.bucket(bucket).key(key).contentType("application/gzip"), RequestBody.fromFile(file));
    }

    private static String sha256(Path file) {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (IOException e) {
            throw new KonException("cannot read the worker artifact " + file + ": " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Packs {@code kon.jar} and {@code lib/} of {@code home} (the folder of a built kon) into {@code target} with the
     * system's tar.
     */
    public static Path pack(Path home, Path target) {
        if (!Files.isRegularFile(home.resolve("kon.jar")) || !Files.isDirectory(home.resolve("lib"))) {
            throw new KonException("no kon.jar and lib/ in " + home + " to make the worker artifact of; build kon "
                    + "(mvn package) or give --artifact FILE.tar.gz");
        }
        try {
            Process p = new ProcessBuilder("tar", "-czf", target.toString(), "-C", home.toString(), "kon.jar", "lib")
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                throw new KonException("tar failed packing the worker artifact: " + dev.kon.task.UserText.excerpt(out));
            }
            return target;
        } catch (IOException e) {
            throw new KonException("cannot run tar to pack the worker artifact: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KonException("interrupted packing the worker artifact", e);
        }
    }
}
