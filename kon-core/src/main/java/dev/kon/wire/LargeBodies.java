package dev.kon.wire;

import dev.kon.blob.BlobStore;
import dev.kon.queue.QueueLimits;

/**
 * Gets message bodies of any size through the queue and back: a body of a kilobyte or more travels deflated when
 * that makes it shorter ({@link DeflatedBodies}), and one still over the queue's size limit moves to the blob store,
 * the message then carrying a pointer ({@link WireCodec#encodePointer}). Thread-safe.
 */
public final class LargeBodies {
    private final BlobStore blobs;
    private final QueueLimits limits;

    public LargeBodies(BlobStore blobs, QueueLimits limits) {
        this.blobs = blobs;
        this.limits = limits;
    }

    /**
     * What to send for {@code body}: the body, or deflated ({@link DeflatedBodies#deflateIfWorth}), whichever is
     * shorter; if that is still over the queue's limit, a pointer to a blob {@code bodies/<name>.json} holding it.
     */
    public String spillIfLarge(String body, String name) {
        String out = DeflatedBodies.deflateIfWorth(body);
        if (QueueLimits.utf8Length(out) <= limits.maxBodyBytes()) {
            return out;
        }
        String key = "bodies/" + name + ".json";
        blobs.putBytes(key, out.getBytes(java.nio.charset.StandardCharsets.UTF_8), "application/json");
        return WireCodec.encodePointer(key);
    }

    /**
     * The real body: the text itself, or the blob a pointer names, inflated if it was sent deflated.
     *
     * @throws MalformedMessageException when a deflated body is broken or inflates past its limit
     */
    public String resolve(String body) {
        String key = WireCodec.pointerKey(body);
        String text = key == null ? body
                : new String(blobs.getBytes(key), java.nio.charset.StandardCharsets.UTF_8);
        return DeflatedBodies.isDeflated(text) ? DeflatedBodies.inflate(text) : text;
    }

    /** Deletes the blob behind a pointer once its message is done with; a plain body needs nothing. */
    public void release(String body) {
        String key = WireCodec.pointerKey(body);
        if (key != null) {
            blobs.delete(key);
        }
    }
}
