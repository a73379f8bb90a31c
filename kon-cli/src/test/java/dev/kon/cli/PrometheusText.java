package dev.kon.cli;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict reader of the Prometheus text exposition format (version 0.0.4) for tests: every line is a
 * {@code # HELP}, a {@code # TYPE} or a sample {@code name{labels} value}, and every sample belongs to a family
 * declared by a {@code # TYPE} line before it. Anything else fails with the line.
 */
final class PrometheusText {
    private static final String NAME = "[a-zA-Z_:][a-zA-Z0-9_:]*";
    private static final String LABEL = "[a-zA-Z_][a-zA-Z0-9_]*=\"(?:[^\"\\\\\\n]|\\\\[\\\\\"n])*\"";
    private static final String VALUE = "(?:[+-]?(?:\\d+\\.?\\d*(?:[eE][+-]?\\d+)?|\\.\\d+(?:[eE][+-]?\\d+)?)"
            + "|[+-]Inf|NaN)";
    private static final Pattern SAMPLE = Pattern.compile("(" + NAME + ")(\\{(?:" + LABEL + "(?:," + LABEL
            + ")*,?)?\\})? (" + VALUE + ")(?: -?\\d+)?");
    private static final Pattern TYPE = Pattern.compile("# TYPE (" + NAME + ") (counter|gauge|histogram|summary"
            + "|untyped)");
    private static final Pattern HELP = Pattern.compile("# HELP (" + NAME + ") .*");

    private PrometheusText() {
    }

    /**
     * The samples of {@code text} by name and labels as written ({@code kon_tasks_total{outcome="failed",type="x"}}).
     *
     * @throws AssertionError naming the first line that is not in the format
     */
    static Map<String, Double> parse(String text) {
        Map<String, String> types = new HashMap<>();
        Map<String, Double> samples = new LinkedHashMap<>();
        int n = 0;
        for (String line : text.split("\n", -1)) {
            n++;
            if (line.isEmpty()) {
                continue;
            }
            Matcher t = TYPE.matcher(line);
            if (t.matches()) {
                types.put(t.group(1), t.group(2));
                continue;
            }
            if (HELP.matcher(line).matches()) {
                continue;
            }
            Matcher s = SAMPLE.matcher(line);
            if (!s.matches()) {
                throw new AssertionError("line " + n + " is not Prometheus text: " + line);
            }
            if (family(s.group(1), types) == null) {
                throw new AssertionError("line " + n + ": no # TYPE before sample " + s.group(1));
            }
            String key = s.group(1) + (s.group(2) == null ? "" : s.group(2));
            if (samples.put(key, Double.parseDouble(s.group(3).replace("Inf", "Infinity"))) != null) {
                throw new AssertionError("line " + n + ": sample given twice: " + key);
            }
        }
        return samples;
    }

    private static String family(String sample, Map<String, String> types) {
        if (types.containsKey(sample)) {
            return sample;
        }
        for (String suffix : new String[] {"_total", "_bucket", "_count", "_sum", "_created"}) {
            if (sample.endsWith(suffix)) {
                String base = sample.substring(0, sample.length() - suffix.length());
                if (types.containsKey(base)) {
                    return base;
                }
            }
        }
        return null;
    }
}
