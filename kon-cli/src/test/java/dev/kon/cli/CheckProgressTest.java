package dev.kon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class CheckProgressTest {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    @Test
    void onATerminal_rewritesOneLineWithTheCountAndEndsIt() {
        try (CheckProgress p = new CheckProgress(out, Path.of("/data/work.txt"), true)) {
            p.accept(1_000_000);
            p.accept(2_000_000);
        }

        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo(
                "\rchecking work.txt: 1,000,000 lines\rchecking work.txt: 2,000,000 lines" + System.lineSeparator());
    }

    @Test
    void whenNotShown_orNeverCalled_printsNothing() {
        try (CheckProgress p = new CheckProgress(out, Path.of("work.txt"), false)) {
            p.accept(1_000_000);
        }
        try (CheckProgress p = new CheckProgress(out, Path.of("work.txt"), true)) {
            assertThat(p).isNotNull();
        }

        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEmpty();
    }
}
