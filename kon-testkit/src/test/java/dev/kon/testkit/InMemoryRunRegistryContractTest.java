package dev.kon.testkit;

import dev.kon.ledger.InMemoryExecutionLedger;
import dev.kon.runs.InMemoryRunRegistry;
import java.time.Clock;

class InMemoryRunRegistryContractTest extends RunRegistryContract {
    @Override
    protected Deployment deployment(Clock clock) {
        InMemoryRunRegistry runs = new InMemoryRunRegistry();
        return new Deployment(new InMemoryExecutionLedger(clock, runs), runs);
    }
}
