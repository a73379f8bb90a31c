package dev.kon.wire;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kon.blob.InMemoryBlobStore;
import dev.kon.queue.QueueLimits;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LargeBodiesTest {
    private static final int LIMIT = 1024;
    private final InMemoryBlobStore blobs = new InMemoryBlobStore();
    private final LargeBodies bodies = new LargeBodies(blobs, new QueueLimits(10, LIMIT));

    @Test
    void spillIfLarge_ofABodyUpToTheLimit_returnsItUnchangedAndStoresNothing() {
        String atLimit = "x".repeat(LIMIT);

        assertThat(bodies.spillIfLarge("small", "r/r-b1")).isEqualTo("small");
        assertThat(bodies.spillIfLarge(atLimit, "r/r-b2")).isSameAs(atLimit);
        assertThat(blobs.keys()).isEmpty();
    }

    @Test
    void spillIfLarge_ofABodyOverTheLimit_storesItAndReturnsAPointer() {
        String big = "y".repeat(LIMIT + 1);

        String out = bodies.spillIfLarge(big, "r/r-b1");

        assertThat(WireCodec.pointerKey(out)).isEqualTo("bodies/r/r-b1.json");
        assertThat(new String(blobs.getBytes("bodies/r/r-b1.json"), StandardCharsets.UTF_8)).isEqualTo(big);
    }

    @Test
    void spillIfLarge_countsUtf8BytesNotCharacters() {
        String twoByteChars = "\u00e9".repeat(LIMIT / 2 + 1);

        String out = bodies.spillIfLarge(twoByteChars, "r/wide");

        assertThat(twoByteChars.length()).isLessThan(LIMIT);
        assertThat(WireCodec.pointerKey(out)).isEqualTo("bodies/r/wide.json");
    }

    @Test
    void resolve_ofASpilledBody_givesTheBodyBack() {
        String big = "{\"v\":1,\"text\":\"" + "\u65e5\ud83d\ude00".repeat(LIMIT) + "\"}";

        assertThat(bodies.resolve(bodies.spillIfLarge(big, "r/r-b9"))).isEqualTo(big);
    }

    @Test
    void resolve_ofAPlainBody_returnsItUnchanged() {
        assertThat(bodies.resolve("{\"v\":1,\"run\":\"r\"}")).isEqualTo("{\"v\":1,\"run\":\"r\"}");
    }

    @Test
    void release_ofAPointer_deletesItsBlob() {
        String pointer = bodies.spillIfLarge("z".repeat(2 * LIMIT), "r/r-b1");
        blobs.putBytes("bodies/r/other.json", new byte[] {1}, "application/json");

        bodies.release(pointer);

        assertThat(blobs.keys()).containsExactly("bodies/r/other.json");
    }

    @Test
    void release_ofAPlainBody_deletesNothing() {
        bodies.spillIfLarge("z".repeat(2 * LIMIT), "r/r-b1");

        bodies.release("plain body");

        assertThat(blobs.keys()).containsExactly("bodies/r/r-b1.json");
    }
}
