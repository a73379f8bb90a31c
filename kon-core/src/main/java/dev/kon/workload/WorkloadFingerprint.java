package dev.kon.workload;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What identifies a workload file's content: {@code sha256:HEX size:BYTES}. A run records it so that
 * {@code kon submit --resume} sends the rest of the same file, not of another one that happens to have the same
 * name. Reading a gigabyte takes a few seconds, about what checking it takes.
 */
public final class WorkloadFingerprint {
    private WorkloadFingerprint() {
    }

    /** The fingerprint of the file's bytes. */
    public static String of(Path file) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java has no SHA-256", e);
        }
        long size = 0;
        byte[] buf = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buf)) > 0; ) {
                sha.update(buf, 0, n);
                size += n;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read workload " + file + ": " + e.getMessage(), e);
        }
        return "sha256:" + HexFormat.of().formatHex(sha.digest()) + " size:" + size;
    }
}
