package dev.kon.web;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Request bodies read with a limit: a body over it is refused with 413 and a message that names the limit, as soon
 * as the declared length or the bytes read pass it, without reading the rest.
 */
final class Uploads {
    private static final int CHUNK = 64 * 1024;

    private Uploads() {
    }

    /** The whole body in memory, at most {@code max} bytes (images, numbers: bounded and small). */
    static byte[] bytes(Context ctx, long max, String what) throws IOException {
        refuseDeclared(ctx, max, what);
        try (InputStream in = ctx.bodyInputStream()) {
            byte[] b = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
            if (b.length > max) {
                throw tooLarge(max, what);
            }
            return b;
        }
    }

    /** Streams the body to {@code file}, at most {@code max} bytes; the file is deleted if the body is refused. */
    static long toFile(Context ctx, Path file, long max, String what) throws IOException {
        refuseDeclared(ctx, max, what);
        long total = 0;
        try (InputStream in = ctx.bodyInputStream(); OutputStream out = Files.newOutputStream(file)) {
            byte[] buf = new byte[CHUNK];
            int n;
            while ((n = in.read(buf)) > 0) {
                total += n;
                if (total > max) {
                    throw tooLarge(max, what);
                }
                out.write(buf, 0, n);
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
        return total;
    }

    private static void refuseDeclared(Context ctx, long max, String what) {
        String length = ctx.header("Content-Length");
        if (length != null && length.matches("\\d{1,18}") && Long.parseLong(length) > max) {
            throw tooLarge(max, what);
        }
    }

    private static ApiError tooLarge(long max, String what) {
        return new ApiError(413, what + " is larger than the limit of " + size(max) + "; nothing was kept");
    }

    /** A byte count as people read it: {@code 25 MB}, {@code 100 MB}, {@code 512 bytes}. */
    static String size(long bytes) {
        if (bytes >= 1_000_000) {
            return String.format(Locale.ROOT, "%.0f MB", bytes / 1e6);
        }
        if (bytes >= 1000) {
            return String.format(Locale.ROOT, "%.0f kB", bytes / 1e3);
        }
        return bytes + " bytes";
    }
}
