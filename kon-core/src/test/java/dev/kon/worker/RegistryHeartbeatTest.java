package dev.kon.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.kon.fixture.MutableClock;
import dev.kon.workers.InMemoryWorkerRegistry;
import dev.kon.workers.WorkerRecord;
import dev.kon.workers.WorkerStatus;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RegistryHeartbeatTest {
    private final MutableClock clock = MutableClock.at("2030-01-01T00:00:00Z");
    private final InMemoryWorkerRegistry registry = new InMemoryWorkerRegistry(clock, Duration.ofDays(1));
    private final AtomicLong done = new AtomicLong();
    private final AtomicBoolean accepting = new AtomicBoolean(true);
    private final RegistryHeartbeat beat = new RegistryHeartbeat(registry,
            new RegistryHeartbeat.Identity("h/1/w", "h", 1, "0.1.0", 4, "q"), accepting::get, done::get, List::of,
            clock, new WorkerFailure("h/1/w", () -> { }));

    private WorkerRecord beatAfter(Duration d, long tasks) {
        clock.advance(d);
        done.addAndGet(tasks);
        beat.run();
        return registry.find("h/1/w").orElseThrow();
    }

    @Test
    void rate_isTasksPerSecondOverTheLastMinute() {
        beatAfter(Duration.ZERO, 0);
        WorkerRecord busy = null;
        for (int i = 0; i < 12; i++) {
            busy = beatAfter(Duration.ofSeconds(10), 100);
        }
        assertThat(busy.tasksPerSecond()).isCloseTo(10.0, within(0.01));
        assertThat(busy.tasksDone()).isEqualTo(1200);

        // Half a minute of nothing halves the rate over the last minute; a minute more of nothing zeroes it.
        beatAfter(Duration.ofSeconds(10), 0);
        beatAfter(Duration.ofSeconds(10), 0);
        assertThat(beatAfter(Duration.ofSeconds(10), 0).tasksPerSecond()).isCloseTo(5.0, within(0.01));
        for (int i = 0; i < 5; i++) {
            beatAfter(Duration.ofSeconds(10), 0);
        }
        assertThat(beatAfter(Duration.ofSeconds(10), 0).tasksPerSecond()).isZero();
    }

    @Test
    void stopped_isWrittenOnce_andNoBeatOverwritesIt() {
        beatAfter(Duration.ZERO, 3);
        accepting.set(false);
        assertThat(beatAfter(Duration.ofSeconds(1), 0).status()).isEqualTo(WorkerStatus.DRAINING);

        beat.stopped();
        WorkerRecord stopped = registry.find("h/1/w").orElseThrow();
        WorkerRecord after = beatAfter(Duration.ofSeconds(10), 1);

        assertThat(stopped.status()).isEqualTo(WorkerStatus.STOPPED);
        assertThat(after).isEqualTo(stopped);
    }

    @Test
    void stopped_ofAWorkerThatNeverBeat_writesNothing() {
        beat.stopped();

        assertThat(registry.find("h/1/w")).isEmpty();
    }
}
