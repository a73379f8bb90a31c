package dev.kon.cli;

import dev.kon.bench.web.WebBench;
import dev.kon.bench.web.WebBenchPlan;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code kon bench web}: the web issue's figures (dashboard first load, API latency, update lag) on a local cloud. */
@Command(name = "web", mixinStandardHelpOptions = true,
        description = {"Time 'kon web' on a local cloud (SQS, DynamoDB, S3 on 127.0.0.1, started in this process "
                + "and torn down at the end) with --runs runs and --workers workers written to the registries. "
                + "Figures, not a pass/fail test.",
            "",
            "first load: the dashboard's HTML, CSS and scripts, then the three API calls its script makes, as a "
                + "browser fetches them, on fresh connections (drawing is not included). Target: under 300 ms.",
            "API:        p50/p95/p99 of each GET endpoint over --requests requests. Target: p95 under 50 ms.",
            "updates:    time from a change (a run registered, a worker's heartbeat, a message queued) until the API "
                + "and the dashboard's polling loop show it. Target: at most 1 s.",
            "",
            "Prints a markdown report and writes it to web.md in bench-results/<timestamp>-web/ (or --out); exit 0 "
                + "when every target is met, 1 when one is not."},
        footer = {"", "Examples:", "  kon bench web", "  kon bench web --requests 1000 --runs 500"})
final class WebBenchCommand implements Callable<Integer> {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--runs", paramLabel = "N", description = "Runs in the run registry (default: ${DEFAULT-VALUE}).")
    int runs = WebBenchPlan.defaults().runs();

    @Option(names = "--workers", paramLabel = "N",
            description = "Workers in the worker registry (default: ${DEFAULT-VALUE}).")
    int workers = WebBenchPlan.defaults().workers();

    @Option(names = "--loads", paramLabel = "N", description = "Dashboard first loads (default: ${DEFAULT-VALUE}).")
    int loads = WebBenchPlan.defaults().loads();

    @Option(names = "--requests", paramLabel = "N",
            description = "Timed requests per endpoint (default: ${DEFAULT-VALUE}).")
    int requests = WebBenchPlan.defaults().requests();

    @Option(names = "--changes", paramLabel = "N",
            description = "Changes timed per kind, for the API and for the page (default: ${DEFAULT-VALUE}).")
    int changes = WebBenchPlan.defaults().lagTrials();

    @Option(names = "--out", paramLabel = "DIR",
            description = "Folder for web.md (default: bench-results/<timestamp>-web).")
    Path out;

    @Override
    public Integer call() throws Exception {
        within("--runs", runs, WebBenchPlan.MAX_RUNS);
        within("--workers", workers, WebBenchPlan.MAX_WORKERS);
        within("--loads", loads, 100_000);
        within("--requests", requests, 1_000_000);
        within("--changes", changes, 10_000);
        WebBenchPlan plan = new WebBenchPlan(runs, workers, loads, requests, changes);
        boolean met = new WebBench(spec.commandLine().getOut()).run(plan, out != null ? out : WebBench.defaultOutDir());
        return met ? ExitCodes.OK : ExitCodes.TASKS_FAILED;
    }

    private void within(String option, int value, int max) {
        if (value < 1 || value > max) {
            throw new ParameterException(spec.commandLine(), option + " must be 1.." + max + ", was " + value);
        }
    }
}
