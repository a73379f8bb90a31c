package dev.kon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** Every command's help names its values in one style, and says how to write a duration. */
class HelpTest {
    /** Upper-case words and the few literal forms: N, FILE, DURATION, N[/D], WxH, mp4|mkv, N[,N...]. */
    private static final Pattern LABEL =
            Pattern.compile("[A-Z][A-Z0-9_]*(\\[/D]|\\[,[A-Z]+\\.\\.\\.])?|WxH|[a-z0-9]+(\\|[a-z0-9]+)+");
    private static final Pattern EXAMPLE_DURATION = Pattern.compile("\\b\\d+(ms|s|m|h|d)\\b");
    /** Still labelled by field name (WorkerCommand's --idle-exit, --lease, --threads). */
    private static final Set<String> NOT_YET = Set.of();

    /** Every option that takes a value, with its command's name. */
    private static List<Object[]> optionsWithValues() {
        List<Object[]> all = new ArrayList<>();
        collect(Main.commandLine(), all);
        return all;
    }

    private static void collect(CommandLine command, List<Object[]> into) {
        String name = command.getCommandSpec().qualifiedName();
        for (OptionSpec option : command.getCommandSpec().options()) {
            if (option.arity().max() > 0 && !NOT_YET.contains(name)) {
                into.add(new Object[] {name, option});
            }
        }
        command.getSubcommands().values().forEach(sub -> collect(sub, into));
    }

    @Test
    void everyOptionValue_isNamedInUpperCaseOrAsItsLiteralForm() {
        List<String> unlabelled = new ArrayList<>();
        for (Object[] o : optionsWithValues()) {
            OptionSpec option = (OptionSpec) o[1];
            if (!LABEL.matcher(option.paramLabel()).matches()) {
                unlabelled.add(o[0] + " " + option.longestName() + "=" + option.paramLabel());
            }
        }

        assertThat(unlabelled).isEmpty();
    }

    @Test
    void everyDurationOption_isLabelledDurationAndShowsHowToWriteOne() {
        List<String> unclear = new ArrayList<>();
        for (Object[] o : optionsWithValues()) {
            OptionSpec option = (OptionSpec) o[1];
            boolean duration = option.type() == Duration.class || option.paramLabel().equals("DURATION");
            String description = String.join(" ", option.description());
            if (duration && (!option.paramLabel().equals("DURATION")
                    || !EXAMPLE_DURATION.matcher(description).find())) {
                unclear.add(o[0] + " " + option.longestName() + ": " + description);
            }
        }

        assertThat(unclear).isEmpty();
    }
}
