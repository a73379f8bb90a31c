package dev.kon.apps.enhance;

import java.io.IOException;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import javax.imageio.stream.ImageInputStreamImpl;

/**
 * An encoded image in memory as an {@code ImageInputStream}, read in place (no cache copy of the bytes) and
 * refusing every read once {@code cancelled} answers true.
 *
 * <p>Why the refusal: decoders pull their input in small chunks while they decode, so a read that throws stops
 * them within milliseconds, also where they report no progress. The JPEG decoder entropy-decodes every scan of a
 * progressive file before its first progress report and ignores {@code abort()} until the end of that work (about
 * a second for 64 megapixels on this machine); failing its next read ends it at once.
 *
 * <p>Not thread-safe, like every {@code ImageInputStream}.
 */
final class ByteImageInput extends ImageInputStreamImpl {
    private final byte[] bytes;
    private final BooleanSupplier cancelled;

    ByteImageInput(byte[] bytes, BooleanSupplier cancelled) {
        this.bytes = Objects.requireNonNull(bytes, "bytes");
        this.cancelled = Objects.requireNonNull(cancelled, "cancelled");
    }

    @Override
    public int read() throws IOException {
        checkOpenAndGoing();
        bitOffset = 0;
        return streamPos < bytes.length ? bytes[(int) streamPos++] & 0xFF : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        checkOpenAndGoing();
        Objects.checkFromIndexSize(off, len, b.length);
        bitOffset = 0;
        if (len == 0) {
            return 0;
        }
        if (streamPos >= bytes.length) {
            return -1;
        }
        int n = (int) Math.min(len, bytes.length - streamPos);
        System.arraycopy(bytes, (int) streamPos, b, off, n);
        streamPos += n;
        return n;
    }

    @Override
    public long length() {
        return bytes.length;
    }

    private void checkOpenAndGoing() throws IOException {
        checkClosed();
        if (cancelled.getAsBoolean()) {
            throw new CancellationException("cancelled while reading the image");
        }
    }
}
