package dev.kon.cli;

import dev.kon.runs.RunRecord;
import dev.kon.runs.RunState;
import dev.kon.task.UserText;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code kon cancel RUN_ID}: marks a run cancelled; workers drop its bundles and stop its running tasks. */
@Command(name = "cancel", mixinStandardHelpOptions = true,
        description = {"Cancel a run: workers drop its bundles as they receive them and stop its running tasks "
                + "within a few seconds; each such task is reported failed ('cancelled'). Its client (or 'kon "
                + "collect') reports the run as cancelled once the workers have answered for every task.",
            "Exit codes: 0 cancelled, 1 the run had ended already, 2 unknown run."})
final class CancelCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "RUN_ID", description = "The run id 'kon submit' or 'kon runs' printed.")
    String runId;

    @Mixin
    CloudOptions cloud = new CloudOptions();

    @Override
    public Integer call() {
        try (CloudContext ctx = CloudContext.open(cloud)) {
            var runs = ctx.backend.runs();
            if (runs.cancel(runId, Clock.systemUTC().instant())) {
                System.out.println("cancelled run " + runId + "; workers stop its tasks within a few seconds");
                return ExitCodes.OK;
            }
            RunRecord run = runs.find(runId).orElseThrow(() -> new IllegalArgumentException("run '"
                    + UserText.excerpt(runId) + "' is unknown on table '" + ctx.names.runsTable()
                    + "' (wrong id, or older than the 7-day retention)"));
            System.out.println("run " + runId + " is " + run.state().name().toLowerCase(java.util.Locale.ROOT)
                    + " already; nothing to cancel");
            return run.state() == RunState.CANCELLED ? ExitCodes.OK : ExitCodes.TASKS_FAILED;
        }
    }
}
