package dev.kon.wire;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kon.task.Task;
import dev.kon.task.TaskResult;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Properties of the wire codec over generated bodies: any text, valid or hostile, decodes to a message or is a
 * {@link MalformedMessageException} with a short reason, never another exception or an Error; and what the codec
 * writes it reads back unchanged, whatever the texts hold. Tries are bounded so the class runs in seconds.
 */
class WireCodecPropertyTest {
    /** An error message quotes at most 200 characters of the body, plus the words around them. */
    private static final int MAX_MESSAGE = 300;

    @Property(tries = 300)
    void decodeBundle_ofAHostileBody_decodesOrRefuses(@ForAll("hostileBodies") String body) {
        assertDecodesOrRefuses(body, WireCodec::decodeBundle);
    }

    @Property(tries = 300)
    void decodeResults_ofAHostileBody_decodesOrRefuses(@ForAll("hostileBodies") String body) {
        assertDecodesOrRefuses(body, WireCodec::decodeResults);
    }

    @Property(tries = 200)
    void pointerKey_ofAHostileBody_answersAKeyNullOrRefuses(@ForAll("hostileBodies") String body) {
        assertDecodesOrRefuses(body, WireCodec::pointerKey);
        assertDecodesOrRefuses("{\"v\":1,\"blob\":" + body, WireCodec::pointerKey);
    }

    @Property(tries = 200)
    void decodeBundle_ofAMutatedBundle_decodesOrRefuses(@ForAll("mutatedBundles") String body) {
        assertDecodesOrRefuses(body, WireCodec::decodeBundle);
    }

    @Property(tries = 200)
    void decodeResults_ofMutatedResults_decodesOrRefuses(@ForAll("mutatedResults") String body) {
        assertDecodesOrRefuses(body, WireCodec::decodeResults);
    }

    @Property(tries = 200)
    void bundle_encodedThenDecoded_isTheSameBundle(@ForAll("bundles") TaskBundle bundle) {
        assertThat(WireCodec.decodeBundle(WireCodec.encodeBundle(bundle))).isEqualTo(bundle);
    }

    @Property(tries = 200)
    void results_encodedThenDecoded_areTheSameResults(@ForAll("resultBatches") ResultBatch batch) {
        assertThat(WireCodec.decodeResults(WireCodec.encodeResults(batch))).isEqualTo(batch);
    }

    @Property(tries = 100)
    void pointer_encodedThenRead_givesTheKeyBack(@ForAll("texts") String key) {
        assertThat(WireCodec.pointerKey(WireCodec.encodePointer(key))).isEqualTo(key);
    }

    private static <T> void assertDecodesOrRefuses(String body, Function<String, T> decode) {
        try {
            decode.apply(body);
        } catch (MalformedMessageException e) {
            assertThat(e.getMessage()).hasSizeLessThanOrEqualTo(MAX_MESSAGE);
        } catch (Throwable t) {
            throw new AssertionError("decoding threw " + t + " for a body of " + body.length() + " characters: "
                    + body.substring(0, Math.min(body.length(), 200)), t);
        }
    }

    // ---- generators ----

    /** Texts with what is awkward to carry: quotes, backslashes, controls, non-ASCII, lone surrogates. */
    @Provide
    Arbitrary<String> texts() {
        return Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(40),
                Arbitraries.strings().withChars("\"\\/\b\f\n\r\t\u0000\u001f\u007f\u2028\ud800\udc00\ud83d\ude00 ae")
                        .ofMaxLength(40),
                Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(40));
    }

    @Provide
    Arbitrary<TaskBundle> bundles() {
        Arbitrary<Task> task = Combinators.combine(Arbitraries.longs().greaterOrEqual(0),
                texts().filter(s -> !s.isBlank()), texts()).as(Task::new);
        return Combinators.combine(texts(), texts(), texts(), task.list().ofMinSize(1).ofMaxSize(5))
                .as(TaskBundle::new);
    }

    @Provide
    Arbitrary<ResultBatch> resultBatches() {
        Arbitrary<TaskResult> result = Combinators.combine(Arbitraries.longs().greaterOrEqual(0),
                Arbitraries.of(TaskResult.SUCCESS, TaskResult.FAILURE), texts(), texts(), Arbitraries.longs(),
                Arbitraries.longs()).as(TaskResult::new);
        return Combinators.combine(texts(), result.list().ofMaxSize(5)).as(ResultBatch::new);
    }

    @Provide
    Arbitrary<String> mutatedBundles() {
        return mutationsOf(bundles().map(WireCodec::encodeBundle));
    }

    @Provide
    Arbitrary<String> mutatedResults() {
        return mutationsOf(resultBatches().map(WireCodec::encodeResults));
    }

    /** A valid body cut short, with a character dropped, changed or added, or a piece repeated. */
    private static Arbitrary<String> mutationsOf(Arbitrary<String> valid) {
        Arbitrary<Character> ch = Arbitraries.oneOf(Arbitraries.chars().with("{}[]:,\"\\0-.eEtfnu \t\ud800"),
                Arbitraries.chars());
        return Combinators.combine(valid, Arbitraries.integers().between(0, 4), Arbitraries.doubles().between(0, 1),
                Arbitraries.doubles().between(0, 1), ch).as((body, op, a, b, c) -> {
                    int i = (int) (a * body.length());
                    int j = Math.min(body.length(), i + (int) (b * 20));
                    return switch (op) {
                        case 0 -> body.substring(0, i);
                        case 1 -> body.substring(0, i) + body.substring(Math.min(body.length(), i + 1));
                        case 2 -> body.substring(0, i) + c + body.substring(Math.min(body.length(), i + 1));
                        case 3 -> body.substring(0, i) + c + body.substring(i);
                        default -> body.substring(0, j) + body.substring(i, j) + body.substring(j);
                    };
                });
    }

    @Provide
    Arbitrary<String> hostileBodies() {
        return Arbitraries.oneOf(HostileBodies.deepNesting(), HostileBodies.hugeNumbers(),
                HostileBodies.longStrings(), HostileBodies.badEscapes(), HostileBodies.duplicateKeys(),
                HostileBodies.wrongTypes(), Arbitraries.strings().all().ofMaxLength(200),
                Arbitraries.strings().withChars("{}[]:,\"\\0123456789-.eEtruefalsn v").ofMaxLength(200));
    }

}
