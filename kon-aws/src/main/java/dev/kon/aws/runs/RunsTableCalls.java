package dev.kon.aws.runs;

import dev.kon.aws.Uninterruptibly;
import dev.kon.ledger.LedgerException;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/**
 * Runs one call on the runs table: it completes even if the calling thread is interrupted, a lost condition stays
 * a {@link ConditionalCheckFailedException} (an answer), and every other SDK error becomes a
 * {@link LedgerException} naming the table. Thread-safe.
 */
final class RunsTableCalls {
    private final String table;

    RunsTableCalls(String table) {
        this.table = table;
    }

    <T> T call(Supplier<T> action) {
        try {
            return Uninterruptibly.call(action);
        } catch (ConditionalCheckFailedException e) {
            throw e;
        } catch (ResourceNotFoundException e) {
            throw new LedgerException("runs table '" + table + "' does not exist: run 'kon cloud provision'", e);
        } catch (SdkException e) {
            throw new LedgerException("runs table '" + table + "': " + e.getMessage(), e);
        }
    }
}
