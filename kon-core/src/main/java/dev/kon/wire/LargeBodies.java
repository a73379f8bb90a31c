package dev.kon.wire;

import dev.kon.blob.BlobStore;
import dev.kon.queue.QueueLimits;

/**
 * Moves message bodies over the queue's size limit to the blob store and back: the message then carries a
 * pointer ({@link WireCodec#encodePointer}). Thread-safe.
 */
public final class LargeBodies {
    private final BlobStore blobs;
    private final QueueLimits limits;

    public LargeBodies(BlobStore blobs, QueueLimits limits) {
        this.blobs = blobs;
        this.limits = limits;
    }

    /** The body itself if it fits a message, else a pointer to a blob {@code bodies/<name>.json} holding it. */
    public String spillIfLarge(String body, String name) {
        if (QueueLimits.utf8Length(body) <= limits.maxBodyBytes()) {
            return body;
        }
        String key = "bodies/" + name + ".json";
        blobs.putBytes(key, body.getBytes(java.nio.charset.StandardCharsets.UTF_8), "application/json");
        return WireCodec.encodePointer(key);
    }

    /** The real body: the text itself, or the blob a pointer names. */
    public String resolve(String body) {
        String key = WireCodec.pointerKey(body);
        if (key == null) {
            return body;
        }
        return new String(blobs.getBytes(key), java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Deletes the blob behind a pointer once its message is done with; a plain body needs nothing. */
    public void release(String body) {
        String key = WireCodec.pointerKey(body);
        if (key != null) {
            blobs.delete(key);
        }
    }
}
