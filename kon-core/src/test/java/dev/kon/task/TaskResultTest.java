package dev.kon.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TaskResultTest {

    @Test
    void result_withStatusZero_succeeded() {
        TaskResult r = new TaskResult(1, TaskResult.SUCCESS, "ok", "w", 1, 2);

        assertThat(r.succeeded()).isTrue();
        assertThat(TaskResult.SUCCESS).isZero();
        assertThat(TaskResult.FAILURE).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 2, 255, Integer.MIN_VALUE})
    void result_withAStatusOtherThanZeroOrOne_throwsNamingStatusAndValue(int status) {
        assertThatThrownBy(() -> new TaskResult(1, status, "", "w", 0, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("status must be 0 or 1, was " + status);
    }

    @Test
    void result_withNullOutputOrWorker_throwsNamingTheField() {
        assertThatThrownBy(() -> new TaskResult(1, 0, null, "w", 0, 0)).hasMessage("output");
        assertThatThrownBy(() -> new TaskResult(1, 0, "", null, 0, 0)).hasMessage("worker");
    }

    @Test
    void failed_makesAFailureStartingAndEndingAtTheGivenTime() {
        TaskResult r = TaskResult.failed(7, "boom", "h/1/t0", 1234);

        assertThat(r).isEqualTo(new TaskResult(7, TaskResult.FAILURE, "boom", "h/1/t0", 1234, 1234));
        assertThat(r.succeeded()).isFalse();
    }
}
