package dev.kon.task;

import static dev.kon.fixture.TaskBuilder.aTask;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kon.fixture.StubContext;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SleepHandlerTest {
    private final SleepHandler sleep = new SleepHandler();

    private String run(String args) throws Exception {
        return sleep.handle(aTask().ofType("sleep").withArgs(args).build(), new StubContext());
    }

    @Test
    void type_isSleep() {
        assertThat(sleep.type()).isEqualTo("sleep");
        assertThat(SleepHandler.MAX_MILLIS).isEqualTo(Duration.ofDays(1).toMillis());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "1", "10", " 10 ", "+5", "86400000", "007"})
    void validate_ofAWholeNumberOfMillisUpToADay_acceptsIt(String args) {
        assertThat(sleep.validate(args)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "\t"})
    void validate_ofNoArgs_asksForADuration(String args) {
        assertThat(sleep.validate(args)).isEqualTo("sleep needs a duration in milliseconds, e.g. 'sleep 10'");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"ten|ten", "1.5|1.5", "10ms|10ms", "1e3|1e3", "1 2|1 2",
        "99999999999999999999|99999999999999999999"})
    void validate_ofSomethingNotAWholeNumber_namesWhatItGot(String args, String shown) {
        assertThat(sleep.validate(args)).isEqualTo("sleep takes a whole number of milliseconds, got '" + shown + "'");
    }

    @ParameterizedTest
    @CsvSource({"-1", "-86400000", "86400001", "9223372036854775807"})
    void validate_ofMillisOutsideZeroToADay_namesTheRangeAndTheValue(String args) {
        assertThat(sleep.validate(args)).isEqualTo("sleep milliseconds must be 0..86400000, got " + args);
    }

    @Test
    void millis_ofGoodArgs_answersTheMillis() {
        assertThat(SleepHandler.millis(" 250 ")).isEqualTo(250);
    }

    @Test
    void handle_ofSleepZero_returnsAnEmptyOutputWithoutWaiting() throws Exception {
        // An interrupted thread would make any wait throw: sleep 0 must not wait at all.
        Thread.currentThread().interrupt();
        try {
            assertThat(run("0")).isEmpty();
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void handle_ofASleep_takesAtLeastTheTimeAsked() throws Exception {
        long start = System.nanoTime();

        String out = run("60");

        assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(60));
        assertThat(out).isEmpty();
    }

    @Test
    void handle_whenInterruptedWhileSleeping_throwsInterruptedException() throws Exception {
        CountDownLatch entering = new CountDownLatch(1);
        CompletableFuture<String> outcome = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            entering.countDown();
            try {
                outcome.complete(run("60000"));
            } catch (Throwable e) {
                outcome.completeExceptionally(e);
            }
        });
        t.start();
        assertThat(entering.await(10, TimeUnit.SECONDS)).isTrue();

        t.interrupt();

        assertThatThrownBy(() -> outcome.get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(InterruptedException.class);
    }

    @Test
    void handle_onAnAlreadyInterruptedThread_throwsInterruptedException() {
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> run("60000")).isInstanceOf(InterruptedException.class);
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void handle_ofBadArgs_throwsPermanentTaskFailure() {
        assertThatThrownBy(() -> run("ten"))
                .isInstanceOf(PermanentTaskFailure.class)
                .hasMessageContaining("got 'ten'");
    }

    @Test
    void timeLimit_isTheSleepPlusAMinute_orTheDefaultForBadArguments() {
        SleepHandler h = new SleepHandler();

        assertThat(h.timeLimit("10")).isEqualTo(java.time.Duration.ofMillis(60_010));
        assertThat(h.timeLimit("ten")).isEqualTo(TaskHandler.DEFAULT_TIME_LIMIT);
    }
}
