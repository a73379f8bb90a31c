package dev.kon.apps.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.kon.fixture.StubContext;
import dev.kon.task.PermanentTaskFailure;
import dev.kon.task.Task;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExecHandlerTest {
    private final ExecHandler exec = ExecHandler.allowed();

    private String run(ExecHandler h, String args) throws Exception {
        return h.handle(new Task(1, "exec", args), new StubContext());
    }

    @Test
    void program_thatSucceeds_answersExitZeroAndItsOutput() throws Exception {
        assertThat(run(exec, "[\"/bin/echo\",\"hello world\",\"$HOME\"]"))
                .isEqualTo("{\"exit\":0,\"stdout\":\"hello world $HOME\\n\",\"stderr\":\"\",\"stdoutBytes\":18,"
                        + "\"stderrBytes\":0}");
        assertThat(run(exec, "/bin/echo a  b")).contains("\"stdout\":\"a b\\n\"");
    }

    @Test
    void program_thatExitsNonZero_failsPermanentlyWithItsExitCodeAndStderr() {
        assertThatThrownBy(() -> run(exec, "[\"/bin/sh\",\"-c\",\"echo oops >&2; exit 3\"]"))
                .isInstanceOf(PermanentTaskFailure.class).hasMessageContaining("\"exit\":3")
                .hasMessageContaining("\"stderr\":\"oops\\n\"");
    }

    @Test
    void program_thatWritesMuchOutput_keepsTheBoundAndCountsTheRest() throws Exception {
        String out = run(exec, "[\"/bin/sh\",\"-c\",\"head -c 1000000 /dev/zero | tr '\\\\0' x\"]");
        assertThat(out).contains("\"stdoutBytes\":1000000").hasSizeLessThan(ExecHandler.OUTPUT_LIMIT + 200);
    }

    @Test
    void program_thatDoesNotExist_failsPermanentlyNamingIt() {
        assertThatThrownBy(() -> run(exec, "/no/such/program")).isInstanceOf(PermanentTaskFailure.class)
                .hasMessageStartingWith("cannot start /no/such/program");
    }

    @Test
    void environment_losesTheCloudCredentialsAndKeepsTheRest() {
        java.util.Map<String, String> env = new java.util.HashMap<>(java.util.Map.of("PATH", "/bin",
                "AWS_SECRET_ACCESS_KEY", "s", "AWS_ENDPOINT_URL", "u", "KON_LOG", "debug"));
        ExecHandler.dropCredentials(env);
        assertThat(env).containsOnlyKeys("PATH");
    }

    @Test
    void instanceFromServiceLoader_refusesEveryTask() {
        assertThatThrownBy(() -> run(new ExecHandler(), "/bin/true")).isInstanceOf(PermanentTaskFailure.class)
                .hasMessageContaining("--allow-exec");
    }

    @Test
    void validate_refusesAnEmptyCommandAndBadJson() {
        assertThat(exec.validate("/bin/true")).isNull();
        assertThat(exec.validate("   ")).startsWith("no program given");
        assertThat(exec.validate("[\"a\", 3]")).contains("must be a string");
        assertThat(exec.validate("[\"a\"")).startsWith("not a JSON array");
    }

    @Test
    void interruptedTask_killsTheProcessAndItsChildren(@TempDir Path dir) throws Exception {
        Path pids = dir.resolve("pids");
        // A shell that starts a child and waits: both must die when the task's thread is interrupted.
        String script = "sleep 60 & echo $$ $! > " + pids + "; wait";
        AtomicReference<Thread> runner = new AtomicReference<>();
        CompletableFuture<String> task = CompletableFuture.supplyAsync(() -> {
            runner.set(Thread.currentThread());
            try {
                return run(exec, "[\"/bin/sh\",\"-c\",\"" + script + "\"]");
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(pids) && Files.readString(pids).contains(" "));
        String[] ids = Files.readString(pids).trim().split(" ");
        runner.get().interrupt();
        assertThatThrownBy(() -> task.get()).isInstanceOf(ExecutionException.class)
                .hasRootCauseInstanceOf(InterruptedException.class);
        for (String id : ids) {
            await().atMost(Duration.ofSeconds(10)).until(() -> ProcessHandle.of(Long.parseLong(id))
                    .map(p -> !p.isAlive()).orElse(true));
        }
    }
}
