package dev.kon.cli;

import static dev.kon.cli.AppsBenchStats.fmt;

import java.util.ArrayList;
import java.util.List;

/** The markdown of the CloudCal benchmark: the round-trip table, the target, and where a round trip goes. */
final class AppsBenchCalReport {
    private AppsBenchCalReport() {
    }

    static void render(StringBuilder md, int warmup, int requests, List<Double> sendOne, List<Double> withClients,
            List<Double> version, List<Double> cal) {
        md.append("## CloudCal: `kon cal` round trip, warm worker\n\n");
        md.append(String.format("%d requests of %d random integers, one at a time, after %d warm-up requests, "
                + "through `Requests.sendOne` as `kon cal` sends them (parse the numbers, send, read the answer; no "
                + "JVM start). Each request opens its own clients, as `kon cal` does; the second row adds that. One "
                + "worker process, 1 task thread. Times in ms.%n%n", requests, AppsBenchCal.NUMBERS, warmup));
        AppsBenchTable t = new AppsBenchTable("measure", "n", "min", "median", "p90", "max");
        if (!sendOne.isEmpty()) {
            row(t, "round trip: `Requests.sendOne` (in process)", AppsBenchStats.of(sendOne), 1);
            row(t, "round trip with opening and closing the clients", AppsBenchStats.of(withClients), 1);
        }
        if (!version.isEmpty()) {
            row(t, "`kon --version` process (JVM start, no request)", AppsBenchStats.of(version), 0);
        }
        if (!cal.isEmpty()) {
            row(t, "`kon cal` process (JVM start + one request)", AppsBenchStats.of(cal), 0);
        }
        md.append(t).append('\n');
        if (!sendOne.isEmpty()) {
            double median = AppsBenchStats.of(sendOne).median();
            md.append(String.format("Target: median under 30 ms. Measured: %s ms (%s).%n%n", fmt(median, 1),
                    median < 30 ? "met" : "not met"));
        }
    }

    static void phases(StringBuilder md, String[] names, List<double[]> phases, List<Double> creates,
            List<Double> deletes) {
        if (phases.isEmpty()) {
            return;
        }
        md.append(String.format("Where a round trip goes: %d traced requests, the same calls as `Requests.send` "
                + "with a timestamp at each step; the worker's steps are from its own timestamps (whole ms, so the "
                + "phases next to the handler are +/-1 ms).%n%n", phases.size()));
        AppsBenchTable p = new AppsBenchTable("phase", "median ms", "p90 ms");
        for (int i = 0; i < names.length; i++) {
            List<Double> column = new ArrayList<>();
            for (double[] row : phases) {
                column.add(row[i] / 1000);
            }
            AppsBenchStats s = AppsBenchStats.of(column);
            p.row(names[i], fmt(s.median(), 1), fmt(s.p90(), 1));
        }
        md.append(p).append('\n');
        if (!creates.isEmpty()) {
            md.append(String.format("For comparison, on a queue nobody polls: create %s ms, delete %s ms (medians of "
                    + "%d).%n%n", fmt(AppsBenchStats.of(creates).median(), 1),
                    fmt(AppsBenchStats.of(deletes).median(), 1), creates.size()));
        }
    }

    private static void row(AppsBenchTable t, String what, AppsBenchStats s, int decimals) {
        t.row(what, Integer.toString(s.count()), fmt(s.min(), decimals), fmt(s.median(), decimals),
                fmt(s.p90(), decimals), fmt(s.max(), decimals));
    }
}
