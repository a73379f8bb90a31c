package dev.kon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kon run} on a workload with one line of 300 MB, in a JVM of 64 MB: the line is refused (exit 2) with a
 * short error naming file and line, without the line ever being held in memory.
 */
@Tag("slow")
class HugeWorkloadLineTest {
    private static final long LINE_BYTES = 300L * 1024 * 1024;
    /** The error names the file and line and quotes none of it: a few hundred bytes. */
    private static final int MAX_STDERR = 4 * 1024;
    @TempDir
    Path dir;
    private Path workload;

    @AfterEach
    void deleteTheBigFile() throws IOException {
        // @TempDir would too, but a 300 MB file should not outlive its test by a moment.
        if (workload != null) {
            Files.deleteIfExists(workload);
        }
    }

    private Path workloadWithAHugeSecondLine() throws IOException {
        Path f = dir.resolve("huge.txt");
        byte[] nines = new byte[1024 * 1024];
        Arrays.fill(nines, (byte) '9');
        try (OutputStream out = Files.newOutputStream(f)) {
            out.write("sleep 1\nsleep ".getBytes(StandardCharsets.US_ASCII));
            for (long left = LINE_BYTES; left > 0; left -= nines.length) {
                out.write(nines, 0, (int) Math.min(left, nines.length));
            }
            out.write("\nsleep 2\n".getBytes(StandardCharsets.US_ASCII));
        }
        return f;
    }

    @Test
    void run_ofAWorkloadWithALineOf300MegabytesIn64MegabytesOfHeap_exitsTwoWithAShortError() throws Exception {
        workload = workloadWithAHugeSecondLine();

        KonProcess kon = KonProcess.startWithHeap(dir, "run", Map.of(), "-Xmx64m", "run", workload.toString(), "-q");
        int exit = kon.waitFor(120);

        String err = kon.stderr();
        assertThat(err).doesNotContain("OutOfMemoryError");
        assertThat(kon.stdout()).doesNotContain("OutOfMemoryError");
        assertThat(Files.size(kon.err)).isLessThan(MAX_STDERR);
        assertThat(err).contains(workload + ":2: line of " + (LINE_BYTES + "sleep ".length()) + " characters is over "
                + "the limit").contains("1 bad line; nothing was run");
        assertThat(exit).isEqualTo(ExitCodes.BAD_INPUT);
    }
}
