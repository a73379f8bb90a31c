package dev.kon.bench.autoscale;

import java.util.List;
import java.util.Locale;

/**
 * Workers and queue depth over time, one panel per policy on a common time axis: as text for the screen and as an
 * SVG drawn by hand (XChart draws PNG only without an extra library). In text, {@code #} columns are the worker
 * processes alive and {@code *} marks the messages on the queue, scaled to the highest depth of all policies.
 * Stateless.
 */
final class TimelineCharts {
    static final int TEXT_WIDTH = 72;
    static final int TEXT_ROWS = 8;
    private static final int SVG_WIDTH = 960;
    private static final int PANEL = 170;
    private static final int LEFT = 60;
    private static final int RIGHT = 70;
    private static final int TOP = 40;

    private TimelineCharts() {
    }

    static double lastSecond(List<PolicyResult> results) {
        return results.stream().flatMap(r -> r.samples().stream()).mapToDouble(Sample::seconds).max().orElse(1);
    }

    static long deepest(List<PolicyResult> results) {
        return Math.max(1, results.stream().flatMap(r -> r.samples().stream()).mapToLong(Sample::depth).max()
                .orElse(1));
    }

    /** One text panel per policy. */
    static String text(List<PolicyResult> results, int max) {
        double end = lastSecond(results);
        long deepest = deepest(results);
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "# = worker processes alive (rows 1..%d), * = queue depth (top row = "
                + "%,d messages); %.0f s per column%n", max, deepest, end / TEXT_WIDTH));
        for (PolicyResult r : results) {
            int[] workers = new int[TEXT_WIDTH];
            long[] depth = new long[TEXT_WIDTH];
            for (Sample s : r.samples()) {
                int col = (int) Math.min(TEXT_WIDTH - 1, s.seconds() / end * TEXT_WIDTH);
                workers[col] = Math.max(workers[col], s.alive());
                depth[col] = Math.max(depth[col], s.depth());
            }
            sb.append(r.policy().label()).append('\n');
            for (int row = TEXT_ROWS; row >= 1; row--) {
                sb.append(String.format(Locale.ROOT, "%3d |", row * max / TEXT_ROWS));
                for (int c = 0; c < TEXT_WIDTH; c++) {
                    int depthRow = depth[c] == 0 ? 0 : (int) Math.ceil((double) depth[c] / deepest * TEXT_ROWS);
                    boolean bar = workers[c] * TEXT_ROWS >= row * max;
                    sb.append(depthRow == row ? '*' : bar ? '#' : ' ');
                }
                sb.append('\n');
            }
            sb.append("    +").append("-".repeat(TEXT_WIDTH)).append('\n');
        }
        sb.append(String.format(Locale.ROOT, "     0 s%s%.0f s%n", " ".repeat(TEXT_WIDTH - 8), end));
        return sb.toString();
    }

    /** The SVG: per policy, workers alive (blue, left axis) and queue depth (orange, right axis) against seconds. */
    static String svg(List<PolicyResult> results, int max, String title) {
        double end = lastSecond(results);
        long deepest = deepest(results);
        int plotW = SVG_WIDTH - LEFT - RIGHT;
        int height = TOP + results.size() * PANEL + 40;
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "font-family=\"sans-serif\" font-size=\"12\">%n", SVG_WIDTH, height));
        sb.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", SVG_WIDTH,
                height));
        sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"22\" font-size=\"15\" font-weight=\"bold\">%s"
                + "</text>%n", LEFT, escape(title)));
        for (int i = 0; i < results.size(); i++) {
            PolicyResult r = results.get(i);
            int y0 = TOP + i * PANEL + 20;
            int h = PANEL - 45;
            sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-weight=\"bold\">%s</text>%n", LEFT,
                    y0 - 6, escape(r.policy().label())));
            sb.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" "
                    + "stroke=\"#999\"/>%n", LEFT, y0, plotW, h));
            for (int k = 0; k <= 4; k++) {
                int y = y0 + h - k * h / 4;
                sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\" fill=\"#1f77b4\">"
                        + "%s</text>%n", LEFT - 6, y + 4, trim(max * k / 4.0)));
                sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" fill=\"#ff7f0e\">%,d</text>%n",
                        LEFT + plotW + 6, y + 4, Math.round(deepest * k / 4.0)));
            }
            sb.append(polyline(r.samples(), end, plotW, y0, h, true, max, deepest, "#ff7f0e"));
            sb.append(polyline(r.samples(), end, plotW, y0, h, false, max, deepest, "#1f77b4"));
        }
        int axisY = TOP + results.size() * PANEL;
        for (int k = 0; k <= 10; k++) {
            double t = end * k / 10;
            sb.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%.0f</text>%n",
                    LEFT + plotW * k / 10.0, axisY - 8, t));
        }
        sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">seconds since the first burst began; "
                + "<tspan fill=\"#1f77b4\">worker processes alive (left)</tspan>, <tspan fill=\"#ff7f0e\">messages "
                + "on the queue, waiting and in flight (right)</tspan></text>%n", LEFT, axisY + 14));
        sb.append("</svg>\n");
        return sb.toString();
    }

    private static String polyline(List<Sample> samples, double end, int plotW, int y0, int h, boolean depth,
            int max, long deepest, String colour) {
        StringBuilder points = new StringBuilder();
        for (Sample s : samples) {
            double x = LEFT + s.seconds() / end * plotW;
            double v = depth ? (double) s.depth() / deepest : (double) s.alive() / max;
            points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y0 + h - Math.min(1, v) * h));
        }
        return String.format(Locale.ROOT, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"%s\" "
                + "points=\"%s\"/>%n", colour, depth ? "1.5" : "2.5", points.toString().trim());
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.1f", v);
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
