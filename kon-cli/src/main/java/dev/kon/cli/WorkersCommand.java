package dev.kon.cli;

import dev.kon.workers.WorkerRecord;
import dev.kon.workers.WorkerRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code kon workers}: the workers heartbeating into the worker registry. */
@Command(name = "workers", mixinStandardHelpOptions = true,
        description = {"List the live workers: id, host, pid, threads, queue, status, tasks done, rate, the runs "
                + "whose bundles they hold, and when each last heartbeat came.",
            "A worker writes its heartbeat every 10 seconds; one not seen for 30 seconds is lost (it died or cannot "
                    + "reach DynamoDB). --all adds lost and stopped workers, kept for a day."})
final class WorkersCommand implements Callable<Integer> {
    @Mixin
    CloudOptions cloud = new CloudOptions();

    @Option(names = "--all", description = "Also list lost and stopped workers.")
    boolean all;

    @Option(names = "--lost-after", paramLabel = "DURATION", defaultValue = "30s",
            description = "Take a worker not seen for this long as lost (" + DurationConverter.FORMATS
                    + "; default: ${DEFAULT-VALUE}, three missed heartbeats).")
    Duration lostAfter;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "text",
            description = "text (default) or json (an array of workers; fields in the README).")
    OutputFormat output;

    @Override
    public Integer call() {
        if (lostAfter.isNegative() || lostAfter.isZero()) {
            throw new IllegalArgumentException("--lost-after must be > 0s, was " + lostAfter.toMillis() + "ms");
        }
        try (CloudContext ctx = CloudContext.open(cloud)) {
            WorkerRegistry registry = ctx.backend.workers();
            Instant now = Clock.systemUTC().instant();
            List<WorkerRecord> shown = WorkerView.sorted(all ? registry.all() : registry.live(now, lostAfter), now,
                    lostAfter);
            if (output == OutputFormat.json) {
                System.out.println(WorkerView.json(shown, now, lostAfter));
                return ExitCodes.OK;
            }
            if (shown.isEmpty()) {
                System.out.println((all ? "no workers seen in the last day" : "no live workers")
                        + " on table '" + ctx.names.workersTable() + "'" + (all ? "" : " (--all shows lost and "
                        + "stopped ones)"));
                return ExitCodes.OK;
            }
            System.out.println(WorkerView.header());
            shown.forEach(w -> System.out.println(new WorkerView(w, now, lostAfter).row()));
            return ExitCodes.OK;
        }
    }
}
