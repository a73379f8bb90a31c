package dev.kon.bench.apps;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Order statistics by nearest rank: every figure is a sample that was measured. */
class SamplesTest {
    @Test
    void median_ofFive_isTheThirdSmallest() {
        Samples s = Samples.of(List.of(5.0, 1.0, 4.0, 2.0, 3.0));

        assertThat(s.median()).isEqualTo(3.0);
        assertThat(s.min()).isEqualTo(1.0);
        assertThat(s.max()).isEqualTo(5.0);
    }

    @Test
    void p90_ofTwoHundred_isTheHundredAndEightiethSmallest() {
        Samples s = Samples.of(IntStream.rangeClosed(1, 200).mapToObj(i -> (double) (201 - i)).toList());

        assertThat(s.p90()).isEqualTo(180.0);
        assertThat(s.median()).isEqualTo(100.0);
        assertThat(s.count()).isEqualTo(200);
    }

    @Test
    void fmt_inALocaleWithADecimalComma_writesADot() {
        Locale before = Locale.getDefault();
        Locale.setDefault(Locale.GERMANY);
        try {
            assertThat(Samples.fmt(1234.5678, 2)).isEqualTo("1234.57");
            assertThat(Samples.fmt(2.5, 2)).isEqualTo("2.50");
        } finally {
            Locale.setDefault(before);
        }
    }
}
