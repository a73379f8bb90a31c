package dev.kon.bench.web;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Measured times in milliseconds and their order statistics by nearest rank: the p-th percentile is the smallest
 * sample with at least p% of the samples at or below it, so every figure printed was measured. Immutable.
 */
record Millis(double[] sorted) {
    Millis {
        sorted = sorted.clone();
        Arrays.sort(sorted);
        if (sorted.length == 0) {
            throw new IllegalArgumentException("no samples");
        }
    }

    static Millis ofNanos(List<Long> nanos) {
        return new Millis(nanos.stream().mapToDouble(n -> n / 1e6).toArray());
    }

    int count() {
        return sorted.length;
    }

    double max() {
        return sorted[sorted.length - 1];
    }

    double p(double percent) {
        int rank = (int) Math.ceil(percent / 100 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length, rank) - 1)];
    }

    /** {@code ms} with one decimal, in the C locale. */
    static String fmt(double ms) {
        return String.format(Locale.ROOT, "%.1f", ms);
    }
}
