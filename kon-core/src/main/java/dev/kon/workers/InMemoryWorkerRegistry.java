package dev.kon.workers;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * A {@link WorkerRegistry} in a map, for local mode and tests. A record is neither found nor listed once its
 * retention since its last heartbeat has passed, as in the cloud; it stays in memory until the worker beats again.
 * Thread-safe.
 */
public final class InMemoryWorkerRegistry implements WorkerRegistry {
    private final ConcurrentMap<String, WorkerRecord> workers = new ConcurrentHashMap<>();
    private final Clock clock;
    private final Duration retention;

    /** On the system clock, keeping records for {@link WorkerRegistry#RETENTION}. */
    public InMemoryWorkerRegistry() {
        this(Clock.systemUTC(), RETENTION);
    }

    public InMemoryWorkerRegistry(Clock clock, Duration retention) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.retention = Objects.requireNonNull(retention, "retention");
    }

    @Override
    public void heartbeat(WorkerRecord worker) {
        workers.put(worker.workerId(), worker);
    }

    @Override
    public Optional<WorkerRecord> find(String workerId) {
        return Optional.ofNullable(workers.get(workerId)).filter(this::kept);
    }

    @Override
    public List<WorkerRecord> all() {
        return workers.values().stream().filter(this::kept).toList();
    }

    private boolean kept(WorkerRecord w) {
        return !w.lastSeen().plus(retention).isBefore(clock.instant());
    }
}
