package dev.kon.apps.video;

import dev.kon.blob.BlobKeys;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;

/**
 * Where one image of a video comes from: an {@code http://} or {@code https://} URL, or {@code s3://bucket/key}
 * for an object in the deployment's blob store.
 *
 * @param uri the parsed address; its scheme is {@code http}, {@code https} or {@code s3}
 */
public record ImageRef(URI uri) {
    public ImageRef {
        Objects.requireNonNull(uri, "uri");
    }

    /** Parses and checks one address; the exception's message says what is wrong with it. */
    public static ImageRef parse(String text) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("'" + Excerpt.of(text) + "' is not a URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        switch (scheme) {
            case "http", "https" -> {
                if (uri.getHost() == null) {
                    throw new IllegalArgumentException("'" + Excerpt.of(text) + "' has no host");
                }
            }
            case "s3" -> {
                String path = uri.getRawPath() == null ? "" : uri.getPath();
                if (uri.getHost() == null || path.length() < 2) {
                    throw new IllegalArgumentException("'" + Excerpt.of(text) + "' must be s3://bucket/key");
                }
                try {
                    BlobKeys.check(path.substring(1));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("'" + Excerpt.of(text) + "': " + e.getMessage());
                }
            }
            default -> throw new IllegalArgumentException("'" + Excerpt.of(text)
                    + "' must start with http://, https:// or s3://");
        }
        return new ImageRef(uri);
    }

    /** True for {@code s3://bucket/key}, read from the blob store. */
    public boolean isBlob() {
        return "s3".equalsIgnoreCase(uri.getScheme());
    }

    /**
     * The key of an {@code s3://} address. The bucket part is not checked: a {@link dev.kon.blob.BlobStore} is
     * bound to its deployment's one bucket.
     */
    public String blobKey() {
        if (!isBlob()) {
            throw new IllegalStateException(uri + " is not an s3:// address");
        }
        return uri.getPath().substring(1);
    }

    @Override
    public String toString() {
        return uri.toString();
    }
}
