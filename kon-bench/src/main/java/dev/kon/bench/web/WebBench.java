package dev.kon.bench.web;

import dev.kon.bench.BenchHarness;
import dev.kon.client.RunSpec;
import dev.kon.runs.RunRecord;
import dev.kon.web.KonWeb;
import dev.kon.workers.WorkerRecord;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntFunction;

/**
 * {@code kon bench web}: the figures the web issue asks for, on a local cloud with {@code kon web} in this JVM and
 * the registries filled through their ports (see {@link WebBed}). Measures the dashboard's first load (its HTML,
 * CSS and scripts, then the API calls its script makes, as a browser fetches them: time until the page's data is
 * there; drawing it is not included), each GET endpoint's latency, and how long a change in the registries or the
 * task queue takes to reach the dashboard's API and the page's polling loop. Prints a markdown report and writes
 * it to {@value #FILE}. Not thread-safe: one run at a time.
 */
public final class WebBench {
    /** The report's file name in the output folder. */
    public static final String FILE = "web.md";
    /** The targets. */
    static final double FIRST_LOAD_MS = 300;
    static final double API_P95_MS = 50;
    static final double LAG_MS = 1000;
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT);

    private final PrintWriter log;

    public WebBench(PrintWriter log) {
        this.log = Objects.requireNonNull(log, "log");
    }

    /** A fresh {@code bench-results/<yyyyMMdd-HHmmss>-web} folder name. */
    public static Path defaultOutDir() {
        return BenchHarness.DEFAULT_ROOT.resolve(LocalDateTime.now().format(STAMP) + "-web");
    }

    /**
     * Runs the plan; writes {@value #FILE} into {@code dir} (created if missing).
     *
     * @return whether every target was met
     */
    public boolean run(WebBenchPlan plan, Path dir) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        StringBuilder report = new StringBuilder();
        report.append(String.format(Locale.ROOT, "## kon bench web, %s%n%nLoad before: %s. %d runs, %d workers; "
                + "%d first loads, %d requests per endpoint, %d changes per kind.%n%n", LocalDateTime.now()
                .withNano(0), load(), plan.runs(), plan.workers(), plan.loads(), plan.requests(), plan.lagTrials()));
        log.println("starting a local cloud and kon web");
        log.flush();
        boolean met;
        try (WebBed bed = WebBed.start()) {
            bed.fill(plan.runs(), plan.workers());
            Pages pages = new Pages(bed.base());
            Targets targets = new Targets();
            report.append(firstLoad(bed, plan, targets));
            report.append(api(bed, pages, plan, targets));
            report.append(lag(bed, pages, plan, targets));
            met = targets.met;
        }
        report.append(String.format(Locale.ROOT, "%nLoad after: %s. All targets met: %s.%n", load(),
                met ? "yes" : "no"));
        Files.writeString(dir.resolve(FILE), report, StandardCharsets.UTF_8);
        log.print(report);
        log.printf("written to %s%n", dir.resolve(FILE));
        log.flush();
        return met;
    }

    private static final class Targets {
        boolean met = true;

        String check(double value, double target) {
            boolean ok = value < target;
            met &= ok;
            return ok ? "met" : "not met";
        }
    }

    private String firstLoad(WebBed bed, WebBenchPlan plan, Targets targets) throws InterruptedException {
        log.println("timing first loads of the dashboard");
        log.flush();
        List<long[]> loads = new ArrayList<>();
        for (int i = 0; i < plan.loads(); i++) {
            // Fresh connections each time, as a browser opening the page for the first time.
            Pages fresh = new Pages(bed.base());
            long start = System.nanoTime();
            String page = fresh.get("/");
            long html = System.nanoTime();
            if (!page.contains("dashboard.js")) {
                throw new IllegalStateException("GET / did not answer the dashboard");
            }
            fresh.getAll(Pages.DASHBOARD_ASSETS);
            long assets = System.nanoTime();
            fresh.getAll(Pages.DASHBOARD_CALLS);
            long data = System.nanoTime();
            loads.add(new long[] {data - start, html - start, assets - html, data - assets});
        }
        StringBuilder sb = new StringBuilder("### Dashboard first load: HTML, then CSS and scripts at once, then "
                + "/api/queues, /api/workers, /api/runs at once\n\n"
                + "| | total ms | HTML ms | CSS, scripts ms | API calls ms | target | |\n"
                + "|---|---|---|---|---|---|---|\n");
        long[] first = loads.get(0);
        sb.append(loadRow("the very first after the server started", first[0] / 1e6, first[1] / 1e6,
                first[2] / 1e6, first[3] / 1e6, targets));
        if (loads.size() > 1) {
            List<long[]> rest = loads.subList(1, loads.size());
            Millis[] m = new Millis[4];
            for (int c = 0; c < 4; c++) {
                int col = c;
                m[c] = Millis.ofNanos(rest.stream().map(l -> l[col]).toList());
            }
            sb.append(loadRow("median of the next " + rest.size(), m[0].p(50), m[1].p(50), m[2].p(50), m[3].p(50),
                    targets));
            sb.append(loadRow("p95 of the next " + rest.size(), m[0].p(95), m[1].p(95), m[2].p(95), m[3].p(95),
                    targets));
            sb.append(String.format(Locale.ROOT, "| max of the next %d | %s | | | | | |%n", rest.size(),
                    Millis.fmt(m[0].max())));
        }
        return sb.append('\n').toString();
    }

    private static String loadRow(String what, double total, double html, double assets, double api,
            Targets targets) {
        return String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | < %d | %s |%n", what, Millis.fmt(total),
                Millis.fmt(html), Millis.fmt(assets), Millis.fmt(api), (int) FIRST_LOAD_MS,
                targets.check(total, FIRST_LOAD_MS));
    }

    private String api(WebBed bed, Pages pages, WebBenchPlan plan, Targets targets) throws InterruptedException {
        List<String> paths = List.of("/api/runs", "/api/workers", "/api/queues", "/api/runs/" + bed.runningRun(),
                "/api/runs/" + bed.runningRun() + "/history", "/api/runs/" + bed.failedRun() + "/failures",
                "/api/session", "/");
        StringBuilder sb = new StringBuilder("### API latency, one request at a time on a kept-alive connection\n\n"
                + "| GET | bytes | p50 ms | p95 ms | p99 ms | max ms | p95 target " + (int) API_P95_MS + " ms |\n"
                + "|---|---|---|---|---|---|---|\n");
        for (String path : paths) {
            log.println("timing GET " + path);
            log.flush();
            int bytes = 0;
            for (int i = 0; i < WebBenchPlan.WARMUP; i++) {
                bytes = pages.get(path).length();
            }
            List<Long> nanos = new ArrayList<>();
            for (int i = 0; i < plan.requests(); i++) {
                long start = System.nanoTime();
                pages.get(path);
                nanos.add(System.nanoTime() - start);
            }
            Millis m = Millis.ofNanos(nanos);
            String shown = path.replace(bed.runningRun(), "RUN").replace(bed.failedRun(), "RUN");
            sb.append(String.format(Locale.ROOT, "| %s | %,d | %s | %s | %s | %s | %s |%n", shown, bytes,
                    Millis.fmt(m.p(50)), Millis.fmt(m.p(95)), Millis.fmt(m.p(99)), Millis.fmt(m.max()),
                    targets.check(m.p(95), API_P95_MS)));
        }
        return sb.append('\n').toString();
    }

    private String lag(WebBed bed, Pages pages, WebBenchPlan plan, Targets targets) throws InterruptedException {
        StringBuilder sb = new StringBuilder("### Live updates: from a change to the dashboard showing it\n\n"
                + "API: the endpoint asked again at once until it shows the change. Page: the dashboard's own loop "
                + "(the three calls, then " + KonWeb.POLL_MILLIS + " ms pause), the change made at a random moment "
                + "of it.\n\n| change | API median ms | API max ms | page median ms | page p95 ms | page max ms | "
                + "target " + (int) LAG_MS + " ms |\n|---|---|---|---|---|---|---|\n");
        WorkerRecord w = bed.workers.get(0);
        int base = 1_000_000;
        sb.append(lagRow("a run registered (/api/runs)", plan, pages, "/api/runs", targets, k -> {
            String marker = "lag-" + k + ".txt";
            bed.backend.runs().register(RunRecord.submitting(RunSpec.newRunId(), Instant.now(), "bench", marker,
                    WebBed.NAMES.taskQueue(), 1, 0));
            return "\"workload\":\"" + marker + "\"";
        }));
        sb.append(lagRow("a worker's heartbeat (/api/workers)", plan, pages, "/api/workers", targets, k -> {
            bed.backend.workers().heartbeat(new WorkerRecord(w.workerId(), w.host(), w.pid(), w.version(),
                    w.threads(), w.queue(), w.started(), base + k, w.tasksPerSecond(), w.runs(), w.status(),
                    Instant.now()));
            return "\"tasksDone\":" + (base + k) + ",";
        }));
        var taskQueue = bed.backend.queues().open(WebBed.NAMES.taskQueue());
        sb.append(lagRow("a message on the task queue (/api/queues)", plan, pages, "/api/queues", targets, k -> {
            taskQueue.send(List.of("bench message " + k));
            return "\"name\":\"" + WebBed.NAMES.taskQueue() + "\",\"kind\":\"task\",\"visible\":" + k + ",";
        }));
        return sb.toString();
    }

    /** Makes change {@code k} (1, 2, ...) and answers the text that shows it in the endpoint's answer. */
    private String lagRow(String name, WebBenchPlan plan, Pages pages, String path, Targets targets,
            IntFunction<String> change) throws InterruptedException {
        log.println("timing how late the dashboard shows " + name);
        log.flush();
        List<Long> api = new ArrayList<>();
        List<Long> page = new ArrayList<>();
        int k = 0;
        for (int i = 0; i < plan.lagTrials(); i++) {
            String marker = change.apply(++k);
            long start = System.nanoTime();
            api.add(until(() -> pages.get(path).contains(marker), start));
        }
        try (DashboardPoller poller = new DashboardPoller(pages, KonWeb.POLL_MILLIS)) {
            for (int i = 0; i < plan.lagTrials(); i++) {
                Thread.sleep(ThreadLocalRandom.current().nextLong(KonWeb.POLL_MILLIS));
                String marker = change.apply(++k);
                long start = System.nanoTime();
                long seen = poller.awaitAfter(start, s -> s.shows(marker), 10_000);
                if (seen < 0) {
                    throw new IllegalStateException("the dashboard did not show " + name + " within 10 s");
                }
                page.add(seen - start);
            }
        }
        Millis a = Millis.ofNanos(api);
        Millis p = Millis.ofNanos(page);
        return String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s |%n", name, Millis.fmt(a.p(50)),
                Millis.fmt(a.max()), Millis.fmt(p.p(50)), Millis.fmt(p.p(95)), Millis.fmt(p.max()),
                targets.check(p.max(), LAG_MS + 0.001));
    }

    private interface Check {
        boolean shows() throws InterruptedException;
    }

    private static long until(Check check, long start) throws InterruptedException {
        long end = start + 10_000_000_000L;
        while (!check.shows()) {
            if (System.nanoTime() > end) {
                throw new IllegalStateException("a change did not show within 10 s");
            }
        }
        return System.nanoTime() - start;
    }

    /** The machine's load averages as {@code uptime} prints them, or the JVM's one-minute figure. */
    private static String load() {
        try {
            String s = Files.readString(Path.of("/proc/loadavg")).trim();
            String[] f = s.split(" ");
            return "load average " + f[0] + ", " + f[1] + ", " + f[2] + " on "
                    + Runtime.getRuntime().availableProcessors() + " cores";
        } catch (IOException | RuntimeException e) {
            return String.format(Locale.ROOT, "load average %.2f",
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }
}
