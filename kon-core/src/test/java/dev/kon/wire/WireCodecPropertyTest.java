package dev.kon.wire;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kon.fixture.Draw;
import dev.kon.fixture.Tries;
import dev.kon.task.Task;
import dev.kon.task.TaskResult;
import java.time.Duration;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Properties of the wire codec over generated bodies: any text, valid or hostile, decodes to a message or is a
 * {@link MalformedMessageException} with a short reason, never another exception or an Error; and what the codec
 * writes it reads back unchanged, whatever the texts hold. Tries are bounded so the class runs in seconds; a
 * failure names its seed ({@link Tries}).
 */
class WireCodecPropertyTest {
    /** An error message quotes at most 200 characters of the body, plus the words around them. */
    private static final int MAX_MESSAGE = 300;
    /** What is awkward to carry in a JSON string: quotes, backslashes, controls, non-ASCII, surrogates. */
    private static final String AWKWARD = "\"\\/\b\f\n\r\t\u0000\u001f\u007f\u2028\ud800\udc00\ud83d\ude00 ae";
    private static final String JSON_PIECES = "{}[]:,\"\\0123456789-.eEtruefalsn v";

    @Test
    void decodeBundle_ofAHostileBody_decodesOrRefuses() {
        Tries.forAll(300, WireCodecPropertyTest::hostileBody, body -> assertDecodesOrRefuses(body,
                WireCodec::decodeBundle));
    }

    @Test
    void decodeResults_ofAHostileBody_decodesOrRefuses() {
        Tries.forAll(300, WireCodecPropertyTest::hostileBody, body -> assertDecodesOrRefuses(body,
                WireCodec::decodeResults));
    }

    @Test
    void pointerKey_ofAHostileBody_answersAKeyNullOrRefuses() {
        Tries.forAll(200, WireCodecPropertyTest::hostileBody, body -> {
            assertDecodesOrRefuses(body, WireCodec::pointerKey);
            assertDecodesOrRefuses("{\"v\":1,\"blob\":" + body, WireCodec::pointerKey);
        });
    }

    @Test
    void decodeBundle_ofAMutatedBundle_decodesOrRefuses() {
        Tries.forAll(200, d -> mutation(d, WireCodec.encodeBundle(bundle(d))), body -> assertDecodesOrRefuses(body,
                WireCodec::decodeBundle));
    }

    @Test
    void decodeResults_ofMutatedResults_decodesOrRefuses() {
        Tries.forAll(200, d -> mutation(d, WireCodec.encodeResults(resultBatch(d))), body -> assertDecodesOrRefuses(
                body, WireCodec::decodeResults));
    }

    @Test
    void bundle_encodedThenDecoded_isTheSameBundle() {
        Tries.forAll(200, WireCodecPropertyTest::bundle, bundle -> assertThat(WireCodec.decodeBundle(
                WireCodec.encodeBundle(bundle))).isEqualTo(bundle));
    }

    @Test
    void results_encodedThenDecoded_areTheSameResults() {
        Tries.forAll(200, WireCodecPropertyTest::resultBatch, batch -> assertThat(WireCodec.decodeResults(
                WireCodec.encodeResults(batch))).isEqualTo(batch));
    }

    @Test
    void pointer_encodedThenRead_givesTheKeyBack() {
        Tries.forAll(100, WireCodecPropertyTest::text, key -> assertThat(WireCodec.pointerKey(
                WireCodec.encodePointer(key))).isEqualTo(key));
    }

    private static <T> void assertDecodesOrRefuses(String body, Function<String, T> decode) {
        try {
            decode.apply(body);
        } catch (MalformedMessageException e) {
            assertThat(e.getMessage()).hasSizeLessThanOrEqualTo(MAX_MESSAGE);
        } catch (Throwable t) {
            throw new AssertionError("decoding threw " + t.getClass().getName() + " instead of a message or "
                    + "MalformedMessageException", t);
        }
    }

    // ---- generators ----

    /** Any text, one of awkward characters, or printable ASCII; up to 40 characters. */
    private static String text(Draw d) {
        return switch (d.between(0, 2)) {
            case 0 -> d.anyString(40);
            case 1 -> d.string(AWKWARD, 40);
            default -> d.string(' ', '~', 40);
        };
    }

    private static TaskBundle bundle(Draw d) {
        // Whole milliseconds: the wire carries limitMs, so a finer limit does not come back as it was.
        Duration limit = d.coin() ? null
                : Duration.ofMillis(1 + d.nonNegativeLong() % TaskBundle.MAX_TIME_LIMIT.toMillis());
        return new TaskBundle(text(d), text(d), text(d), d.list(1, 5, x -> new Task(x.nonNegativeLong(),
                nonBlankText(x), text(x))), limit);
    }

    private static String nonBlankText(Draw d) {
        String s = text(d);
        return s.isBlank() ? s + "t" : s;
    }

    private static ResultBatch resultBatch(Draw d) {
        return new ResultBatch(text(d), d.list(0, 5, x -> new TaskResult(x.nonNegativeLong(),
                x.oneOf(TaskResult.SUCCESS, TaskResult.FAILURE), text(x), text(x), x.anyLong(), x.anyLong())));
    }

    /** A valid body cut short, with a character dropped, changed or added, or a piece repeated. */
    private static String mutation(Draw d, String body) {
        char c = d.coin() ? d.charOf("{}[]:,\"\\0-.eEtfnu \t\ud800") : (char) d.between(0, 0xffff);
        int i = (int) (d.fraction() * body.length());
        int j = Math.min(body.length(), i + (int) (d.fraction() * 20));
        return switch (d.between(0, 4)) {
            case 0 -> body.substring(0, i);
            case 1 -> body.substring(0, i) + body.substring(Math.min(body.length(), i + 1));
            case 2 -> body.substring(0, i) + c + body.substring(Math.min(body.length(), i + 1));
            case 3 -> body.substring(0, i) + c + body.substring(i);
            default -> body.substring(0, j) + body.substring(i, j) + body.substring(j);
        };
    }

    /** A hostile body in a slot of a valid one (see {@link HostileBodies}), or any text, or JSON's pieces shuffled. */
    private static String hostileBody(Draw d) {
        return switch (d.between(0, 7)) {
            case 0 -> d.anyString(200);
            case 1 -> d.string(JSON_PIECES, 200);
            default -> HostileBodies.any(d);
        };
    }
}
