package dev.kon.testkit;

import dev.kon.ledger.ExecutionLedger;
import dev.kon.ledger.InMemoryExecutionLedger;
import java.time.Clock;

class InMemoryExecutionLedgerContractTest extends ExecutionLedgerContract {
    @Override
    protected ExecutionLedger ledger(Clock clock) {
        return new InMemoryExecutionLedger(clock);
    }
}
