package dev.kon.testkit;

import dev.kon.Backend;
import dev.kon.blob.InMemoryBlobStore;
import dev.kon.ledger.InMemoryExecutionLedger;
import dev.kon.queue.InMemoryQueueService;
import java.time.Clock;

class InMemoryWorkerContractTest extends WorkerContract {
    private final Backend backend = new Backend(new InMemoryQueueService(),
            new InMemoryExecutionLedger(Clock.systemUTC()), new InMemoryBlobStore());

    @Override
    protected Backend backend() {
        return backend;
    }
}
