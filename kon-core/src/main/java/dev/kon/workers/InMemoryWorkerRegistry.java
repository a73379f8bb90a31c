package dev.kon.workers;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** A {@link WorkerRegistry} in a map, for local mode and tests. Records live as long as the object. */
public final class InMemoryWorkerRegistry implements WorkerRegistry {
    private final ConcurrentMap<String, WorkerRecord> workers = new ConcurrentHashMap<>();

    @Override
    public void heartbeat(WorkerRecord worker) {
        workers.put(worker.workerId(), worker);
    }

    @Override
    public Optional<WorkerRecord> find(String workerId) {
        return Optional.ofNullable(workers.get(workerId));
    }

    @Override
    public List<WorkerRecord> all() {
        return List.copyOf(workers.values());
    }
}
