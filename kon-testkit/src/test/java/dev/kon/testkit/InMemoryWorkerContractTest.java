package dev.kon.testkit;

import dev.kon.Backend;
import dev.kon.blob.InMemoryBlobStore;
import dev.kon.ledger.InMemoryExecutionLedger;
import dev.kon.queue.InMemoryQueueService;
import dev.kon.runs.InMemoryRunRegistry;
import java.time.Clock;

class InMemoryWorkerContractTest extends WorkerContract {
    private final InMemoryRunRegistry runs = new InMemoryRunRegistry();
    private final Backend backend = new Backend(new InMemoryQueueService(),
            new InMemoryExecutionLedger(Clock.systemUTC(), runs), new InMemoryBlobStore(), runs);

    @Override
    protected Backend backend() {
        return backend;
    }
}
