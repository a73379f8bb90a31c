package dev.kon.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kon.task.Task;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WorkloadFileParseTest {

    @Test
    void parse_ofTypeAndArgs_givesATaskWithTheLineNumberAsId() {
        assertThat(WorkloadFile.parse("sleep 10", 7)).contains(new Task(7, "sleep", "10"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "\t \t", "#", "# a comment", "   # indented comment", "\t#sleep 10", "#sleep"})
    void parse_ofBlankOrCommentLine_isEmpty(String line) {
        assertThat(WorkloadFile.parse(line, 1)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"sleep 10", "  sleep 10  ", "\tsleep\t10\t", "sleep\t \t 10", "sleep     10",
        " sleep 10\r"})
    void parse_withWhitespaceAroundOrBetweenTypeAndArgs_trimsIt(String line) {
        assertThat(WorkloadFile.parse(line, 3)).contains(new Task(3, "sleep", "10"));
    }

    @Test
    void parse_ofTypeAlone_givesEmptyArgs() {
        assertThat(WorkloadFile.parse("  tick  ", 1)).contains(new Task(1, "tick", ""));
    }

    @Test
    void parse_keepsWhitespaceAndHashesInsideTheArgs() {
        assertThat(WorkloadFile.parse("echo a  b\tc # not a comment", 2))
                .contains(new Task(2, "echo", "a  b\tc # not a comment"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "sleep", "my-type_2", "0x", "a-b-c", "z9_"})
    void parse_ofTypeOfLowerCaseLettersDigitsDashesAndUnderscores_accepts(String type) {
        Optional<Task> t = WorkloadFile.parse(type + " x", 1);

        assertThat(t).map(Task::type).contains(type);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Sleep", "SLEEP", "sl.eep", "sleep:", "s\u00e9", "a/b", "\"sleep\"", "sleep,"})
    void parse_ofTypeWithOtherCharacters_throwsNamingTheType(String type) {
        assertThatThrownBy(() -> WorkloadFile.parse(type + " 10", 4))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("task type must be lower-case letters, digits, '-' or '_', was '" + type + "'");
    }

    @Test
    void parseOrNull_withTheSameTypeAsTheLastLine_reusesItsString() {
        String last = new String("sleep");

        Task t = WorkloadFile.parseOrNull("sleep 5", 2, last);

        assertThat(t.type()).isSameAs(last);
    }

    @Test
    void parseOrNull_withATypeOfTheSameLengthAsTheLastLine_stillChecksIt() {
        assertThat(WorkloadFile.parseOrNull("sleeq 5", 2, "sleep").type()).isEqualTo("sleeq");
        assertThatThrownBy(() -> WorkloadFile.parseOrNull("SLEEP 5", 2, "sleep"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
