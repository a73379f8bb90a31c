package dev.kon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where {@code kon cal} takes its numbers from when it is not on a terminal (as here: a test has no console):
 * arguments, {@code --file}, or standard input read whole ({@code echo 5 6 7 | kon cal}, {@code --file -}).
 */
class CalCommandInputTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream oldOut;
    private PrintStream oldErr;
    private InputStream oldIn;

    @BeforeEach
    void capture() {
        oldOut = System.out;
        oldErr = System.err;
        oldIn = System.in;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setOut(oldOut);
        System.setErr(oldErr);
        System.setIn(oldIn);
    }

    /** Runs {@code kon args} with {@code stdin} piped in. */
    private int kon(String stdin, String... args) {
        System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
        return Main.commandLine().setErr(new PrintWriter(err, true, StandardCharsets.UTF_8))
                .setOut(new PrintWriter(out, true, StandardCharsets.UTF_8)).execute(args);
    }

    private String errors() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private static InputStream piped(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void input_withNothingGivenAndAPipe_isAllOfThePipeAcrossLines() throws Exception {
        assertThat(new CalCommand().input(piped("3 1 4\n1, 5\n9\n"))).isEqualTo("3 1 4\n1, 5\n9\n");
    }

    @Test
    void input_withFileDash_isStandardInput() throws Exception {
        CalCommand cal = new CalCommand();
        cal.file = Path.of("-");

        assertThat(cal.input(piped("2 7 1 8"))).isEqualTo("2 7 1 8");
    }

    @Test
    void input_withArguments_leavesStandardInputAlone() throws Exception {
        CalCommand cal = new CalCommand();
        cal.numbers = java.util.List.of("1", "2");
        InputStream stdin = piped("9 9 9");

        assertThat(cal.input(stdin)).isEqualTo("1 2");
        assertThat(stdin.available()).isEqualTo(5);
    }

    @Test
    void cal_withABadNumberPipedIn_namesItAndExitsTwo() {
        int exit = kon("1 2\nthree 4\n", "cal");

        assertThat(exit).isEqualTo(2);
        assertThat(errors()).contains("kon cal: item 3: 'three' is not a number; nothing was sent");
    }

    @Test
    void cal_withFileDashAndABadNumber_readsStandardInput() {
        int exit = kon("5 x", "cal", "--file", "-");

        assertThat(exit).isEqualTo(2);
        assertThat(errors()).contains("kon cal: item 2: 'x' is not a number; nothing was sent");
    }

    @Test
    void cal_withAnEmptyPipe_saysHowToGiveNumbersAndExitsTwo() {
        int exit = kon("", "cal");

        assertThat(exit).isEqualTo(2);
        assertThat(errors()).contains("no numbers given (pass them as arguments, with --file, or on standard input)");
    }

    @Test
    void cal_withGoodNumbersPipedIn_goesOnToTheCloud() throws Exception {
        int port;
        try (var s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }

        int exit = kon("3 1 4\n1 5\n", "cal", "--region", "us-east-1", "--endpoint", "http://127.0.0.1:" + port);

        // the numbers were accepted: what stopped it is the cloud that is not there
        assertThat(exit).isEqualTo(3);
        assertThat(errors()).contains("is 'kon cloud start' running?").doesNotContain("no numbers");
    }

    @Test
    void cal_withAFolderAsFile_saysItIsNotAFileAndExitsTwo() throws Exception {
        Path folder = Files.createDirectory(dir.resolve("numbers"));

        int exit = kon("", "cal", "--file", folder.toString());

        assertThat(exit).isEqualTo(2);
        assertThat(errors()).contains(folder + ": not a file");
    }
}
