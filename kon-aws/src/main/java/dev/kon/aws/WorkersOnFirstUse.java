package dev.kon.aws;

import dev.kon.workers.WorkerRecord;
import dev.kon.workers.WorkerRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A {@link WorkerRegistry} that builds the real one (and so its DynamoDB client) on its first call, and hands every
 * call to it. Thread-safe: two first calls at once build it once.
 */
final class WorkersOnFirstUse implements WorkerRegistry {
    private final Supplier<WorkerRegistry> factory;
    private volatile WorkerRegistry workers;

    WorkersOnFirstUse(Supplier<WorkerRegistry> factory) {
        this.factory = Objects.requireNonNull(factory, "factory");
    }

    @Override
    public void heartbeat(WorkerRecord worker) {
        workers().heartbeat(worker);
    }

    @Override
    public Optional<WorkerRecord> find(String workerId) {
        return workers().find(workerId);
    }

    @Override
    public List<WorkerRecord> all() {
        return workers().all();
    }

    @Override
    public List<WorkerRecord> live(Instant now) {
        return workers().live(now);
    }

    @Override
    public List<WorkerRecord> live(Instant now, Duration lostAfter) {
        return workers().live(now, lostAfter);
    }

    private WorkerRegistry workers() {
        WorkerRegistry w = workers;
        if (w == null) {
            synchronized (this) {
                w = workers;
                if (w == null) {
                    w = Objects.requireNonNull(factory.get(), "workers");
                    workers = w;
                }
            }
        }
        return w;
    }
}
