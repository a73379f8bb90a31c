package dev.kon.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kon.task.TaskResult;
import org.junit.jupiter.api.Test;

class TaskTimesTest {
    private static TaskResult ran(String worker, long start, long end) {
        return new TaskResult(1, TaskResult.SUCCESS, "", worker, start, end);
    }

    @Test
    void summary_namesTheStretchOfEachTaskTheStaggerAndTheGapsBetweenTasks() {
        TaskTimes times = new TaskTimes();
        // worker a: two 11 ms tasks back to back from t=1000; worker b: starts 30 ms later, two 10 ms tasks 5 ms apart
        times.accept(ran("a", 1000, 1011));
        times.accept(ran("a", 1011, 1022));
        times.accept(ran("b", 1030, 1040));
        times.accept(ran("b", 1045, 1055));

        assertThat(times.summary(10)).isEqualTo("each 10 ms task took 10.00-11.00 ms (+0.0 to +10.0 %); workers "
                + "began 0-30 ms apart; between tasks 0-5 ms a worker; 2-2 tasks a worker");
    }

    @Test
    void summary_withoutResults_isEmpty() {
        assertThat(new TaskTimes().summary(10)).isEmpty();
    }
}
