package dev.kon.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.function.Function;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The PNG charts of a benchmark, drawn headless with XChart: {@code throughput.png} (tasks/s against workers, Kon
 * and the seed) or {@code efficiency.png} (efficiency against workers, one Kon series per sleep length, solid, and
 * the seed's for the same length, dashed in the same colour). Workers are on a base-2 axis (1, 2, 4, 8, 16
 * equally spaced); a throughput axis spanning more than {@value #LOG_SPAN}x turns logarithmic, so the seed's
 * remote figures (about 20 tasks/s) stay visible beside Kon's. Stateless.
 */
public final class BenchCharts {
    public static final int WIDTH = 1000;
    public static final int HEIGHT = 620;
    static final double LOG_SPAN = 20;
    private static final Color[] PALETTE = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c),
        new Color(0x9467bd), new Color(0xff7f0e), new Color(0x8c564b)};

    private BenchCharts() {
    }

    /** Draws the chart of {@code results} into {@code dir}; answers the file written. */
    public static Path write(BenchResults results, Path dir) {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        boolean throughput = results.plan().kind() == BenchKind.THROUGHPUT;
        XYChart chart = throughput ? throughput(results) : efficiency(results);
        Path file = dir.resolve(throughput ? "throughput.png" : "efficiency.png");
        try {
            BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
        return file;
    }

    private static XYChart throughput(BenchResults results) {
        BenchMode mode = results.plan().mode();
        long tasks = results.plan().cells().get(0).tasks();
        XYChart chart = chart(String.format(Locale.ROOT, "Throughput of 'sleep 0' tasks, %s mode (higher is better)",
                mode.label()), workersTitle(mode), "throughput (tasks/s)");
        List<CellResult> rows = results.cells();
        series(chart, String.format(Locale.ROOT, "Kon: %,d tasks, %s", tasks, kon(mode)), rows,
                CellResult::tasksPerSecond, PALETTE[0], false);
        series(chart, String.format(Locale.ROOT, "seed: %,d tasks, %s", SeedFigures.throughputTasks(mode),
                seed(mode)), rows, r -> orNaN(r.seedValue()), PALETTE[1], true);
        double min = rows.stream().flatMapToDouble(r -> java.util.stream.DoubleStream.of(r.tasksPerSecond(),
                orNaN(r.seedValue()))).filter(v -> v > 0).min().orElse(1);
        double max = rows.stream().flatMapToDouble(r -> java.util.stream.DoubleStream.of(r.tasksPerSecond(),
                orNaN(r.seedValue()))).filter(v -> v > 0).max().orElse(1);
        if (max / min > LOG_SPAN) {
            chart.getStyler().setYAxisLogarithmic(true);
            chart.setYAxisTitle("throughput (tasks/s, log scale)");
        } else {
            chart.getStyler().setYAxisMin(0.0);
        }
        chart.getStyler().setYAxisDecimalPattern("#,##0");
        return chart;
    }

    private static XYChart efficiency(BenchResults results) {
        BenchMode mode = results.plan().mode();
        XYChart chart = chart(String.format(Locale.ROOT,
                "Efficiency of 'sleep T' tasks, %s mode (100%% = workers never idle)", mode.label()),
                workersTitle(mode), "efficiency (%)");
        int colour = 0;
        for (long sleep : results.plan().sleepLengths()) {
            List<CellResult> rows = results.withSleep(sleep);
            if (rows.isEmpty()) {
                continue;
            }
            Color c = PALETTE[colour++ % PALETTE.length];
            String length = ResultsTable.length(sleep);
            series(chart, String.format(Locale.ROOT, "Kon: sleep %s, %,d tasks per worker, %s", length,
                    rows.get(0).cell().tasksPerWorker(), kon(mode)), rows, CellResult::efficiencyPercent, c, false);
            var seedPerWorker = SeedFigures.tasksPerWorker(sleep);
            if (seedPerWorker.isPresent() && rows.stream().anyMatch(r -> r.seedValue().isPresent())) {
                series(chart, String.format(Locale.ROOT, "seed: sleep %s, %,d tasks per worker, %s", length,
                        seedPerWorker.getAsInt(), seed(mode)), rows, r -> orNaN(r.seedValue()), c, true);
            }
        }
        chart.getStyler().setYAxisDecimalPattern("0.#");
        boolean atMost100 = results.cells().stream().allMatch(r -> !(r.efficiencyPercent() > 100));
        if (atMost100) {
            // the ceiling in view shows how close to "never idle" the workers came
            chart.getStyler().setYAxisMax(100.0);
        }
        return chart;
    }

    private static XYChart chart(String title, String xTitle, String yTitle) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xTitle)
                .yAxisTitle(yTitle).build();
        Styler.ChartTheme theme = Styler.ChartTheme.XChart;
        chart.getStyler().setTheme(theme.newInstance(theme));
        chart.getStyler().setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Vertical);
        chart.getStyler().setMarkerSize(9);
        chart.getStyler().setPlotGridLinesVisible(true);
        chart.getStyler().setXAxisMin(-0.25);
        chart.getStyler().setXAxisTickMarkSpacingHint(120);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        // x holds log2(workers): 1, 2, 4, 8, 16 fall on 0..4, equally spaced; label only those points
        chart.setCustomXAxisTickLabelsFormatter(x -> Math.abs(x - Math.rint(x)) < 1e-9 && x >= 0
                ? Long.toString(1L << Math.round(x)) : "");
        return chart;
    }

    private static void series(XYChart chart, String name, List<CellResult> rows, Function<CellResult, Double> y,
            Color colour, boolean seed) {
        double[] xs = rows.stream().mapToDouble(r -> log2(r.cell().workers())).toArray();
        double[] ys = rows.stream().mapToDouble(y::apply).toArray();
        if (java.util.Arrays.stream(ys).allMatch(Double::isNaN)) {
            return;
        }
        XYSeries s = chart.addSeries(name, xs, ys);
        s.setLineColor(colour);
        s.setMarkerColor(colour);
        s.setMarker(seed ? SeriesMarkers.DIAMOND : SeriesMarkers.CIRCLE);
        s.setLineStyle(seed ? SeriesLines.DASH_DASH : new BasicStroke(2.5f));
    }

    private static String kon(BenchMode mode) {
        return String.format(Locale.ROOT, "this machine, %d cores", Runtime.getRuntime().availableProcessors());
    }

    private static String seed(BenchMode mode) {
        return mode == BenchMode.LOCAL ? "one EC2 t2.micro, 2016" : "EC2 t2.micro instances, 2016";
    }

    private static String workersTitle(BenchMode mode) {
        return mode == BenchMode.LOCAL ? "workers (threads in one JVM)" : "workers (worker processes)";
    }

    private static double log2(int workers) {
        return Math.log(workers) / Math.log(2);
    }

    private static double orNaN(OptionalDouble v) {
        return v.isPresent() ? v.getAsDouble() : Double.NaN;
    }
}
