package dev.kon.apps.stats;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Min, max, average and median of a list of numbers, computed exactly in {@link BigDecimal}: no float drift, even
 * for integers near or beyond {@code Long.MAX_VALUE}.
 *
 * <p>The average is exact when the decimal terminates (the count's only prime factors are 2 and 5) and otherwise
 * rounded to {@link MathContext#DECIMAL128} (34 significant digits, half-even). The median of an even count is
 * the mean of the two middle values, which always terminates.
 *
 * @param count   how many numbers
 * @param min     the smallest
 * @param max     the largest
 * @param average the arithmetic mean
 * @param median  the middle value
 */
public record Summary(int count, BigDecimal min, BigDecimal max, BigDecimal average, BigDecimal median) {
    private static final BigDecimal TWO = BigDecimal.valueOf(2);

    public Summary {
        if (count < 1) {
            throw new IllegalArgumentException("count must be >= 1, was " + count);
        }
        Objects.requireNonNull(min, "min");
        Objects.requireNonNull(max, "max");
        Objects.requireNonNull(average, "average");
        Objects.requireNonNull(median, "median");
    }

    /** Summarises a non-empty list; the list is not modified. */
    public static Summary of(List<BigDecimal> numbers) {
        if (numbers.isEmpty()) {
            throw new IllegalArgumentException("no numbers given");
        }
        BigDecimal[] sorted = numbers.toArray(BigDecimal[]::new);
        Arrays.sort(sorted);
        BigDecimal sum = BigDecimal.ZERO;
        for (BigDecimal n : sorted) {
            sum = sum.add(n);
        }
        int count = sorted.length;
        int mid = count / 2;
        BigDecimal median = count % 2 == 1 ? sorted[mid] : sorted[mid - 1].add(sorted[mid]).divide(TWO);
        return new Summary(count, sorted[0], sorted[count - 1], average(sum, count), median);
    }

    private static BigDecimal average(BigDecimal sum, int count) {
        BigDecimal n = BigDecimal.valueOf(count);
        try {
            return sum.divide(n);
        } catch (ArithmeticException nonTerminating) {
            return sum.divide(n, MathContext.DECIMAL128);
        }
    }

    /** A number as the answers show it: plain notation, no trailing zeros ({@code "2.5"}, {@code "3"}, {@code "-0.5"}). */
    public static String format(BigDecimal number) {
        return number.signum() == 0 ? "0" : number.stripTrailingZeros().toPlainString();
    }
}
