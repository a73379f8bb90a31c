package dev.kon.apps.stats;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The numbers of one CloudCal request, as written in a {@code stats} task's arguments: decimal numbers separated
 * by whitespace and/or commas ({@code "3 1 4, 1.5 -9 2e3"}).
 *
 * <p>Rules: 1 to {@value #MAX_NUMBERS} numbers; each an optional sign, digits with an optional decimal point, and
 * an optional exponent. {@code NaN}, {@code Infinity}, hex and words are refused, and so is a number with more
 * than {@value #MAX_DIGITS} digits before or after the decimal point (so a sum stays a bounded computation).
 * The client ({@code kon cal}) and the worker ({@link StatsHandler#validate}) apply the same rules and messages.
 *
 * @param numbers the numbers in the order given; never empty
 */
public record StatsRequest(List<BigDecimal> numbers) {
    /** The most numbers one request may carry. */
    public static final int MAX_NUMBERS = 100_000;
    /** The most digits a number may have before, and after, its decimal point. */
    public static final int MAX_DIGITS = 1_000;

    private static final Pattern SEPARATORS = Pattern.compile("[\\s,]+");
    private static final Pattern EDGE_SEPARATORS = Pattern.compile("^[\\s,]+|[\\s,]+$");
    private static final Pattern NUMBER = Pattern.compile("[+-]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][+-]?\\d+)?");
    private static final int SHOWN_CHARS = 40;

    public StatsRequest {
        numbers = List.copyOf(Objects.requireNonNull(numbers, "numbers"));
        if (numbers.isEmpty()) {
            throw new IllegalArgumentException("no numbers given");
        }
        if (numbers.size() > MAX_NUMBERS) {
            throw new IllegalArgumentException(tooMany(numbers.size()));
        }
    }

    /**
     * Parses task arguments or user input.
     *
     * @throws IllegalArgumentException naming the first bad item and its 1-based position
     *                                  ({@code "item 3: 'abc' is not a number"}), or saying there are none or
     *                                  too many
     */
    public static StatsRequest parse(String text) {
        String trimmed = EDGE_SEPARATORS.matcher(Objects.requireNonNull(text, "text")).replaceAll("");
        if (trimmed.isEmpty()) {
            throw new IllegalArgumentException("no numbers given");
        }
        String[] items = SEPARATORS.split(trimmed);
        if (items.length > MAX_NUMBERS) {
            throw new IllegalArgumentException(tooMany(items.length));
        }
        List<BigDecimal> numbers = new ArrayList<>(items.length);
        for (int i = 0; i < items.length; i++) {
            numbers.add(parseItem(i + 1, items[i]));
        }
        return new StatsRequest(numbers);
    }

    /** The numbers as task arguments, space-separated, each in plain notation; {@link #parse} reads them back. */
    public String toArgs() {
        StringBuilder sb = new StringBuilder();
        for (BigDecimal n : numbers) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(n.toString());
        }
        return sb.toString();
    }

    private static BigDecimal parseItem(int position, String item) {
        if (!NUMBER.matcher(item).matches()) {
            throw new IllegalArgumentException("item " + position + ": '" + shown(item) + "' is not a number");
        }
        BigDecimal value;
        try {
            value = new BigDecimal(item);
        } catch (NumberFormatException e) {
            // The grammar matched, so only an exponent beyond the int range gets here.
            throw outOfRange(position, item);
        }
        if (value.signum() == 0) {
            // "0e-999999" would otherwise carry its scale into every sum.
            return BigDecimal.ZERO;
        }
        long integerDigits = (long) value.precision() - value.scale();
        if (value.scale() > MAX_DIGITS || integerDigits > MAX_DIGITS) {
            throw outOfRange(position, item);
        }
        return value;
    }

    private static IllegalArgumentException outOfRange(int position, String item) {
        return new IllegalArgumentException("item " + position + ": '" + shown(item) + "' is out of range (at most "
                + MAX_DIGITS + " digits before or after the decimal point)");
    }

    private static String tooMany(int count) {
        return "too many numbers: " + count + " (at most " + MAX_NUMBERS + ")";
    }

    private static String shown(String item) {
        return item.length() <= SHOWN_CHARS ? item : item.substring(0, SHOWN_CHARS) + "...";
    }
}
