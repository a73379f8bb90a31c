package dev.kon.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Bodies that are valid JSON, or nearly, but hostile: deep nesting, duplicate keys, huge numbers and long texts.
 * Each is a {@link MalformedMessageException} with a short message, never another exception or an Error.
 */
class WireCodecLimitsTest {
    private static final int DEEP = 100_000;
    private static final String TASKS = "\"tasks\":[{\"id\":1,\"type\":\"sleep\",\"args\":\"1\"}]";
    private static final String ENVELOPE = "\"v\":1,\"run\":\"r\",\"bundle\":\"b\",\"reply\":\"q\"," + TASKS;

    private static String nested(String open, String close, int depth) {
        return open.repeat(depth) + close.repeat(depth);
    }

    @Test
    void decodeBundle_ofAnArrayNested100000Deep_throwsMalformedMessage() {
        String body = "{\"v\":1,\"x\":" + nested("[", "]", DEEP) + "}";

        assertThat(catchThrowable(() -> WireCodec.decodeBundle(body)))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("nest");
    }

    @Test
    void decodeResults_ofAnArrayNested100000Deep_throwsMalformedMessage() {
        String body = "{\"v\":1,\"x\":" + nested("[", "]", DEEP) + "}";

        assertThat(catchThrowable(() -> WireCodec.decodeResults(body)))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("nest");
    }

    @Test
    void decodeResults_ofObjectsNested100000DeepInsideAResult_throwsMalformedMessage() {
        String body = "{\"v\":1,\"run\":\"r\",\"results\":[{\"id\":1,\"status\":0,\"x\":"
                + nested("{\"a\":", "}", DEEP).replace(":}", ":1}") + "}]}";

        assertThat(catchThrowable(() -> WireCodec.decodeResults(body)))
                .isInstanceOf(MalformedMessageException.class);
    }

    @Test
    void pointerKey_ofAPointerWithA100000DeepField_throwsMalformedMessage() {
        String body = "{\"v\":1,\"blob\":\"k\",\"x\":" + nested("[", "]", DEEP) + "}";

        assertThat(catchThrowable(() -> WireCodec.pointerKey(body))).isInstanceOf(MalformedMessageException.class);
    }

    @Test
    void decodeBundle_withUnknownFieldsNestedAFewLevels_stillReads() {
        String body = "{" + ENVELOPE + ",\"x\":" + nested("[", "]", 20) + "}";

        assertThat(WireCodec.decodeBundle(body).bundleId()).isEqualTo("b");
    }

    @ParameterizedTest
    @ValueSource(strings = {"v", "run", "bundle", "reply", "tasks"})
    void decodeBundle_withADuplicateKey_throwsNamingIt(String field) {
        String again = switch (field) {
            case "v" -> "\"v\":1";
            case "tasks" -> TASKS;
            default -> "\"" + field + "\":\"other\"";
        };
        String body = "{" + ENVELOPE + "," + again + "}";

        assertThatThrownBy(() -> WireCodec.decodeBundle(body))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("duplicate field '" + field + "'");
    }

    @Test
    void decodeBundle_withADuplicateKeyInsideATask_throws() {
        String body = "{\"v\":1,\"run\":\"r\",\"bundle\":\"b\",\"reply\":\"q\",\"tasks\":[{\"id\":1,\"type\":\"sleep\","
                + "\"args\":\"1\",\"args\":\"rm -rf\"}]}";

        assertThatThrownBy(() -> WireCodec.decodeBundle(body))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("duplicate field 'args'");
    }

    @Test
    void decodeBundle_withANumberOfAMillionDigitsInAnUnknownField_throwsWithAShortMessage() {
        String body = "{" + ENVELOPE + ",\"x\":" + "9".repeat(1_000_000) + "}";

        Throwable t = catchThrowable(() -> WireCodec.decodeBundle(body));

        assertThat(t).isInstanceOf(MalformedMessageException.class);
        assertThat(t.getMessage()).hasSizeLessThan(300);
    }

    @Test
    void decodeBundle_withALongUnknownWord_throwsWithoutEchoingIt() {
        String body = "{" + ENVELOPE + ",\"x\":" + "t".repeat(100_000) + "}";

        Throwable t = catchThrowable(() -> WireCodec.decodeBundle(body));

        assertThat(t).isInstanceOf(MalformedMessageException.class);
        assertThat(t.getMessage()).hasSizeLessThan(300);
    }

    @Test
    void decodeBundle_withALongDuplicateFieldName_throwsWithAShortMessage() {
        String name = "k".repeat(5_000);
        String body = "{" + ENVELOPE + ",\"" + name + "\":1,\"" + name + "\":2}";

        Throwable t = catchThrowable(() -> WireCodec.decodeBundle(body));

        assertThat(t).isInstanceOf(MalformedMessageException.class);
        assertThat(t.getMessage()).hasSizeLessThan(300);
    }

    @Test
    void decodeBundle_withArgsOfAMillionCharacters_reads() {
        String args = "a\u00e9\"".repeat(400_000);
        String body = "{\"v\":1,\"run\":\"r\",\"bundle\":\"b\",\"reply\":\"q\",\"tasks\":[{\"id\":1,\"type\":\"t\","
                + "\"args\":\"" + args.replace("\"", "\\\"") + "\"}]}";

        assertThat(WireCodec.decodeBundle(body).tasks().get(0).args()).isEqualTo(args);
    }

    @Test
    void decodeBundle_withAStringOverTheLimit_throwsNamingTheLimit() {
        String body = "{\"v\":1,\"run\":\"r\",\"bundle\":\"b\",\"reply\":\"q\",\"tasks\":[{\"id\":1,\"type\":\"t\","
                + "\"args\":\"" + "a".repeat(StrictJson.MAX_STRING_CHARS + 1) + "\"}]}";

        Throwable t = catchThrowable(() -> WireCodec.decodeBundle(body));

        assertThat(t).isInstanceOf(MalformedMessageException.class).hasMessageContaining("string");
        assertThat(t.getMessage()).hasSizeLessThan(300);
    }

    @Test
    void decodeBundle_ofALargeBodyWithTrailingGarbage_throws() {
        String large = "{" + ENVELOPE + ",\"x\":\"" + "a".repeat(200_000) + "\"}";

        assertThat(WireCodec.decodeBundle(large + " \n").bundleId()).isEqualTo("b");
        assertThatThrownBy(() -> WireCodec.decodeBundle(large + " x"))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessage("trailing characters after the body at offset " + (large.length() + 1));
    }
}
