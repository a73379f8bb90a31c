package dev.kon.localcloud;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;

/**
 * s3proxy serving the S3 protocol on 127.0.0.1, path-style only, with a memory or filesystem store. It checks
 * AWS signatures (V2 and V4, headers and presigned URLs) against the one fixed local credential, so a tampered
 * or expired presigned URL is refused as on AWS.
 */
final class S3Server implements AutoCloseable {
    static final String NAME = "S3 (s3proxy)";

    private final S3Proxy proxy;

    private S3Server(S3Proxy proxy) {
        this.proxy = proxy;
    }

    static S3Server start(int port, String accessKey, String secretKey, Path dataDir) {
        if (port != 0) {
            LoopbackPorts.requireFree(port, NAME);
        }
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(store(dataDir))
                .endpoint(URI.create("http://" + LoopbackPorts.HOST + ":" + port))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, accessKey, secretKey)
                // the SDK sends headers s3proxy does not know (checksums, async multipart); AWS ignores them too
                .ignoreUnknownHeaders(true)
                .build();
        try {
            proxy.start();
            return new S3Server(proxy);
        } catch (Exception e) {
            try {
                proxy.stop();
            } catch (Exception ignored) {
                // already failing to start: the start failure is the one to report
            }
            if (LoopbackPorts.isBindFailure(e)) {
                throw LoopbackPorts.portTaken(port, NAME, e);
            }
            throw new LocalCloudException(NAME + " failed to start on port " + port + ": " + e.getMessage(), e);
        }
    }

    private static BlobStore store(Path dataDir) {
        if (dataDir == null) {
            return new TransientNio2BlobStore();
        }
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new LocalCloudException("cannot create the S3 data folder " + dataDir + ": " + e.getMessage(), e);
        }
        return new FilesystemNio2BlobStore(dataDir.toString());
    }

    int port() {
        return proxy.getPort();
    }

    @Override
    public void close() {
        try {
            proxy.stop();
        } catch (Exception e) {
            throw new LocalCloudException(NAME + " failed to stop: " + e.getMessage(), e);
        }
    }
}
