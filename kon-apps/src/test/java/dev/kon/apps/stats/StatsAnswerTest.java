package dev.kon.apps.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatsAnswerTest {
    private static final String JSON = "{\"count\":20,\"min\":\"1\",\"max\":\"9\",\"average\":\"4.75\",\"median\":\"4.5\","
            + "\"log\":\"logs/cloudcal/2026/11/23/7-x.json\"}";

    @Test
    void parse_ofHandlerOutput_readsEveryField_andWritesItBackUnchanged() {
        StatsAnswer answer = StatsAnswer.parse(JSON);

        assertThat(answer.count()).isEqualTo(20);
        assertThat(answer.min()).isEqualByComparingTo("1");
        assertThat(answer.max()).isEqualByComparingTo("9");
        assertThat(answer.average()).isEqualByComparingTo("4.75");
        assertThat(answer.median()).isEqualByComparingTo("4.5");
        assertThat(answer.log()).isEqualTo("logs/cloudcal/2026/11/23/7-x.json");
        assertThat(answer.toJson()).isEqualTo(JSON);
    }

    @Test
    void parse_withBlanksAndOtherFieldOrder_stillReads() {
        StatsAnswer answer = StatsAnswer.parse(" { \"log\" : \"a\\/b\" , \"median\":\"-0.5\",\"average\":\"1E+2\","
                + "\"max\":\"3\",\"min\":\"-1\",\"count\":\"3\", \"extra\": true } ");

        assertThat(answer.log()).isEqualTo("a/b");
        assertThat(answer.count()).isEqualTo(3);
        assertThat(answer.toJson()).contains("\"average\":\"100\"");
    }

    @Test
    void toText_alignsTheValuesInOneColumn() {
        assertThat(StatsAnswer.parse(JSON).toText()).isEqualTo("""
                count    20
                min      1
                max      9
                average  4.75
                median   4.5
                log      logs/cloudcal/2026/11/23/7-x.json
                """);
    }

    @Test
    void hugeNumbers_surviveTheRoundTripDigitForDigit() {
        BigDecimal huge = new BigDecimal("123456789012345678901234567890.123456789");
        StatsAnswer answer = new StatsAnswer(3, huge.negate(), huge, huge, huge, "k");

        assertThat(StatsAnswer.parse(answer.toJson())).isEqualTo(answer);
        assertThat(answer.toJson()).contains("\"min\":\"-123456789012345678901234567890.123456789\"");
    }

    @Test
    void parse_ofSomethingElse_namesWhatIsWrong() {
        assertThatThrownBy(() -> StatsAnswer.parse("{\"count\":1}")).hasMessage("not a stats answer: no 'min' field");
        assertThatThrownBy(() -> StatsAnswer.parse(JSON.replace("\"4.75\"", "\"x\"")))
                .hasMessage("not a stats answer: 'average' is not a number: x");
        assertThatThrownBy(() -> StatsAnswer.parse("count 20")).hasMessage("malformed JSON at character 1: expected '{'");
        assertThatThrownBy(() -> StatsAnswer.parse("{\"count\":[1]}")).hasMessageContaining("nested values");
        assertThatThrownBy(() -> StatsAnswer.parse(JSON + "x")).hasMessageContaining("unexpected text after the object");
    }

    @Test
    void flatJson_escapesQuotesBackslashesAndControlCharacters_andReadsThemBack() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("worker", "host \"a\"\\b\n\t\u0001/\u2028é");
        fields.put("n", 5L);

        String json = FlatJson.write(fields);

        assertThat(json).isEqualTo("{\"worker\":\"host \\\"a\\\"\\\\b\\n\\t\\u0001/\\u2028é\",\"n\":5}");
        assertThat(FlatJson.read(json)).containsEntry("worker", "host \"a\"\\b\n\t\u0001/\u2028é").containsEntry("n", "5");
    }

    @Test
    void parse_ofAnAnswerWithAKeyTwice_refusesIt() {
        assertThatThrownBy(() -> StatsAnswer.parse(JSON.replace("{", "{\"count\":1,")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("duplicate field 'count'");
    }

    @Test
    void parse_ofAValueNested100000Deep_refusesItAsNested() {
        String deep = "{\"count\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}";

        assertThatThrownBy(() -> StatsAnswer.parse(deep))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nested values");
    }

    @Test
    void parse_ofAHugeBadValue_quotesAtMost200CharactersOfIt() {
        String huge = JSON.replace("\"4.75\"", "\"" + "x".repeat(1_000_000) + "\"");

        Throwable t = catchThrowable(() -> StatsAnswer.parse(huge));

        assertThat(t).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'average' is not a number: xxx")
                .hasMessageContaining("(1000000 characters)");
        assertThat(t.getMessage()).hasSizeLessThan(300);
    }

    @Test
    void parse_ofABrokenEscape_namesItWithoutQuotingTheText() {
        assertThatThrownBy(() -> StatsAnswer.parse("{\"log\":\"a\\qb\"}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("malformed JSON: bad escape '\\q' at offset 10");
    }
}
