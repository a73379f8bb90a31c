package dev.kon.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kon.fixture.Incompressible;
import dev.kon.task.Task;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;

class DeflatedBodiesTest {
    private static String envelope(String payload) {
        return "{\"v\":3,\"deflated\":\"" + payload + "\"}";
    }

    private static String zlib(byte[] raw) {
        Deflater d = new Deflater(Deflater.BEST_COMPRESSION);
        d.setInput(raw);
        d.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[64 * 1024];
        while (!d.finished()) {
            out.write(buf, 0, d.deflate(buf));
        }
        d.end();
        return Base64.getEncoder().encodeToString(out.toByteArray());
    }

    private static TaskBundle bundleOf(int tasks) {
        List<Task> list = new ArrayList<>();
        for (int i = 1; i <= tasks; i++) {
            list.add(new Task(i, "sleep", "0"));
        }
        return new TaskBundle("r1", "r1-b1", "kon-resp-r1", list);
    }

    @Test
    void deflateIfWorth_ofABundleOfAThousandTasks_isAFewPercentOfItAndInflatesToTheSameBundle() {
        String body = WireCodec.encodeBundle(bundleOf(1000));

        String sent = DeflatedBodies.deflateIfWorth(body);

        assertThat(DeflatedBodies.isDeflated(sent)).isTrue();
        assertThat(sent.length()).isLessThan(body.length() / 10);
        assertThat(WireCodec.decodeBundle(DeflatedBodies.inflate(sent))).isEqualTo(bundleOf(1000));
    }

    @Test
    void deflateIfWorth_ofABodyUnderAKilobyte_leavesItPlain() {
        String body = WireCodec.encodeBundle(bundleOf(3));

        assertThat(DeflatedBodies.deflateIfWorth(body)).isSameAs(body);
    }

    @Test
    void deflateIfWorth_ofABodyDeflatingDoesNotShorten_leavesItPlain() {
        String body = Incompressible.text(4000, 7);

        assertThat(DeflatedBodies.deflateIfWorth(body)).isSameAs(body);
    }

    @Test
    void deflateIfWorth_ofABodyOverTheUpperBound_leavesItPlainForTheBlobStore() {
        String body = "x".repeat(DeflatedBodies.DEFLATE_UP_TO_BYTES + 1);

        assertThat(DeflatedBodies.deflateIfWorth(body)).isSameAs(body);
    }

    @Test
    void deflateIfWorth_countsUtf8Bytes_andKeepsEveryCharacter() {
        String body = "\u65e5\ud83d\ude00\u00e9".repeat(400);

        assertThat(DeflatedBodies.inflate(DeflatedBodies.deflateIfWorth(body))).isEqualTo(body);
    }

    @Test
    void inflate_ofABodyInflatingPastTheLimit_isMalformedWithoutBuildingIt() {
        String bomb = envelope(zlib(new byte[DeflatedBodies.MAX_INFLATED_BYTES + 1]));

        assertThat(bomb.length()).isLessThan(20_000);
        assertThatThrownBy(() -> DeflatedBodies.inflate(bomb)).isInstanceOf(MalformedMessageException.class)
                .hasMessage("deflated body inflates past " + DeflatedBodies.MAX_INFLATED_BYTES + " bytes");
    }

    @Test
    void inflate_ofABodyExactlyAtTheLimit_givesItBack() {
        String body = envelope(zlib(new byte[DeflatedBodies.MAX_INFLATED_BYTES]));

        assertThat(DeflatedBodies.inflate(body)).hasSize(DeflatedBodies.MAX_INFLATED_BYTES);
    }

    @Test
    void inflate_ofBrokenPayloads_isMalformedWithAShortReason() {
        String good = zlib("{\"v\":1}".repeat(300).getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> DeflatedBodies.inflate(envelope("not base64!")))
                .isInstanceOf(MalformedMessageException.class).hasMessage("deflated body is not base64");
        assertThatThrownBy(() -> DeflatedBodies.inflate(envelope(Base64.getEncoder().encodeToString(
                "plain text, not zlib".getBytes(StandardCharsets.UTF_8)))))
                .isInstanceOf(MalformedMessageException.class).hasMessage("deflated body is not zlib data");
        assertThatThrownBy(() -> DeflatedBodies.inflate(envelope(good.substring(0, good.length() / 2 & ~3))))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessage("deflated body is cut short or needs a dictionary");
        assertThatThrownBy(() -> DeflatedBodies.inflate("{\"v\":3}"))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessage("deflated body without 'v' or 'deflated'");
    }

    @Test
    void aReaderOfVersionOneBundles_refusesADeflatedBodyNamingItsVersion() {
        String sent = DeflatedBodies.deflateIfWorth(WireCodec.encodeBundle(bundleOf(1000)));

        assertThatThrownBy(() -> WireCodec.decodeBundle(sent)).isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("unknown message version 3 (this Kon reads 1)");
    }
}
