package dev.kon.wire;

import static dev.kon.fixture.ResultBuilder.aResult;
import static dev.kon.fixture.TaskBuilder.aTask;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every broken body is a {@link MalformedMessageException} whose message says what is wrong. */
class WireCodecMalformedInputTest {
    private static final String TASKS = "\"tasks\":[{\"id\":1,\"type\":\"sleep\",\"args\":\"1\"}]";
    private static final String GOOD_BUNDLE = "{\"v\":1,\"run\":\"r\",\"bundle\":\"b\",\"reply\":\"q\"," + TASKS + "}";
    private static final String RESULT =
            "{\"id\":1,\"status\":0,\"output\":\"\",\"worker\":\"w\",\"startMs\":1,\"endMs\":2}";

    private static String bundleWithTask(String task) {
        return "{\"v\":1,\"run\":\"r\",\"bundle\":\"b\",\"reply\":\"q\",\"tasks\":[" + task + "]}";
    }

    private static String resultsWith(String result) {
        return "{\"v\":1,\"run\":\"r\",\"results\":[" + result + "]}";
    }

    @Test
    void decodeBundle_ofTheFixtureBody_reads() {
        assertThat(WireCodec.decodeBundle(GOOD_BUNDLE).tasks()).hasSize(1);
        assertThat(WireCodec.decodeResults(resultsWith(RESULT)).results()).hasSize(1);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "not json at all          | expected '{' but found 'n' at offset 0",
        "``                       | unexpected end of body at offset 0",
        "'   '                    | expected '{' but found ''' at offset 0",
        "[1,2]                    | expected '{'",
        "{}                       | expected '\"' but found '}'",
        "{\"v\":1                 | unexpected end of body",
        "{\"v\":1}                | missing or empty field 'run'",
        "{\"v\":1,}               | expected '\"' but found '}'",
        "{\"v\" 1}                | expected ':' but found '1'",
        "{\"v\":\"1\"}            | expected an integer",
        "{\"v\":1.0}              | found a fraction",
        "{\"v\":2}                | unknown message version 2 (this Kon reads 1)",
        "{\"v\":0}                | unknown message version 0",
        "{\"v\":-1}               | unknown message version -1",
        "{\"v\":1,\"run\":7}      | expected '\"' but found '7'",
        "{\"v\":1,\"run\":\"r     | unterminated string",
        "{\"v\":1,\"run\":\"a\\qb\"} | bad escape '\\q'",
        "{\"v\":1,\"run\":\"\\u12\"}  | bad \\u escape",
        "{\"v\":1,\"run\":\"\\u1\"}   | short \\u escape",
        "{\"v\":1,\"run\":\"\\        | unterminated escape",
        "{\"v\":1,\"x\":tru}      | expected true",
        "{\"v\":1,\"x\":nul}      | expected null",
        "{\"v\":1,\"x\":[1 2]}    | expected ',' or ']'",
        "{\"v\":1,\"x\":{\"a\" 1}} | expected ':'",
        "{\"v\":1,\"x\":@}        | unexpected '@'",
        "{\"v\":123456789012345678901} | integer out of range",
    })
    void decodeBundle_ofBrokenJson_throwsNamingTheProblem(String body, String message) {
        assertThatThrownBy(() -> WireCodec.decodeBundle(body))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining(message);
    }

    @Test
    void decodeBundle_withARawControlCharacterInAString_throws() {
        assertThatThrownBy(() -> WireCodec.decodeBundle(bundleWithTask("{\"id\":1,\"type\":\"t\",\"args\":\"a\tb\"}")))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("control character in string");
    }

    @Test
    void decodeBundle_ofEveryTruncation_throwsMalformedMessage() {
        String body = WireCodec.encodeBundle(new TaskBundle("r", "b", "q", List.of(
                aTask().withId(12).ofType("sleep").withArgs("\u00e9\t\"\\\u0001 \ud83d\ude00").build(),
                aTask().withId(3).ofType("x").withArgs("").build())));

        for (int len = 0; len < body.length(); len++) {
            String cut = body.substring(0, len);
            assertThat(catchThrowable(() -> WireCodec.decodeBundle(cut)))
                    .as("body cut to %d chars: %s", len, cut)
                    .isInstanceOf(MalformedMessageException.class);
        }
    }

    @Test
    void decodeResults_ofEveryTruncation_throwsMalformedMessage() {
        String body = WireCodec.encodeResults(new ResultBatch("r", List.of(
                aResult().forTask(12).withOutput("\u00e9\n\"\\\u0001").build(),
                aResult().forTask(13).failed().between(-4, 5).build())));

        for (int len = 0; len < body.length(); len++) {
            String cut = body.substring(0, len);
            assertThat(catchThrowable(() -> WireCodec.decodeResults(cut)))
                    .as("body cut to %d chars: %s", len, cut)
                    .isInstanceOf(MalformedMessageException.class);
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"x", "}", "{}", "[]", ",", "1", "\"s\""})
    void decodeBundle_withTrailingGarbage_throws(String garbage) {
        assertThatThrownBy(() -> WireCodec.decodeBundle(GOOD_BUNDLE + garbage))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("trailing characters after the body");
    }

    @Test
    void decodeResults_withTrailingGarbage_throws() {
        assertThatThrownBy(() -> WireCodec.decodeResults(resultsWith(RESULT) + " {"))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("trailing characters");
    }

    @Test
    void decodeBundle_withTrailingWhitespace_reads() {
        assertThat(WireCodec.decodeBundle(GOOD_BUNDLE + " \n\t\r").bundleId()).isEqualTo("b");
    }

    @ParameterizedTest(name = "without {0}")
    @CsvSource({"v", "run", "bundle", "reply", "tasks"})
    void decodeBundle_withoutARequiredField_throwsNamingIt(String field) {
        String body = "{" + String.join(",", List.of("\"v\":1", "\"run\":\"r\"", "\"bundle\":\"b\"",
                "\"reply\":\"q\"", TASKS)
                .stream().filter(f -> !f.startsWith("\"" + field + "\"")).toList()) + "}";

        assertThatThrownBy(() -> WireCodec.decodeBundle(body))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessage("missing or empty field '" + field + "'");
    }

    @ParameterizedTest(name = "without {0}")
    @CsvSource({"v", "run", "results"})
    void decodeResults_withoutARequiredField_throwsNamingIt(String field) {
        String body = "{" + String.join(",", List.of("\"v\":1", "\"run\":\"r\"", "\"results\":[" + RESULT + "]")
                .stream().filter(f -> !f.startsWith("\"" + field + "\"")).toList()) + "}";

        assertThatThrownBy(() -> WireCodec.decodeResults(body))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessage("missing or empty field '" + field + "'");
    }

    @Test
    void decodeBundle_withAnEmptyTaskList_throws() {
        assertThatThrownBy(() -> WireCodec.decodeBundle(bundleWithTask("")))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessage("missing or empty field 'tasks'");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "{\"type\":\"sleep\",\"args\":\"1\"}",
        "{\"id\":1,\"args\":\"1\"}",
        "{\"id\":1,\"type\":\"\"}",
        "{\"id\":1,\"type\":\"  \"}",
        "{\"id\":-1,\"type\":\"sleep\"}",
    })
    void decodeBundle_withATaskWithoutIdOrType_throws(String task) {
        assertThatThrownBy(() -> WireCodec.decodeBundle(bundleWithTask(task)))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("task without id or type");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {"1.5", "1e3", "2E1", "1.0"})
    void decodeBundle_withAFractionalId_throws(String id) {
        assertThatThrownBy(() -> WireCodec.decodeBundle(bundleWithTask("{\"id\":" + id + ",\"type\":\"t\"}")))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("expected an integer, found a fraction");
    }

    @Test
    void decodeBundle_withAStringId_throws() {
        assertThatThrownBy(() -> WireCodec.decodeBundle(bundleWithTask("{\"id\":\"1\",\"type\":\"t\"}")))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("expected an integer");
    }

    @ParameterizedTest(name = "status {0}")
    @CsvSource({"2", "-1", "10", "7"})
    void decodeResults_withAStatusOtherThanZeroOrOne_throws(String status) {
        String result = "{\"id\":1,\"status\":" + status
                + ",\"output\":\"\",\"worker\":\"w\",\"startMs\":1,\"endMs\":2}";

        assertThatThrownBy(() -> WireCodec.decodeResults(resultsWith(result)))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("status other than 0 or 1");
    }

    @Test
    void decodeResults_withAStatusThatWrapsToZeroAsAnInt_throws() {
        String result = "{\"id\":1,\"status\":4294967296,\"output\":\"\",\"worker\":\"w\",\"startMs\":1,\"endMs\":2}";

        assertThatThrownBy(() -> WireCodec.decodeResults(resultsWith(result)))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("status other than 0 or 1");
    }

    @Test
    void decodeResults_withAResultWithoutIdOrStatus_throws() {
        assertThatThrownBy(() -> WireCodec.decodeResults(resultsWith("{\"status\":0}")))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("result without id");
        assertThatThrownBy(() -> WireCodec.decodeResults(resultsWith("{\"id\":1}")))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("status other than 0 or 1");
    }

    @Test
    void decodeResults_withAFractionalId_throws() {
        assertThatThrownBy(() -> WireCodec.decodeResults(resultsWith("{\"id\":1.5,\"status\":0}")))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("found a fraction");
    }

    @Test
    void decodeBundle_ofABlobPointer_throwsAskingToResolveItFirst() {
        String pointer = WireCodec.encodePointer("bodies/r/r-b1.json");

        assertThatThrownBy(() -> WireCodec.decodeBundle(pointer))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("blob pointer; resolve it first");
        assertThatThrownBy(() -> WireCodec.decodeResults(pointer))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("blob pointer");
    }

    @Test
    void decodeBundle_ofAResultBody_throws() {
        String v1 = WireCodec.encodeResultsV1(new ResultBatch("r", List.of(aResult().build())));
        String v2 = WireCodec.encodeResults(new ResultBatch("r", List.of(aResult().build())));

        assertThatThrownBy(() -> WireCodec.decodeBundle(v1))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("missing or empty field 'bundle'");
        assertThatThrownBy(() -> WireCodec.decodeBundle(v2))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("unknown message version 2 (this Kon reads 1)");
    }

    @Test
    void pointerKey_ofATruncatedPointer_throwsMalformedMessage() {
        assertThatThrownBy(() -> WireCodec.pointerKey("{\"v\":1,\"blob\":\"bodies/x.json"))
                .isInstanceOf(MalformedMessageException.class);
    }

    @Test
    void pointerKey_ofAPointerCutAfterItsPrefix_throwsMalformedMessage() {
        assertThatThrownBy(() -> WireCodec.pointerKey("{\"v\":1,\"blob\":"))
                .isInstanceOf(MalformedMessageException.class);
    }

    @Test
    void decodeBundle_withASignInsideAUnicodeEscape_throws() {
        String body = "{\"v\":1,\"run\":\"\\u+041\",\"bundle\":\"b\",\"reply\":\"q\"," + TASKS + "}";

        assertThatThrownBy(() -> WireCodec.decodeBundle(body))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("bad \\u escape");
    }
}
