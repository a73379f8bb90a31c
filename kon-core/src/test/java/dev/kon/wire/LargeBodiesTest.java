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

    private static String noise(int chars, long seed) {
        return dev.kon.fixture.Incompressible.text(chars, seed);
    }

    @Test
    void spillIfLarge_ofABodyUpToTheLimit_returnsItUnchangedAndStoresNothing() {
        String atLimit = noise(LIMIT, 1);

        assertThat(bodies.spillIfLarge("small", "r/r-b1")).isEqualTo("small");
        assertThat(bodies.spillIfLarge(atLimit, "r/r-b2")).isSameAs(atLimit);
        assertThat(blobs.keys()).isEmpty();
    }

    @Test
    void spillIfLarge_ofABodyOverTheLimit_storesItAndReturnsAPointer() {
        String big = noise(LIMIT + 1, 2);

        String out = bodies.spillIfLarge(big, "r/r-b1");

        assertThat(WireCodec.pointerKey(out)).isEqualTo("bodies/r/r-b1.json");
        assertThat(new String(blobs.getBytes("bodies/r/r-b1.json"), StandardCharsets.UTF_8)).isEqualTo(big);
    }

    @Test
    void spillIfLarge_countsUtf8BytesNotCharacters() {
        // Random two-byte characters: deflated and in base64 they still take more than the limit.
        java.util.Random random = new java.util.Random(9);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 900; i++) {
            sb.append((char) (0x100 + random.nextInt(0x700)));
        }
        String twoByteChars = sb.toString();

        String out = bodies.spillIfLarge(twoByteChars, "r/wide");

        assertThat(twoByteChars.length()).isLessThan(LIMIT);
        assertThat(WireCodec.pointerKey(out)).isEqualTo("bodies/r/wide.json");
    }

    @Test
    void resolve_ofASpilledBody_givesTheBodyBack() {
        String big = "{\"v\":1,\"text\":\"" + noise(3 * LIMIT, 8) + "\u65e5\ud83d\ude00\"}";

        String out = bodies.spillIfLarge(big, "r/r-b9");

        assertThat(WireCodec.pointerKey(out)).isNotNull();
        assertThat(bodies.resolve(out)).isEqualTo(big);
    }

    @Test
    void resolve_ofAPlainBody_returnsItUnchanged() {
        assertThat(bodies.resolve("{\"v\":1,\"run\":\"r\"}")).isEqualTo("{\"v\":1,\"run\":\"r\"}");
    }

    @Test
    void release_ofAPointer_deletesItsBlob() {
        String pointer = bodies.spillIfLarge(noise(2 * LIMIT, 4), "r/r-b1");
        blobs.putBytes("bodies/r/other.json", new byte[] {1}, "application/json");

        bodies.release(pointer);

        assertThat(blobs.keys()).containsExactly("bodies/r/other.json");
    }

    @Test
    void release_ofAPlainBody_deletesNothing() {
        bodies.spillIfLarge(noise(2 * LIMIT, 5), "r/r-b1");

        bodies.release("plain body");

        assertThat(blobs.keys()).containsExactly("bodies/r/r-b1.json");
    }

    @Test
    void spillIfLarge_ofARepetitiveBodyOverTheLimit_sendsItDeflatedInsteadOfSpilling() {
        String repetitive = "{\"v\":1,\"tasks\":[" + "{\"id\":1,\"type\":\"sleep\",\"args\":\"0\"},".repeat(200) + "]}";

        String out = bodies.spillIfLarge(repetitive, "r/r-b1");

        assertThat(repetitive.length()).isGreaterThan(LIMIT);
        assertThat(out.length()).isLessThan(LIMIT / 4);
        assertThat(DeflatedBodies.isDeflated(out)).isTrue();
        assertThat(blobs.keys()).isEmpty();
        assertThat(bodies.resolve(out)).isEqualTo(repetitive);
    }

    @Test
    void spillIfLarge_ofABodyStillOverTheLimitDeflated_spillsTheDeflatedBodyAndResolveInflatesIt() {
        String big = noise(3 * LIMIT, 6) + "x".repeat(4 * LIMIT);

        String out = bodies.spillIfLarge(big, "r/r-b2");

        assertThat(WireCodec.pointerKey(out)).isEqualTo("bodies/r/r-b2.json");
        String stored = new String(blobs.getBytes("bodies/r/r-b2.json"), StandardCharsets.UTF_8);
        assertThat(DeflatedBodies.isDeflated(stored)).isTrue();
        assertThat(stored.length()).isLessThan(big.length());
        assertThat(bodies.resolve(out)).isEqualTo(big);
    }
}
