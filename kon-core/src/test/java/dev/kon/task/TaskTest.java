package dev.kon.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TaskTest {

    @Test
    void task_withIdTypeAndArgs_holdsThem() {
        Task t = new Task(0, "sleep", "");

        assertThat(t.id()).isZero();
        assertThat(t.type()).isEqualTo("sleep");
        assertThat(t.args()).isEmpty();
    }

    @Test
    void task_withANegativeId_throwsNamingIdAndValue() {
        assertThatThrownBy(() -> new Task(-1, "sleep", "1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("id must be >= 0, was -1");
    }

    @Test
    void task_withABlankType_throws() {
        assertThatThrownBy(() -> new Task(1, " ", "1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("type must not be blank");
    }

    @Test
    void task_withNullTypeOrArgs_throwsNamingTheField() {
        assertThatThrownBy(() -> new Task(1, null, "1")).isInstanceOf(NullPointerException.class).hasMessage("type");
        assertThatThrownBy(() -> new Task(1, "sleep", null)).isInstanceOf(NullPointerException.class)
                .hasMessage("args");
    }
}
