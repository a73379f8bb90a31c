package dev.kon.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kon.fixture.MutableClock;
import dev.kon.workers.WorkerRecord;
import dev.kon.workers.WorkerRegistry;
import dev.kon.workers.WorkerStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link WorkerRegistry} adapter must do. The registry under test may hold other tests' records (a
 * shared table), so each test looks only at workers of its own.
 */
public abstract class WorkerRegistryContract {

    /** A registry on {@code clock}, keeping records for {@link WorkerRegistry#RETENTION}. Called once per test. */
    protected abstract WorkerRegistry registry(Clock clock);

    private MutableClock clock;
    private WorkerRegistry workers;
    private final String prefix = "host-" + UUID.randomUUID().toString().substring(0, 8) + "/";

    @BeforeEach
    void setUp() {
        clock = MutableClock.startingNow();
        workers = registry(clock);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private WorkerRecord beat(String id, WorkerStatus status, List<String> runs) {
        return new WorkerRecord(prefix + id, "host-a", 4242, "0.1.0", 4, "kon-tasks", now().minusSeconds(60), 17,
                2.5, runs, status, now());
    }

    private List<WorkerRecord> mine() {
        return workers.all().stream().filter(w -> w.workerId().startsWith(prefix)).toList();
    }

    @Test
    public void heartbeat_thenFind_givesTheRecordBack() {
        WorkerRecord w = beat("1/a", WorkerStatus.RUNNING, List.of("run-1", "run-2"));

        workers.heartbeat(w);

        assertThat(workers.find(w.workerId())).contains(w);
        assertThat(workers.find(prefix + "nobody")).isEmpty();
    }

    @Test
    public void heartbeat_again_replacesTheRecord() {
        workers.heartbeat(beat("1/a", WorkerStatus.RUNNING, List.of("run-1")));
        clock.advance(Duration.ofSeconds(10));
        WorkerRecord later = beat("1/a", WorkerStatus.DRAINING, List.of());

        workers.heartbeat(later);

        assertThat(workers.find(later.workerId())).contains(later);
        assertThat(mine()).containsExactly(later);
    }

    @Test
    public void recordsWithNoRunsAndWithManyRuns_comeBackWhole() {
        List<String> many = IntStream.range(0, 200).mapToObj(i -> "run-" + i).toList();
        WorkerRecord none = beat("1/none", WorkerStatus.RUNNING, List.of());
        WorkerRecord lots = beat("2/lots", WorkerStatus.RUNNING, many);

        workers.heartbeat(none);
        workers.heartbeat(lots);

        assertThat(workers.find(none.workerId()).orElseThrow().runs()).isEmpty();
        assertThat(workers.find(lots.workerId()).orElseThrow().runs()).containsExactlyElementsOf(many);
    }

    @Test
    public void all_listsLiveLostAndStoppedWorkers_andLiveOnlyTheLiveOnes() {
        WorkerRecord lost = beat("1/lost", WorkerStatus.RUNNING, List.of());
        workers.heartbeat(lost);
        clock.advance(WorkerRegistry.LOST_AFTER.plusSeconds(1));
        WorkerRecord stopped = beat("2/stopped", WorkerStatus.STOPPED, List.of());
        WorkerRecord running = beat("3/running", WorkerStatus.RUNNING, List.of("run-1"));
        WorkerRecord draining = beat("4/draining", WorkerStatus.DRAINING, List.of("run-1"));
        List.of(stopped, running, draining).forEach(workers::heartbeat);

        assertThat(mine()).containsExactlyInAnyOrder(lost, stopped, running, draining);
        assertThat(workers.live(clock.instant())).filteredOn(w -> w.workerId().startsWith(prefix))
                .containsExactlyInAnyOrder(running, draining);
        assertThat(lost.lostAt(clock.instant(), WorkerRegistry.LOST_AFTER)).isTrue();
        assertThat(stopped.lostAt(clock.instant(), WorkerRegistry.LOST_AFTER)).isFalse();
    }

    @Test
    public void aRecordPastItsRetention_isNeitherFoundNorListed() {
        WorkerRecord old = beat("1/old", WorkerStatus.RUNNING, List.of());
        workers.heartbeat(old);
        clock.advance(WorkerRegistry.RETENTION.plusMinutes(1));
        WorkerRecord fresh = beat("2/fresh", WorkerStatus.RUNNING, List.of());
        workers.heartbeat(fresh);

        assertThat(workers.find(old.workerId())).isEmpty();
        assertThat(mine()).containsExactly(fresh);
    }

    @Test
    public void heartbeatsOfManyWorkersAtOnce_areAllListed() throws Exception {
        int n = 32;
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<CompletableFuture<Void>> beats = IntStream.range(0, n).mapToObj(i -> CompletableFuture.runAsync(
                    () -> workers.heartbeat(beat(i + "/w", WorkerStatus.RUNNING, List.of("run-" + i))), pool))
                    .toList();
            CompletableFuture.allOf(beats.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }

        Set<String> ids = Set.copyOf(mine().stream().map(WorkerRecord::workerId).toList());
        assertThat(ids).hasSize(n);
    }
}
