package dev.kon.cli;

import dev.kon.FatalErrors;
import dev.kon.KonException;
import dev.kon.workload.WorkloadException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code kon} command. */
@Command(name = "kon", mixinStandardHelpOptions = true, version = "kon 0.1.0",
        description = {"Kon runs many tasks over many workers, on one machine or on AWS (SQS, DynamoDB, S3), and "
                + "runs each task exactly once.", ""},
        footer = {"", "Exit codes: 0 all tasks succeeded, 1 some tasks failed or are missing, 2 bad input "
                + "(usage, workload file), 3 the backend failed, 4 the process could not go on (out of memory, a task that "
                + "would not stop; replace it)."})
public final class Main implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(Main.class);
    /**
     * The subcommands by name, in the order the usage help lists them. Picocli reads a command's whole model
     * (every option of every nested command) when it is added, so a run adds only the one it was asked for; see
     * {@link #commandLine(String...)}.
     */
    static final Map<String, Class<?>> SUBCOMMANDS = subcommands();

    private static final Set<String> VERSION_OPTIONS = Set.of("-V", "--version");

    private static Map<String, Class<?>> subcommands() {
        Map<String, Class<?>> m = new LinkedHashMap<>();
        m.put("run", RunCommand.class);
        m.put("workload", WorkloadCommand.class);
        m.put("cloud", CloudCommand.class);
        m.put("worker", WorkerCommand.class);
        m.put("submit", SubmitCommand.class);
        m.put("collect", CollectCommand.class);
        m.put("runs", RunsCommand.class);
        m.put("status", StatusCommand.class);
        m.put("cancel", CancelCommand.class);
        m.put("failures", FailuresCommand.class);
        m.put("retry", RetryCommand.class);
        m.put("dlq", DlqCommand.class);
        m.put("workers", WorkersCommand.class);
        m.put("cal", CalCommand.class);
        m.put("pic", PicCommand.class);
        m.put("animoto", AnimotoCommand.class);
        m.put("web", WebCommand.class);
        m.put("demo", DemoCommand.class);
        m.put("bench", BenchCommand.class);
        m.put("fleet", FleetCommand.class);
        m.put("autoscale", AutoscaleCommand.class);
        m.put("help", CommandLine.HelpCommand.class);
        return m;
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        // Picocli looks for Groovy's Closure class when it starts, a search through every jar on the class path
        // (some 170) that always fails: Kon has no Groovy.
        System.setProperty("picocli.disable.closures", "true");
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
        CommandLine cl = commandLine(args);
        return cl.execute(args);
    }

    /** The command line with every subcommand, as {@code kon --help} shows it. */
    static CommandLine commandLine() {
        return withSubcommands(SUBCOMMANDS.keySet());
    }

    /**
     * The command line for {@code args}: with only the subcommand they name, none for {@code kon --version}, and
     * all of them otherwise (usage help, {@code kon help}, a mistyped name that picocli suggests a fix for).
     * Reading every command's model costs more than the JVM's own start.
     */
    static CommandLine commandLine(String... args) {
        return withSubcommands(subcommandsFor(args));
    }

    static Set<String> subcommandsFor(String... args) {
        for (String a : args) {
            if (a.startsWith("-")) {
                if (!VERSION_OPTIONS.contains(a)) {
                    return SUBCOMMANDS.keySet();
                }
                continue;
            }
            // The top command's options take no values, so the first other word names the subcommand.
            return SUBCOMMANDS.containsKey(a) && !a.equals("help") ? Set.of(a) : SUBCOMMANDS.keySet();
        }
        return args.length == 0 ? SUBCOMMANDS.keySet() : Set.of();
    }

    private static CommandLine withSubcommands(Set<String> names) {
        CommandLine cl = new CommandLine(new Main());
        for (String name : names) {
            cl.addSubcommand(name, SUBCOMMANDS.get(name));
        }
        // After the subcommands: picocli gives a converter and a handler to the commands present when they are set.
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
