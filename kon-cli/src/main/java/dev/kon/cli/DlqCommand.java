package dev.kon.cli;

import dev.kon.queue.DeadLetterQueue;
import dev.kon.queue.QueueMessage;
import dev.kon.task.UserText;
import dev.kon.wire.LargeBodies;
import java.io.PrintStream;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code kon dlq}: what the dead-letter queue holds, and why; send it back, or empty it. */
@Command(name = "dlq", mixinStandardHelpOptions = true,
        description = {"See, redrive or purge the dead-letter queue (the task queue's NAME-dead).",
            "Kon moves a message there with the reason, its source queue, when, and after how many receives."},
        subcommands = {DlqCommand.ListMessages.class, DlqCommand.Show.class, DlqCommand.Redrive.class,
            DlqCommand.Purge.class})
final class DlqCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The dead-letter queue of the options' task queue, in a context the caller closes. */
    static DeadLetterQueue open(CloudContext ctx) {
        return new DeadLetterQueue(ctx.backend.queues(), ctx.backend.queues().open(ctx.names.deadLetterQueue()),
                ctx.names.taskQueue());
    }

    static DeadLetterView view(CloudContext ctx, DeadLetterQueue dlq, QueueMessage m) {
        return new DeadLetterView(m, dlq.sourceOf(m), new LargeBodies(ctx.backend.blobs(),
                dev.kon.queue.QueueLimits.SQS));
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "List the dead-lettered messages: id, run, bundle, tasks, when moved, reason.")
    static final class ListMessages implements Callable<Integer> {
        @Mixin
        CloudOptions cloud = new CloudOptions();

        @Option(names = {"-n", "--limit"}, paramLabel = "N", defaultValue = "1000",
                description = "List at most N messages (default: ${DEFAULT-VALUE}).")
        int limit;

        @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "text",
                description = "text (default) or json (fields in the README).")
        OutputFormat output;

        @Override
        public Integer call() {
            if (limit < 1) {
                throw new IllegalArgumentException("--limit must be at least 1, was " + limit);
            }
            try (CloudContext ctx = CloudContext.open(cloud)) {
                DeadLetterQueue dlq = open(ctx);
                List<QueueMessage> messages = dlq.list(limit);
                List<DeadLetterView> views = messages.stream().map(m -> view(ctx, dlq, m)).toList();
                if (output == OutputFormat.json) {
                    System.out.println(DeadLetterView.json(g -> {
                        g.writeStartObject();
                        g.writeStringField("queue", dlq.name());
                        g.writeNumberField("count", views.size());
                        g.writeArrayFieldStart("messages");
                        for (DeadLetterView v : views) {
                            v.object(g, false);
                        }
                        g.writeEndArray();
                        g.writeEndObject();
                    }));
                    return ExitCodes.OK;
                }
                System.out.printf("%,d message(s) on %s%n", views.size(), dlq.name());
                if (!views.isEmpty()) {
                    System.out.println(DeadLetterView.header());
                    views.forEach(v -> System.out.println(v.row()));
                }
                return ExitCodes.OK;
            }
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "Show one dead-lettered message: the reason, the source queue, the tasks' first lines.")
    static final class Show implements Callable<Integer> {
        @Mixin
        CloudOptions cloud = new CloudOptions();

        @Parameters(paramLabel = "ID", description = "The message id, as 'kon dlq list' shows it.")
        String id;

        @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "text",
                description = "text (default) or json (fields in the README).")
        OutputFormat output;

        @Override
        public Integer call() {
            try (CloudContext ctx = CloudContext.open(cloud)) {
                DeadLetterQueue dlq = open(ctx);
                Optional<QueueMessage> m = dlq.find(id);
                if (m.isEmpty()) {
                    System.err.println("kon: no message '" + UserText.excerpt(id) + "' on " + dlq.name());
                    return ExitCodes.BAD_INPUT;
                }
                DeadLetterView v = view(ctx, dlq, m.get());
                System.out.print(output == OutputFormat.json ? DeadLetterView.json(g -> v.object(g, true))
                        + System.lineSeparator() : v.detail());
                return ExitCodes.OK;
            }
        }
    }

    @Command(name = "redrive", mixinStandardHelpOptions = true,
            description = {"Send messages back to the queue they came from, to run again; each is deleted from the "
                    + "dead-letter queue only once it is there.",
                "A redriven bundle runs for real, and its run's record counts its tasks once."})
    static final class Redrive implements Callable<Integer> {
        @Mixin
        CloudOptions cloud = new CloudOptions();

        @Parameters(paramLabel = "ID", arity = "0..*", description = "Message ids, as 'kon dlq list' shows them.")
        List<String> ids = List.of();

        @Option(names = "--all", description = "Redrive every message.")
        boolean all;

        @Override
        public Integer call() {
            if (all == !ids.isEmpty()) {
                throw new IllegalArgumentException("give message ids or --all (one of the two)");
            }
            try (CloudContext ctx = CloudContext.open(cloud)) {
                DeadLetterQueue dlq = open(ctx);
                Set<String> wanted = Set.copyOf(ids);
                DeadLetterQueue.Redrive r = dlq.redrive(m -> all || wanted.contains(m.messageId()));
                System.out.printf("redrove %,d message(s) from %s%n", r.moved().size(), dlq.name());
                r.failed().forEach((id, why) -> System.err.println("kon: " + id + " stays: " + why));
                List<String> missing = ids.stream().filter(id -> !r.moved().contains(id)
                        && !r.failed().containsKey(id)).toList();
                missing.forEach(id -> System.err.println("kon: no message '" + UserText.excerpt(id) + "' on "
                        + dlq.name()));
                return r.failed().isEmpty() && missing.isEmpty() ? ExitCodes.OK : ExitCodes.TASKS_FAILED;
            }
        }
    }

    @Command(name = "purge", mixinStandardHelpOptions = true,
            description = {"Delete every message on the dead-letter queue, for good.",
                "kon asks first on a terminal; elsewhere it needs --yes."})
    static final class Purge implements Callable<Integer> {
        @Mixin
        CloudOptions cloud = new CloudOptions();

        @Option(names = {"-y", "--yes"}, description = "Delete without asking.")
        boolean yes;

        /** Asks a question on the terminal and answers the reply, or null when there is no terminal. */
        Function<String, String> terminal = Confirmation.TERMINAL;

        @Override
        public Integer call() {
            try (CloudContext ctx = CloudContext.open(cloud)) {
                DeadLetterQueue dlq = open(ctx);
                if (!yes && !confirmed(dlq.name(), terminal, System.err)) {
                    return ExitCodes.BAD_INPUT;
                }
                System.out.printf("deleted %,d message(s) from %s%n", dlq.purge(), dlq.name());
                return ExitCodes.OK;
            }
        }

        static boolean confirmed(String queue, Function<String, String> terminal, PrintStream err) {
            return Confirmation.ask("delete every message on '" + queue + "' for good? [y/N] ",
                    "kon: nothing deleted: give --yes to purge '" + queue + "' (there is no terminal to ask on)",
                    terminal, err);
        }
    }
}
