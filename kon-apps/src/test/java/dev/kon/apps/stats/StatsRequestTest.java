package dev.kon.apps.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StatsRequestTest {

    @Test
    void parse_withBlanksAndCommas_readsEveryNumberInOrder() {
        StatsRequest request = StatsRequest.parse("  3 1,4 ,\t1.5\n-9,+2e3  .5 7. -1E-2 ,");

        assertThat(request.numbers()).map(BigDecimal::toString)
                .containsExactly("3", "1", "4", "1.5", "-9", "2E+3", "0.5", "7", "-0.01");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "1 2 abc 4      | item 3: 'abc' is not a number",
        "NaN            | item 1: 'NaN' is not a number",
        "1 Infinity     | item 2: 'Infinity' is not a number",
        "1 -Infinity    | item 2: '-Infinity' is not a number",
        "0x1F           | item 1: '0x1F' is not a number",
        "1e             | item 1: '1e' is not a number",
        "1.2.3          | item 1: '1.2.3' is not a number",
        "--1            | item 1: '--1' is not a number",
        "1;2            | item 1: '1;2' is not a number",
        "5 1_000        | item 2: '1_000' is not a number",
        "1 2 3 .        | item 4: '.' is not a number",
    })
    void parse_withBadItem_namesItsPositionAndText(String text, String message) {
        assertThatThrownBy(() -> StatsRequest.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    @Test
    void parse_withNothingButSeparators_saysNoNumbersGiven() {
        assertThatThrownBy(() -> StatsRequest.parse("")).hasMessage("no numbers given");
        assertThatThrownBy(() -> StatsRequest.parse(" ,, \n ")).hasMessage("no numbers given");
    }

    @Test
    void parse_withMaximumCount_accepts_andOneMore_refuses() {
        String max = IntStream.rangeClosed(1, StatsRequest.MAX_NUMBERS).mapToObj(Integer::toString)
                .collect(Collectors.joining(" "));

        assertThat(StatsRequest.parse(max).numbers()).hasSize(100_000);
        assertThatThrownBy(() -> StatsRequest.parse(max + " 1"))
                .hasMessage("too many numbers: 100001 (at most 100000)");
    }

    @Test
    void parse_withHugeExponent_refusesItAsOutOfRange() {
        assertThatThrownBy(() -> StatsRequest.parse("1 1e1000"))
                .hasMessage("item 2: '1e1000' is out of range (at most 1000 digits before or after the decimal point)");
        assertThatThrownBy(() -> StatsRequest.parse("1e-1001")).hasMessageStartingWith("item 1: '1e-1001' is out of range");
        assertThatThrownBy(() -> StatsRequest.parse("1e99999999999")).hasMessageStartingWith("item 1: '1e99999999999' is out of range");
        assertThat(StatsRequest.parse("9.99e999 -1e-1000").numbers()).hasSize(2);
    }

    @Test
    void parse_withZeroOfAnyScale_readsPlainZero() {
        assertThat(StatsRequest.parse("0e-999999 -0.000").numbers()).containsExactly(BigDecimal.ZERO, BigDecimal.ZERO);
    }

    @Test
    void parse_withLongBadItem_shortensItInTheMessage() {
        String item = "x".repeat(100);

        assertThatThrownBy(() -> StatsRequest.parse(item))
                .hasMessage("item 1: '" + "x".repeat(40) + "...' is not a number");
    }

    @Test
    void toArgs_readsBackToTheSameNumbers() {
        StatsRequest request = StatsRequest.parse("1e30, -0.25 9223372036854775807 7");

        assertThat(StatsRequest.parse(request.toArgs())).isEqualTo(request);
    }
}
