package dev.kon.bench.apps;

import static dev.kon.bench.apps.Samples.fmt;

import java.util.ArrayList;
import java.util.List;

/** The markdown of the CloudCal benchmark: the round-trip table, the target, and where a round trip goes. */
final class CalReport {
    /** The figure the target is about. */
    static final String SESSION_ROW = "round trip on an open session (`Requests.sendOne`)";
    static final String ONE_SHOT_ROW = "one-shot request: clients, session, round trip, close (a `kon cal` "
            + "without JVM start)";
    static final String VERSION_ROW = "`kon --version` process (JVM start, no request)";
    static final String CAL_ROW = "`kon cal` process (JVM start + one-shot request)";
    /** Median round trip on an open session the CloudCal issue asks for, in ms. */
    static final double TARGET_MS = 30;

    private CalReport() {
    }

    static void render(StringBuilder md, int warmup, int requests, List<Double> session, List<Double> oneShot,
            List<Double> version, List<Double> cal) {
        md.append("## CloudCal: `kon cal` round trip, warm worker\n\n");
        md.append(String.format("%d requests of %d random integers, one at a time, after %d warm-up requests, "
                + "through `Requests.sendOne` as `kon cal` sends them (parse the numbers, send, read the answer; no "
                + "JVM start) on one open `RequestSession`: clients and reply queue made once, as `kon cal` on a "
                + "terminal keeps them. Then %d one-shot requests, each with its own clients and session as one "
                + "`kon cal NUMBERS...` process opens and closes them. One worker process, 1 task thread. Times in "
                + "ms.%n%n", requests, CalBench.NUMBERS, warmup, requests));
        MarkdownTable t = new MarkdownTable("measure", "n", "min", "median", "p90", "max");
        if (!session.isEmpty()) {
            row(t, SESSION_ROW, Samples.of(session), 1);
        }
        if (!oneShot.isEmpty()) {
            row(t, ONE_SHOT_ROW, Samples.of(oneShot), 1);
        }
        if (!version.isEmpty()) {
            row(t, VERSION_ROW, Samples.of(version), 0);
        }
        if (!cal.isEmpty()) {
            row(t, CAL_ROW, Samples.of(cal), 0);
        }
        md.append(t).append('\n');
        if (!session.isEmpty()) {
            Samples s = Samples.of(session);
            md.append(String.format("Target: median round trip on an open session under %s ms. Measured: median %s "
                    + "ms, p90 %s ms (%s).", fmt(TARGET_MS, 0), fmt(s.median(), 1), fmt(s.p90(), 1),
                    s.median() < TARGET_MS ? "met" : "not met"));
            if (!oneShot.isEmpty()) {
                md.append(String.format(" A one-shot request costs %s ms median beyond JVM start.",
                        fmt(Samples.of(oneShot).median(), 1)));
            }
            md.append("\n\n");
        }
    }

    /** A table of the median and p90 of each phase; {@code rows} hold one time in ms per phase. */
    static void phases(StringBuilder md, String intro, String[] names, List<double[]> rows) {
        if (rows.isEmpty()) {
            return;
        }
        md.append(intro).append("\n\n");
        MarkdownTable p = new MarkdownTable("phase", "median ms", "p90 ms");
        for (int i = 0; i < names.length; i++) {
            List<Double> column = new ArrayList<>();
            for (double[] row : rows) {
                column.add(row[i]);
            }
            Samples s = Samples.of(column);
            p.row(names[i], fmt(s.median(), 1), fmt(s.p90(), 1));
        }
        md.append(p).append('\n');
    }

    static void queueCalls(StringBuilder md, List<Double> creates, List<Double> deletes) {
        if (!creates.isEmpty()) {
            md.append(String.format("For comparison, on a queue nobody polls: create %s ms, delete %s ms (medians of "
                    + "%d).%n%n", fmt(Samples.of(creates).median(), 1),
                    fmt(Samples.of(deletes).median(), 1), creates.size()));
        }
    }

    private static void row(MarkdownTable t, String what, Samples s, int decimals) {
        t.row(what, Integer.toString(s.count()), fmt(s.min(), decimals), fmt(s.median(), decimals),
                fmt(s.p90(), decimals), fmt(s.max(), decimals));
    }
}
