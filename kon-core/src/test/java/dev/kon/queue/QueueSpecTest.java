package dev.kon.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class QueueSpecTest {

    @Test
    void of_usesTheDefaultsAndNoDeadLetterQueue() {
        QueueSpec s = QueueSpec.of("tasks");

        assertThat(s).isEqualTo(new QueueSpec("tasks", Duration.ofSeconds(30), null, 8));
        assertThat(QueueSpec.DEFAULT_VISIBILITY).isEqualTo(Duration.ofSeconds(30));
        assertThat(QueueSpec.DEFAULT_MAX_RECEIVES).isEqualTo(8);
    }

    @Test
    void withers_changeOnlyTheirFields() {
        QueueSpec s = QueueSpec.of("tasks").withVisibilityTimeout(Duration.ofSeconds(5))
                .withDeadLetterQueue("tasks-dead", 3);

        assertThat(s).isEqualTo(new QueueSpec("tasks", Duration.ofSeconds(5), "tasks-dead", 3));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "kon-resp-lxk2z9abc123", "A_b-9"})
    void name_ofLettersDigitsDashesAndUnderscores_isAccepted(String name) {
        assertThat(QueueSpec.of(name).name()).isEqualTo(name);
    }

    @Test
    void name_ofEightyCharacters_isAcceptedAndOfEightyOneRefused() {
        assertThat(QueueSpec.of("q".repeat(80)).name()).hasSize(80);
        assertThatThrownBy(() -> QueueSpec.of("q".repeat(81))).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a.b", "a b", "tasks.fifo", "q/1", "\u00e9"})
    void name_withOtherCharacters_isRefusedNamingTheRule(String name) {
        assertThatThrownBy(() -> QueueSpec.of(name))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("queue name must be 1-80 letters, digits, '-' or '_', was '" + name + "'");
    }

    @Test
    void visibilityTimeout_ofZeroOrLess_isRefusedWithTheUnit() {
        assertThatThrownBy(() -> QueueSpec.of("q").withVisibilityTimeout(Duration.ZERO))
                .hasMessage("visibilityTimeout must be > 0s, was 0s");
        assertThatThrownBy(() -> QueueSpec.of("q").withVisibilityTimeout(Duration.ofSeconds(-5)))
                .hasMessage("visibilityTimeout must be > 0s, was -5s");
    }

    @Test
    void maxReceives_belowOne_isRefused() {
        assertThatThrownBy(() -> QueueSpec.of("q").withDeadLetterQueue("d", 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxReceives must be >= 1, was 0");
    }

    @Test
    void nullNameOrTimeout_isRefusedNamingTheField() {
        assertThatThrownBy(() -> QueueSpec.of(null)).isInstanceOf(NullPointerException.class).hasMessage("name");
        assertThatThrownBy(() -> QueueSpec.of("q").withVisibilityTimeout(null))
                .isInstanceOf(NullPointerException.class).hasMessage("visibilityTimeout");
    }
}
