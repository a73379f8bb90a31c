package dev.kon.testkit;

import dev.kon.workers.InMemoryWorkerRegistry;
import dev.kon.workers.WorkerRegistry;
import java.time.Clock;

class InMemoryWorkerRegistryContractTest extends WorkerRegistryContract {
    @Override
    protected WorkerRegistry registry(Clock clock) {
        return new InMemoryWorkerRegistry(clock, WorkerRegistry.RETENTION);
    }
}
