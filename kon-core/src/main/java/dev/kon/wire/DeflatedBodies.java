package dev.kon.wire;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * Message bodies carried deflated: {@code {"v":3,"deflated":"<base64 of the zlib-deflated body>"}}. A bundle of a
 * thousand tasks or the results of one repeat the same field names and values over and over, and every byte of a
 * body costs CPU in the queue service (it checks each character, hashes the body and writes it out again) and in
 * the run's record. Bodies of {@value #DEFLATE_FROM_BYTES} bytes and more (requests and small bundles stay plain
 * text) and up to {@value #DEFLATE_UP_TO_BYTES} bytes are deflated when that makes them shorter.
 *
 * <p>Version 3 is the wire version of this envelope: a reader that knows only versions 1 and 2 refuses it as an
 * unknown version ("unknown message version 3 (this Kon reads 1)"), and a worker dead-letters the message with that
 * reason. Reading is bounded: a body that inflates past {@value #MAX_INFLATED_BYTES} bytes, or is not base64 or
 * not zlib data, is a {@link MalformedMessageException}, whatever it was meant to be. Stateless and thread-safe.
 */
public final class DeflatedBodies {
    /** The wire version of a deflated envelope. */
    public static final int VERSION = 3;
    /** Bodies shorter than this stay plain: what deflating saves would not pay for the base64 and the header. */
    public static final int DEFLATE_FROM_BYTES = 1024;
    /** Bodies longer than this are not deflated (they travel through the blob store as they are). */
    public static final int DEFLATE_UP_TO_BYTES = 1 << 20;
    /** The most a deflated body may inflate to: four times what a writer deflates, then it is malformed. */
    public static final int MAX_INFLATED_BYTES = 4 * DEFLATE_UP_TO_BYTES;
    private static final String PREFIX = "{\"v\":" + VERSION + ",\"deflated\":\"";

    private DeflatedBodies() {
    }

    /** The body in a deflated envelope when it is in the size range and that is shorter; else the body itself. */
    public static String deflateIfWorth(String body) {
        if (body.length() < DEFLATE_FROM_BYTES / 3 || body.length() > DEFLATE_UP_TO_BYTES) {
            return body;
        }
        byte[] raw = body.getBytes(StandardCharsets.UTF_8);
        if (raw.length < DEFLATE_FROM_BYTES || raw.length > DEFLATE_UP_TO_BYTES) {
            return body;
        }
        Deflater d = new Deflater(Deflater.BEST_SPEED);
        try {
            d.setInput(raw);
            d.finish();
            // Base64 makes four characters of three bytes: deflated output over three quarters of the body saves
            // nothing, so the buffer never needs to be larger.
            byte[] out = new byte[raw.length * 3 / 4];
            int n = 0;
            while (!d.finished() && n < out.length) {
                n += d.deflate(out, n, out.length - n);
            }
            if (!d.finished()) {
                return body;
            }
            String envelope = PREFIX + Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(out, n)) + "\"}";
            return envelope.length() < raw.length ? envelope : body;
        } finally {
            d.end();
        }
    }

    /** True when {@code body} is a deflated envelope as {@link #deflateIfWorth} writes it. */
    public static boolean isDeflated(String body) {
        return body.startsWith(PREFIX);
    }

    /**
     * The body a deflated envelope holds.
     *
     * @throws MalformedMessageException when the envelope is not one, its payload is not base64 or zlib data, or
     *                                   it inflates past {@value #MAX_INFLATED_BYTES} bytes
     */
    public static String inflate(String envelope) {
        String payload = BodyReader.read(envelope, DeflatedBodies::readPayload);
        byte[] compressed;
        try {
            compressed = Base64.getDecoder().decode(payload);
        } catch (IllegalArgumentException e) {
            throw new MalformedMessageException("deflated body is not base64");
        }
        Inflater inf = new Inflater();
        try {
            inf.setInput(compressed);
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(MAX_INFLATED_BYTES, compressed.length * 8));
            byte[] buf = new byte[16 * 1024];
            while (!inf.finished()) {
                int n = inf.inflate(buf);
                if (n == 0 && (inf.needsInput() || inf.needsDictionary())) {
                    throw new MalformedMessageException("deflated body is cut short or needs a dictionary");
                }
                if (out.size() + n > MAX_INFLATED_BYTES) {
                    throw new MalformedMessageException("deflated body inflates past " + MAX_INFLATED_BYTES
                            + " bytes");
                }
                out.write(buf, 0, n);
            }
            if (inf.getRemaining() > 0) {
                throw new MalformedMessageException("deflated body has bytes after its end");
            }
            return out.toString(StandardCharsets.UTF_8);
        } catch (DataFormatException e) {
            throw new MalformedMessageException("deflated body is not zlib data");
        } finally {
            inf.end();
        }
    }

    private static String readPayload(BodyReader r) {
        r.openObject();
        String payload = null;
        boolean versioned = false;
        for (String field = r.firstField(); field != null; field = r.nextField()) {
            switch (field) {
                case "v" -> {
                    if (r.integer() != VERSION) {
                        throw r.error("not a deflated body");
                    }
                    versioned = true;
                }
                case "deflated" -> payload = r.string();
                default -> r.skipValue();
            }
        }
        r.end();
        if (!versioned || payload == null) {
            throw new MalformedMessageException("deflated body without 'v' or 'deflated'");
        }
        return payload;
    }
}
