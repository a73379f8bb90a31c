package dev.kon.bench.apps;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Order statistics of one measured quantity, by nearest rank: the p-th percentile is the smallest sample with at
 * least p% of the samples at or below it, so every figure printed is a time that was actually measured. The median
 * of 5 is the 3rd smallest; of 200, the 100th. Immutable.
 */
record Samples(double[] sorted) {
    Samples {
        sorted = sorted.clone();
        Arrays.sort(sorted);
        if (sorted.length == 0) {
            throw new IllegalArgumentException("no samples");
        }
    }

    static Samples of(List<Double> samples) {
        return new Samples(samples.stream().mapToDouble(Double::doubleValue).toArray());
    }

    int count() {
        return sorted.length;
    }

    double min() {
        return sorted[0];
    }

    double max() {
        return sorted[sorted.length - 1];
    }

    double median() {
        return percentile(50);
    }

    double p90() {
        return percentile(90);
    }

    double percentile(double p) {
        int rank = (int) Math.ceil(p / 100 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length, rank) - 1)];
    }

    /** {@code value} with {@code decimals} decimals, in the C locale (a dot, whatever the machine's locale). */
    static String fmt(double value, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }
}
