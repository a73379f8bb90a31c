package dev.kon.cli;

import dev.kon.apps.stats.StatsAnswer;
import dev.kon.apps.stats.StatsRequest;
import dev.kon.task.Task;
import dev.kon.task.TaskResult;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code kon cal}: CloudCal, statistics of a list of numbers computed by a worker. */
@Command(name = "cal", mixinStandardHelpOptions = true,
        description = {"CloudCal: send numbers to a worker, get back min, max, average and median (exact), and a "
                + "log of the calculation in the bucket under logs/cloudcal/.",
            "Numbers come from the arguments, --file, or, with neither, are asked for on the terminal."})
final class CalCommand implements Callable<Integer> {
    @Parameters(paramLabel = "NUMBER", arity = "0..*", description = "The numbers (integers or decimals).")
    List<String> numbers = List.of();

    @Option(names = "--file", paramLabel = "FILE", description = "Read the numbers from a file (spaces, commas, lines).")
    Path file;

    @Option(names = "--json", description = "Print the answer as one line of JSON.")
    boolean json;

    @Option(names = "--timeout", defaultValue = "60s", description = "Wait this long for the answer (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Mixin
    CloudOptions cloud = new CloudOptions();

    @Override
    public Integer call() throws Exception {
        String text = input();
        StatsRequest request;
        try {
            request = StatsRequest.parse(text);
        } catch (IllegalArgumentException e) {
            System.err.println("kon cal: " + e.getMessage() + "; nothing was sent");
            return ExitCodes.BAD_INPUT;
        }
        try (CloudContext ctx = CloudContext.open(cloud)) {
            TaskResult r = Requests.sendOne(ctx.backend, cloud.queue, new Task(1, "stats", request.toArgs()), timeout);
            if (r == null) {
                return ExitCodes.TASKS_FAILED;
            }
            if (!r.succeeded()) {
                System.err.println("kon cal: the worker refused: " + r.output());
                return ExitCodes.TASKS_FAILED;
            }
            StatsAnswer answer = StatsAnswer.parse(r.output());
            System.out.print(json ? answer.toJson() + "\n" : answer.toText());
            return ExitCodes.OK;
        }
    }

    private String input() throws Exception {
        if (file != null) {
            if (!numbers.isEmpty()) {
                throw new IllegalArgumentException("give the numbers as arguments or with --file, not both");
            }
            try {
                return Files.readString(file);
            } catch (NoSuchFileException e) {
                throw new IllegalArgumentException(file + ": no such file");
            }
        }
        if (!numbers.isEmpty()) {
            return String.join(" ", numbers);
        }
        if (System.console() == null) {
            throw new IllegalArgumentException("no numbers given (pass them as arguments or with --file)");
        }
        System.err.print("Numbers, separated by spaces (e.g. 20 of them), then Enter: ");
        System.err.flush();
        String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        return line == null ? "" : line;
    }
}
