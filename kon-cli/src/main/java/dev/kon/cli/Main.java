package dev.kon.cli;

import dev.kon.FatalErrors;
import dev.kon.KonException;
import dev.kon.workload.WorkloadException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code kon} command. */
@Command(name = "kon", mixinStandardHelpOptions = true, version = "kon 0.1.0",
        description = {"Kon runs many tasks over many workers, on one machine or on AWS (SQS, DynamoDB, S3), and "
                + "runs each task exactly once.", ""},
        subcommands = {RunCommand.class, WorkloadCommand.class, CloudCommand.class, WorkerCommand.class,
            SubmitCommand.class, CollectCommand.class, RunsCommand.class, StatusCommand.class, CancelCommand.class,
            CalCommand.class,
            PicCommand.class, AnimotoCommand.class,
            DemoCommand.class, BenchCommand.class,
            CommandLine.HelpCommand.class},
        footer = {"", "Exit codes: 0 all tasks succeeded, 1 some tasks failed or are missing, 2 bad input "
                + "(usage, workload file), 3 the backend failed, 4 the process could not go on (out of memory, a task that "
                + "would not stop; replace it)."})
public final class Main implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(Main.class);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        // A thread that dies of an error of the machine (out of memory) ends the process loudly, rather than
        // leaving it up with a part missing.
        Thread.setDefaultUncaughtExceptionHandler((t, e) -> {
            if (FatalErrors.isFatal(e)) {
                dieOf(e);
            }
            System.err.println("kon: thread " + t.getName() + " failed: " + e);
        });
        int code;
        try {
            code = execute(args);
        } catch (Throwable e) {
            dieOf(e);
            return;
        }
        System.exit(code);
    }

    /** Ends the process at once with {@link ExitCodes#PROCESS_FAILED}, saying why on stderr. */
    static void dieOf(Throwable e) {
        try {
            System.err.println("kon: cannot go on: " + (e instanceof KonException ? e.getMessage() : e.toString()));
            System.err.flush();
        } finally {
            Runtime.getRuntime().halt(ExitCodes.PROCESS_FAILED);
        }
    }

    /** Runs the command line and answers the exit code (for tests). */
    public static int execute(String... args) {
        CommandLine cl = commandLine();
        return cl.execute(args);
    }

    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        cl.registerConverter(java.time.Duration.class, new DurationConverter());
        cl.setExecutionExceptionHandler((ex, line, parsed) -> {
            PrintWriter err = line.getErr();
            if (ex instanceof WorkloadException we) {
                err.println("kon: " + we.getMessage());
                we.errors().forEach(e -> err.println("  " + e));
                return ExitCodes.BAD_INPUT;
            }
            if (ex instanceof IllegalArgumentException) {
                err.println("kon: " + ex.getMessage());
                return ExitCodes.BAD_INPUT;
            }
            boolean fatal = ex.getCause() != null && FatalErrors.isFatal(ex.getCause());
            var explained = CloudErrors.explain(ex);
            if (explained.isPresent() && !fatal) {
                err.println("kon: " + explained.get());
                return ExitCodes.BACKEND;
            }
            if (ex instanceof KonException) {
                err.println("kon: " + ex.getMessage());
                return fatal ? ExitCodes.PROCESS_FAILED : ExitCodes.BACKEND;
            }
            if (ex instanceof UncheckedIOException || ex instanceof IOException) {
                err.println("kon: " + ex.getMessage());
                return ExitCodes.BACKEND;
            }
            // A defect: one line for the user, the stack trace for whoever reports it.
            err.println("kon: unexpected " + ex + " (KON_LOG=debug shows where)");
            LOG.debug("unexpected failure", ex);
            return ExitCodes.BACKEND;
        });
        return cl;
    }
}
