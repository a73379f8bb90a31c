package dev.kon.apps.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SummaryTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // input                                       | count | min  | max | average | median
        "3 1 4 1 5 9 2 6 5 3 5 8 9 7 9 3 2 3 8 2       | 20    | 1    | 9   | 4.75    | 4.5",
        "5 1 3                                          | 3     | 1    | 5   | 3       | 3",
        "4 1 3 2                                        | 4     | 1    | 4   | 2.5     | 2.5",
        "-1.5 -0.5 0.5                                  | 3     | -1.5 | 0.5 | -0.5    | -0.5",
        "-2 -1                                          | 2     | -2   | -1  | -1.5    | -1.5",
        "1.50 2.50                                      | 2     | 1.5  | 2.5 | 2       | 2",
        "0.1 0.2                                        | 2     | 0.1  | 0.2 | 0.15    | 0.15",
        "42                                             | 1     | 42   | 42  | 42      | 42",
        "-7.25                                          | 1     | -7.25| -7.25| -7.25  | -7.25",
        "1 2 2                                          | 3     | 1    | 2   | 1.666666666666666666666666666666667 | 2",
        "2e3 -1E-2 0 0.01                               | 4     | -0.01| 2000| 500    | 0.005",
        "0 0 -0.0                                       | 3     | 0    | 0   | 0       | 0",
    })
    void of_knownInputs_givesKnownAnswers(String input, int count, String min, String max, String average,
                                          String median) {
        Summary s = Summary.of(StatsRequest.parse(input).numbers());

        assertThat(s.count()).isEqualTo(count);
        assertThat(Summary.format(s.min())).isEqualTo(min);
        assertThat(Summary.format(s.max())).isEqualTo(max);
        assertThat(Summary.format(s.average())).isEqualTo(average);
        assertThat(Summary.format(s.median())).isEqualTo(median);
    }

    @Test
    void of_integersNearLongMax_isExactWhereDoublesAreNot() {
        Summary s = Summary.of(StatsRequest.parse("9223372036854775807 9223372036854775806 9223372036854775805")
                .numbers());

        assertThat(Summary.format(s.average())).isEqualTo("9223372036854775806");
        assertThat(Summary.format(s.median())).isEqualTo("9223372036854775806");
        assertThat(Summary.format(s.max())).isEqualTo("9223372036854775807");
        // A double average would have said 9223372036854775808.
        assertThat((double) Long.MAX_VALUE).isEqualTo(9.223372036854775808E18);
    }

    @Test
    void of_integersBeyondLong_isExact() {
        Summary s = Summary.of(StatsRequest.parse(
                "1000000000000000000000000000001 999999999999999999999999999999 1e30 7").numbers());

        assertThat(Summary.format(s.min())).isEqualTo("7");
        assertThat(Summary.format(s.max())).isEqualTo("1000000000000000000000000000001");
        assertThat(Summary.format(s.average())).isEqualTo("750000000000000000000000000001.75");
        assertThat(Summary.format(s.median())).isEqualTo("999999999999999999999999999999.5");
    }

    @Test
    void of_hugeIntegersWithNonTerminatingMean_roundsToDecimal128() {
        Summary s = Summary.of(StatsRequest.parse("1e30 1e30 2").numbers());

        // 2000000000000000000000000000002 / 3, to 34 significant digits, half-even.
        assertThat(Summary.format(s.average())).isEqualTo("666666666666666666666666666667.3333");
        assertThat(s.average().precision()).isEqualTo(34);
    }

    @Test
    void of_hundredThousandNumbers_isExactAndQuick() {
        List<BigDecimal> numbers = IntStream.rangeClosed(1, 100_000).map(i -> 100_001 - i)
                .mapToObj(BigDecimal::valueOf).collect(Collectors.toList());

        Summary s = Summary.of(numbers);

        assertThat(s.count()).isEqualTo(100_000);
        assertThat(Summary.format(s.min())).isEqualTo("1");
        assertThat(Summary.format(s.max())).isEqualTo("100000");
        assertThat(Summary.format(s.average())).isEqualTo("50000.5");
        assertThat(Summary.format(s.median())).isEqualTo("50000.5");
        assertThat(numbers.get(0)).isEqualTo(BigDecimal.valueOf(100_000));
    }

    @Test
    void format_stripsTrailingZerosAndNeverUsesExponents() {
        assertThat(Summary.format(new BigDecimal("2.500"))).isEqualTo("2.5");
        assertThat(Summary.format(new BigDecimal("3.0"))).isEqualTo("3");
        assertThat(Summary.format(new BigDecimal("-0.50"))).isEqualTo("-0.5");
        assertThat(Summary.format(new BigDecimal("1E+3"))).isEqualTo("1000");
        assertThat(Summary.format(new BigDecimal("0.000"))).isEqualTo("0");
    }
}
