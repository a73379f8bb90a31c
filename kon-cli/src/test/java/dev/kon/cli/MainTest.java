package dev.kon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

class MainTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int kon(String... args) {
        return Main.commandLine(args).setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true))
                .execute(args);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "cal 3 1 4|cal",
        "--version cal --help|cal",
        "cloud status --queue q|cloud",
        "worker --idle-exit 0|worker"})
    void commandLine_namingASubcommand_readsOnlyThatOne(String args, String only) {
        CommandLine cl = Main.commandLine(args.split(" "));

        assertThat(cl.getSubcommands()).containsOnlyKeys(only);
    }

    @Test
    void commandLine_forTheVersion_readsNoSubcommand() {
        assertThat(Main.commandLine("--version").getSubcommands()).isEmpty();
        assertThat(kon("--version")).isZero();
        assertThat(out.toString()).startsWith("kon ");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"''", "--help", "help", "help cal", "cla 3 1 4", "-h cal", "--bogus"})
    void commandLine_forHelpOrAnUnknownName_hasEverySubcommand(String args) {
        String[] argv = args.isEmpty() ? new String[0] : args.split(" ");

        assertThat(Main.commandLine(argv).getSubcommands().keySet())
                .containsExactlyElementsOf(Main.SUBCOMMANDS.keySet());
    }

    @Test
    void usage_listsEverySubcommand() {
        assertThat(kon("--help")).isZero();

        for (String name : Main.SUBCOMMANDS.keySet()) {
            assertThat(out.toString()).containsPattern("(?m)^\\s+" + name + "\\s");
        }
    }

    @Test
    void execute_ofAMistypedSubcommand_exitsTwoSuggestingTheRightOne() {
        assertThat(kon("wroker", "--idle-exit", "0")).isEqualTo(2);

        assertThat(err.toString()).contains("Unmatched argument").contains("Did you mean: kon worker");
    }

    @Test
    void execute_ofHelpForASubcommand_printsItsUsage() {
        assertThat(kon("help", "cal")).isZero();

        assertThat(out.toString()).contains("Usage: kon cal");
    }

    @Test
    void execute_ofABadDurationInALoneSubcommand_usesKonsDurationFormat() {
        // The converter must reach a subcommand added on its own, not only the full tree.
        assertThat(kon("cal", "--timeout", "5x", "1", "2")).isEqualTo(2);

        assertThat(err.toString()).contains("'5x' is not a duration (examples: 500ms");
    }

    @Test
    void subcommands_areKeyedByTheNameTheirCommandGives() {
        for (Map.Entry<String, Class<?>> e : Main.SUBCOMMANDS.entrySet()) {
            assertThat(e.getValue().getAnnotation(CommandLine.Command.class).name()).as(e.getValue().getName())
                    .isEqualTo(e.getKey());
        }
    }
}
