package dev.kon.wire;

import static dev.kon.fixture.ResultBuilder.aResult;
import static dev.kon.fixture.TaskBuilder.aTask;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kon.task.Task;
import dev.kon.task.TaskResult;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WireCodecRoundTripTest {
    /** Texts that need escaping or are not ASCII: what a task's args or a result's output may hold. */
    private static final String[] AWKWARD = {
        "",
        "plain ascii 123",
        "h\u00e9llo w\u00f6rld \u65e5\u672c\u8a9e \ud83d\ude00 \u20ac",
        "say \"hi\" and 'bye'",
        "C:\\path\\to\\file \\\\server\\share \\u0041 \\n",
        "line one\nline two\r\nthree\tcol\ttabbed",
        "\u0000\u0001\u0008\u000b\u000c\u001b\u001f\u007f",
        "{\"looks\":[\"like\",\"json\"]}",
        "/slashes/ and </script>",
    };

    private static TaskBundle bundleOf(List<Task> tasks) {
        return new TaskBundle("run-1", "run-1-b7", "kon-resp-run-1", tasks);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 4, 5, 6, 7, 8})
    void bundle_withAwkwardArgs_roundTripsUnchanged(int which) {
        TaskBundle b = bundleOf(List.of(aTask().withId(1).ofType("echo").withArgs(AWKWARD[which]).build()));

        assertThat(WireCodec.decodeBundle(WireCodec.encodeBundle(b))).isEqualTo(b);
    }

    @Test
    void bundle_withAwkwardRunBundleAndReplyNames_roundTripsUnchanged() {
        TaskBundle b = new TaskBundle("r\"un\\1\n", "b\u00e9\t\u0001", "q \ud83d\ude00", List.of(aTask().build()));

        assertThat(WireCodec.decodeBundle(WireCodec.encodeBundle(b))).isEqualTo(b);
    }

    @Test
    void bundle_withARunTimeLimit_roundTripsIt_andWithoutOneWritesNoField() {
        TaskBundle limited = new TaskBundle("r", "r-b1", "q", List.of(aTask().build()), Duration.ofMillis(1500));
        TaskBundle plain = new TaskBundle("r", "r-b1", "q", List.of(aTask().build()));

        assertThat(WireCodec.decodeBundle(WireCodec.encodeBundle(limited))).isEqualTo(limited);
        assertThat(WireCodec.encodeBundle(limited)).contains("\"limitMs\":1500");
        assertThat(WireCodec.encodeBundle(plain)).doesNotContain("limitMs");
        assertThat(WireCodec.decodeBundle(WireCodec.encodeBundle(plain)).timeLimit()).isNull();
    }

    @Test
    void bundle_timeLimit_isRoundedUpToWholeMillis_andRefusedBelowOne() {
        Task t = aTask().build();

        assertThat(new TaskBundle("r", "b", "q", List.of(t), Duration.ofNanos(1_500_000_001L)).timeLimit())
                .isEqualTo(Duration.ofMillis(1501));
        assertThatThrownBy(() -> new TaskBundle("r", "b", "q", List.of(t), Duration.ofNanos(500_000)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1ms..365d");
    }

    @Test
    void bundle_withATimeLimitBelowOneMillisecond_isMalformed() {
        String body = "{\"v\":1,\"run\":\"r\",\"bundle\":\"b\",\"reply\":\"q\",\"limitMs\":0,"
                + "\"tasks\":[{\"id\":1,\"type\":\"sleep\",\"args\":\"1\"}]}";

        assertThatThrownBy(() -> WireCodec.decodeBundle(body)).isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("limitMs");
    }

    @Test
    void bundle_ofManyTasksWithEmptyArgsAndLargeIds_roundTripsInOrder() {
        List<Task> tasks = List.of(aTask().withId(0).ofType("a").withArgs("").build(),
                aTask().withId(2_147_483_648L).ofType("b-c_d").withArgs("").build(),
                aTask().withId(999_999_999_999_999_999L).ofType("sleep").withArgs("10").build(),
                aTask().withId(5).ofType("x").withArgs(String.join(" ", AWKWARD)).build());
        TaskBundle b = bundleOf(tasks);

        TaskBundle back = WireCodec.decodeBundle(WireCodec.encodeBundle(b));

        assertThat(back.tasks()).containsExactlyElementsOf(tasks);
    }

    @Test
    void bundle_withTheLargestLongId_roundTrips() {
        TaskBundle b = bundleOf(List.of(aTask().withId(Long.MAX_VALUE).build()));

        assertThat(WireCodec.decodeBundle(WireCodec.encodeBundle(b))).isEqualTo(b);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 4, 5, 6, 7, 8})
    void results_withAwkwardOutput_roundTripUnchanged(int which) {
        ResultBatch b = new ResultBatch("run-1", List.of(aResult().forTask(3).withOutput(AWKWARD[which]).build(),
                aResult().forTask(4).failed().withOutput(AWKWARD[which]).byWorker("h\u00f6st/42/t\"1").build()));

        assertThat(WireCodec.decodeResults(WireCodec.encodeResults(b))).isEqualTo(b);
    }

    @Test
    void results_withLargeIdsAndNegativeTimes_roundTrip() {
        ResultBatch b = new ResultBatch("r", List.of(
                aResult().forTask(999_999_999_999_999_999L).between(-5, 0).build(),
                aResult().forTask(0).between(999_999_999_999_999_999L, -999_999_999_999_999_999L).build()));

        assertThat(WireCodec.decodeResults(WireCodec.encodeResults(b))).isEqualTo(b);
    }

    @Test
    void results_withNoResults_roundTripAsAnEmptyBatch() {
        ResultBatch b = new ResultBatch("r", List.of());

        assertThat(WireCodec.decodeResults(WireCodec.encodeResults(b)).results()).isEmpty();
    }

    @Test
    void encodeBundle_writesTheDocumentedShape() {
        TaskBundle b = new TaskBundle("R", "R-b1", "kon-resp-R", List.of(new Task(1, "sleep", "10")));

        assertThat(WireCodec.encodeBundle(b)).isEqualTo(
                "{\"v\":1,\"run\":\"R\",\"bundle\":\"R-b1\",\"reply\":\"kon-resp-R\","
                        + "\"tasks\":[{\"id\":1,\"type\":\"sleep\",\"args\":\"10\"}]}");
    }

    @Test
    void encodeResults_writesTheDocumentedShape() {
        ResultBatch b = new ResultBatch("R", List.of(new TaskResult(1, 0, "", "h/1/t0", 1, 2)));

        assertThat(WireCodec.encodeResultsV1(b)).isEqualTo("{\"v\":1,\"run\":\"R\",\"results\":[{\"id\":1,"
                + "\"status\":0,\"output\":\"\",\"worker\":\"h/1/t0\",\"startMs\":1,\"endMs\":2}]}");
    }

    @Test
    void encodeResults_writesTheCompactShape_withDifferencesAndEachWorkerOnce() {
        ResultBatch b = new ResultBatch("R", List.of(new TaskResult(7, 0, "", "h/1/t0", 1000, 1003),
                new TaskResult(8, 1, "boom", "h/1/t1", 1001, 1001), new TaskResult(9, 0, "", "h/1/t0", 1004, 1010)));

        assertThat(WireCodec.encodeResults(b)).isEqualTo("{\"v\":2,\"run\":\"R\",\"workers\":[\"h/1/t0\",\"h/1/t1\"],"
                + "\"results\":[[7,0,0,1000,3],[1,1,1,1,0,\"boom\"],[1,0,0,3,6]]}");
        assertThat(WireCodec.decodeResults(WireCodec.encodeResults(b))).isEqualTo(b);
    }

    @Test
    void decodeResults_readsVersionOneBodiesStill() {
        ResultBatch b = new ResultBatch("R", List.of(new TaskResult(1, 0, "x", "h/1/t0", 1, 2),
                new TaskResult(3, 1, "", "h/2/t0", 5, 4)));

        assertThat(WireCodec.decodeResults(WireCodec.encodeResultsV1(b))).isEqualTo(b);
    }

    @Test
    void decodeResults_ofALayoutItsVersionDoesNotHave_orAWorkerIndexOutOfRange_isMalformed() {
        assertThatThrownBy(() -> WireCodec.decodeResults("{\"v\":1,\"run\":\"R\",\"workers\":[\"w\"],"
                + "\"results\":[[1,0,0,1,1]]}")).isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("version 1");
        assertThatThrownBy(() -> WireCodec.decodeResults("{\"v\":2,\"run\":\"R\",\"workers\":[\"w\"],"
                + "\"results\":[[1,0,1,1,1]]}")).isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("worker 1 of 1");
        assertThatThrownBy(() -> WireCodec.decodeResults("{\"v\":3,\"run\":\"R\",\"results\":[]}"))
                .isInstanceOf(MalformedMessageException.class).hasMessageContaining("unknown message version 3");
    }

    @Test
    void decodeBundle_withUnknownFieldsOfEveryKind_skipsThem() {
        String body = "{\"v\":1,\"extra\":{\"a\":[1,-2.5e3,{\"b\":null}],\"c\":true,\"d\":false,\"e\":{}},"
                + "\"run\":\"R\",\"list\":[[],[\"x\\\"y\"],{}],\"bundle\":\"R-b1\",\"n\":-12,\"t\":true,"
                + "\"f\":false,\"z\":null,\"reply\":\"q\",\"tasks\":[{\"id\":1,\"new\":{\"deep\":[[[null]]]},"
                + "\"type\":\"sleep\",\"flag\":true,\"args\":\"5\",\"num\":3.25}],\"later\":\"\\u00e9\"}";

        TaskBundle b = WireCodec.decodeBundle(body);

        assertThat(b).isEqualTo(new TaskBundle("R", "R-b1", "q", List.of(new Task(1, "sleep", "5"))));
    }

    @Test
    void decodeResults_withUnknownFieldsOfEveryKind_skipsThem() {
        String body = "{\"results\":[{\"status\":1,\"host\":{\"cpu\":[1,2]},\"id\":7,\"retried\":false,"
                + "\"output\":\"x\",\"cost\":0.5,\"worker\":\"w\",\"startMs\":3,\"endMs\":4,\"n\":null}],"
                + "\"meta\":[true,false,null,\"s\",{\"k\":[]}],\"run\":\"R\",\"v\":1}";

        ResultBatch b = WireCodec.decodeResults(body);

        assertThat(b).isEqualTo(new ResultBatch("R", List.of(new TaskResult(7, 1, "x", "w", 3, 4))));
    }

    @Test
    void decodeBundle_withWhitespaceBetweenTokensAndFieldsInAnyOrder_reads() {
        String body = "\n {\r\n\t\"tasks\" : [ { \"args\" : \"a\" , \"type\" : \"t\" , \"id\" : 2 } ] ,\n"
                + "  \"reply\" : \"q\" , \"bundle\" : \"b\" , \"run\" : \"r\" , \"v\" : 1 \n}\n ";

        assertThat(WireCodec.decodeBundle(body))
                .isEqualTo(new TaskBundle("r", "b", "q", List.of(new Task(2, "t", "a"))));
    }

    @Test
    void decodeBundle_withEscapesWrittenByOtherEncoders_readsThem() {
        String body = "{\"v\":1,\"run\":\"r\",\"bundle\":\"b\",\"reply\":\"q\",\"tasks\":[{\"id\":1,\"type\":\"t\","
                + "\"args\":\"\\/\\b\\f\\u00E9\\ud83d\\ude00\\\"\"}]}";

        assertThat(WireCodec.decodeBundle(body).tasks().get(0).args()).isEqualTo("/\b\f\u00e9\ud83d\ude00\"");
    }

    @Test
    void decodeBundle_withoutArgs_readsEmptyArgs() {
        String body = "{\"v\":1,\"run\":\"r\",\"bundle\":\"b\",\"reply\":\"q\",\"tasks\":[{\"id\":1,\"type\":\"t\"}]}";

        assertThat(WireCodec.decodeBundle(body).tasks().get(0).args()).isEmpty();
    }

    @Test
    void pointer_encodedThenRead_givesTheKeyBack() {
        String key = "bodies/run-1/run-1-b1.json";

        assertThat(WireCodec.pointerKey(WireCodec.encodePointer(key))).isEqualTo(key);
    }

    @Test
    void pointer_withAKeyThatNeedsEscaping_givesTheKeyBack() {
        String key = "bodies/r\u00e9sum\u00e9 \"q\"\\x.json";

        assertThat(WireCodec.pointerKey(WireCodec.encodePointer(key))).isEqualTo(key);
    }

    @Test
    void pointerKey_ofAnOrdinaryBody_isNull() {
        TaskBundle b = bundleOf(List.of(aTask().withArgs("{\"v\":1,\"blob\":\"x\"}").build()));
        ResultBatch r = new ResultBatch("r", List.of(aResult().build()));

        assertThat(WireCodec.pointerKey(WireCodec.encodeBundle(b))).isNull();
        assertThat(WireCodec.pointerKey(WireCodec.encodeResults(r))).isNull();
        assertThat(WireCodec.pointerKey("not json at all")).isNull();
        assertThat(WireCodec.pointerKey("")).isNull();
    }

    @Test
    void pointerKey_ofAPointerWithAnUnknownField_givesTheKey() {
        assertThat(WireCodec.pointerKey("{\"v\":1,\"blob\":\"k\",\"size\":9}")).isEqualTo("k");
    }
}
