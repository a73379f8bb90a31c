package dev.kon.blob;

/** The key rule every {@link BlobStore} enforces, so a key valid locally is valid on S3 and back. */
public final class BlobKeys {
    private BlobKeys() {
    }

    /** Throws if the key is empty, absolute, has empty or '..' segments, or is over 1,024 bytes (the S3 limit). */
    public static String check(String key) {
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("blob key must not be empty");
        }
        if (key.startsWith("/") || key.endsWith("/") || key.contains("//") || key.contains("\\")) {
            throw new IllegalArgumentException("blob key must be a relative '/'-separated path, was '" + key + "'");
        }
        for (String segment : key.split("/")) {
            if (segment.equals("..") || segment.equals(".")) {
                throw new IllegalArgumentException("blob key must not contain '.' or '..' segments, was '" + key + "'");
            }
        }
        if (key.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 1024) {
            throw new IllegalArgumentException("blob key must be at most 1024 bytes");
        }
        return key;
    }
}
