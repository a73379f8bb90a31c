package dev.kon.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kon.fixture.StubContext;
import dev.kon.task.PermanentTaskFailure;
import dev.kon.task.Task;
import dev.kon.task.TaskHandler;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code kon worker --allow-exec}: the exec task type refuses unless the option is given. */
class WorkerExecOptionTest {
    private static TaskHandler exec(String... args) {
        WorkerCommand cmd = new WorkerCommand();
        new CommandLine(cmd).registerConverter(java.time.Duration.class, new DurationConverter()).parseArgs(args);
        return cmd.handlers().find("exec").orElseThrow();
    }

    @Test
    void workerWithoutAllowExec_refusesExecTasks() {
        assertThatThrownBy(() -> exec().handle(new Task(1, "exec", "/bin/true"), new StubContext()))
                .isInstanceOf(PermanentTaskFailure.class).hasMessageContaining("--allow-exec");
    }

    @Test
    void workerWithAllowExec_runsThem() throws Exception {
        assertThat(exec("--allow-exec").handle(new Task(1, "exec", "/bin/echo hi"), new StubContext()))
                .startsWith("{\"exit\":0,\"stdout\":\"hi\\n\"");
    }
}
