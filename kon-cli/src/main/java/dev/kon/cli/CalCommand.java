package dev.kon.cli;

import dev.kon.apps.stats.StatsAnswer;
import dev.kon.apps.stats.StatsRequest;
import dev.kon.api.Kon;
import dev.kon.client.RequestSession;
import dev.kon.task.Task;
import dev.kon.task.TaskResult;
import dev.kon.view.CalJson;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
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
            "Numbers come from the arguments, from --file, or from standard input (a pipe: 'echo 5 6 7 | kon cal'). "
                + "With none of these on a terminal, kon cal asks for them, one request per line, until an empty "
                + "line or end of input (Ctrl-D); a bad line is reported and skipped, and the exit code is 1 if any "
                + "request had no answer or was refused by the worker."})
final class CalCommand implements Callable<Integer> {
    static final String PROMPT = "Numbers, separated by spaces (e.g. 20 of them), then Enter (empty line ends): ";

    @Parameters(paramLabel = "NUMBER", arity = "0..*", description = "The numbers (integers or decimals).")
    List<String> numbers = List.of();

    @Option(names = "--file", paramLabel = "FILE",
            description = "Read the numbers from a file, '-' for standard input (spaces, commas, lines).")
    Path file;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "text",
            description = "text (default) or json (one line per answer; fields in the README).")
    OutputFormat output;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "60s",
            description = "Wait this long for the answer (" + DurationConverter.FORMATS
                    + "; default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Mixin
    CloudOptions cloud = new CloudOptions();

    /** More input than the most numbers allowed can take; a pipe that never ends is refused, not read to the end. */
    static final int MAX_INPUT_BYTES = 64 << 20;

    @Override
    public Integer call() throws Exception {
        if (file == null && numbers.isEmpty() && System.console() != null) {
            return interactive();
        }
        String text = input(System.in);
        StatsRequest request;
        try {
            request = StatsRequest.parse(text);
        } catch (IllegalArgumentException e) {
            System.err.println("kon cal: " + e.getMessage() + "; nothing was sent");
            return ExitCodes.BAD_INPUT;
        }
        Task task = task(request);
        Requests.check(List.of(task));
        try (CloudContext ctx = CloudContext.open(cloud); Kon kon = Requests.open(ctx.backend, cloud.queue)) {
            // The answer is printed before the client closes: closing (stop the receiver, delete the queue) is
            // nothing the user waits for.
            return print(Requests.sendOne(kon.requests(), task, timeout), System.out, System.err);
        }
    }

    /** Asks for numbers on the terminal, one request per line, all on one session. */
    private int interactive() throws IOException, InterruptedException {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        try (CloudContext ctx = CloudContext.open(cloud); Kon kon = Requests.open(ctx.backend, cloud.queue)) {
            return converse(kon.requests(), in, System.out, System.err);
        }
    }

    /**
     * Reads lines until an empty one or the end, sends each as a request on {@code session} and prints its answer.
     * A line that is not a list of numbers is reported on {@code err} and nothing is sent for it.
     *
     * @return 0 when every request sent was answered, 1 when one had no answer or was refused by the worker
     */
    int converse(RequestSession session, BufferedReader in, PrintStream out, PrintStream err)
            throws IOException, InterruptedException {
        int exit = ExitCodes.OK;
        while (true) {
            err.print(PROMPT);
            err.flush();
            String line = in.readLine();
            if (line == null || line.isBlank()) {
                return exit;
            }
            Task task;
            try {
                task = task(StatsRequest.parse(line));
            } catch (IllegalArgumentException e) {
                err.println("kon cal: " + e.getMessage() + "; nothing was sent");
                continue;
            }
            TaskResult answer;
            try {
                answer = Requests.sendOne(session, task, timeout);
            } catch (IllegalArgumentException e) {
                err.println("kon cal: " + e.getMessage());
                continue;
            }
            exit = Math.max(exit, print(answer, out, err));
            out.flush();
        }
    }

    private static Task task(StatsRequest request) {
        return new Task(1, "stats", request.toArgs());
    }

    /** Prints the answer (or why there is none) and answers the exit code. */
    private int print(TaskResult r, PrintStream out, PrintStream err) {
        if (r == null) {
            return ExitCodes.TASKS_FAILED;
        }
        if (!r.succeeded()) {
            err.println("kon cal: the worker refused: " + r.output());
            return ExitCodes.TASKS_FAILED;
        }
        StatsAnswer answer = StatsAnswer.parse(r.output());
        out.print(output == OutputFormat.json ? CalJson.of(answer, null) + "\n" : answer.toText());
        return ExitCodes.OK;
    }

    /** The numbers' text: the arguments, the file, or all of {@code stdin} ({@code --file -}, or nothing given). */
    String input(InputStream stdin) throws IOException {
        if (file != null && !numbers.isEmpty()) {
            throw new IllegalArgumentException("give the numbers as arguments or with --file, not both");
        }
        if (!numbers.isEmpty()) {
            return String.join(" ", numbers);
        }
        if (file == null || file.toString().equals("-")) {
            String text = readAtMost(stdin, "standard input");
            if (text.isBlank()) {
                throw new IllegalArgumentException(
                        "no numbers given (pass them as arguments, with --file, or on standard input)");
            }
            return text;
        }
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(file + (Files.exists(file) ? ": not a file" : ": no such file"));
        }
        try (InputStream in = Files.newInputStream(file)) {
            return readAtMost(in, file.toString());
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(file + ": no such file");
        }
    }

    private static String readAtMost(InputStream in, String what) throws IOException {
        byte[] bytes = in.readNBytes(MAX_INPUT_BYTES + 1);
        if (bytes.length > MAX_INPUT_BYTES) {
            throw new IllegalArgumentException(what + " holds more than " + (MAX_INPUT_BYTES >> 20)
                    + " MiB; kon cal takes at most " + String.format("%,d", StatsRequest.MAX_NUMBERS) + " numbers");
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
