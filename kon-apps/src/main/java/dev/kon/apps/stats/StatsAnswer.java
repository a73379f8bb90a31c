package dev.kon.apps.stats;

import dev.kon.task.UserText;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The answer to one CloudCal request, as a {@code stats} task reports it: one line of JSON with the numbers as
 * strings so that no client loses precision, for example
 * {@code {"count":20,"min":"1","max":"9","average":"4.75","median":"4.5","log":"logs/cloudcal/2026/11/23/7-<uuid>.json"}}.
 *
 * <p>The client ({@code kon cal}) reads a task's output with {@link #parse} and shows it with {@link #toText} or
 * {@link #toJson}.
 *
 * @param count   how many numbers the request had
 * @param min     the smallest
 * @param max     the largest
 * @param average the arithmetic mean (exact, or 34 significant digits when the decimal does not terminate)
 * @param median  the middle value (mean of the two middle values for an even count)
 * @param log     the blob key of this request's log object
 */
public record StatsAnswer(long count, BigDecimal min, BigDecimal max, BigDecimal average, BigDecimal median,
                          String log) {
    private static final String[] NUMBER_FIELDS = {"min", "max", "average", "median"};

    public StatsAnswer {
        if (count < 1) {
            throw new IllegalArgumentException("count must be >= 1, was " + count);
        }
        Objects.requireNonNull(min, "min");
        Objects.requireNonNull(max, "max");
        Objects.requireNonNull(average, "average");
        Objects.requireNonNull(median, "median");
        Objects.requireNonNull(log, "log");
    }

    /** The answer for a summary whose log went to the blob key {@code log}. */
    public StatsAnswer(Summary summary, String log) {
        this(summary.count(), summary.min(), summary.max(), summary.average(), summary.median(), log);
    }

    /**
     * Reads a {@code stats} task's output.
     *
     * @throws IllegalArgumentException if the output is not such an answer, naming the missing or bad field
     */
    public static StatsAnswer parse(String output) {
        Map<String, String> f = FlatJson.read(Objects.requireNonNull(output, "output"));
        long count;
        try {
            count = Long.parseLong(required(f, "count"));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a stats answer: 'count' is not an integer: "
                    + UserText.excerpt(f.get("count")));
        }
        BigDecimal[] values = new BigDecimal[NUMBER_FIELDS.length];
        for (int i = 0; i < values.length; i++) {
            String text = required(f, NUMBER_FIELDS[i]);
            try {
                values[i] = new BigDecimal(text);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(
                        "not a stats answer: '" + NUMBER_FIELDS[i] + "' is not a number: " + UserText.excerpt(text));
            }
        }
        return new StatsAnswer(count, values[0], values[1], values[2], values[3], required(f, "log"));
    }

    private static String required(Map<String, String> fields, String name) {
        String v = fields.get(name);
        if (v == null) {
            throw new IllegalArgumentException("not a stats answer: no '" + name + "' field");
        }
        return v;
    }

    /** One line of JSON, in the field order count, min, max, average, median, log; {@link #parse} reads it back. */
    public String toJson() {
        return FlatJson.write(fields());
    }

    /** Plain lines with the values aligned in one column, {@code '\n'}-terminated, for people. */
    public String toText() {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, Object> e : fields().entrySet()) {
            sb.append(String.format("%-8s %s", e.getKey(), e.getValue())).append('\n');
        }
        return sb.toString();
    }

    /** The fields in output order; numbers formatted by {@link Summary#format}. */
    Map<String, Object> fields() {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("count", count);
        f.put("min", Summary.format(min));
        f.put("max", Summary.format(max));
        f.put("average", Summary.format(average));
        f.put("median", Summary.format(median));
        f.put("log", log);
        return f;
    }
}
