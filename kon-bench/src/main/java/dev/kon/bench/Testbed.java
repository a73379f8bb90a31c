package dev.kon.bench;

import dev.kon.client.RunReport;
import java.time.Duration;
import java.util.Optional;

/**
 * Where cells run: a backend and a way to bring up a cell's workers. For each cell the workers are started and
 * ready BEFORE the clock starts (as in the seed, where workers were already polling), then the client submits and
 * collects, and the workers are stopped again; so a cell's time is submit-to-last-result only.
 *
 * <p>Not thread-safe: one cell at a time. {@link #close()} releases everything the testbed started.
 */
public interface Testbed extends AutoCloseable {

    /** Runs one cell and answers the client's report; gives up waiting for results after {@code timeout}. */
    RunReport run(Cell cell, Duration timeout) throws InterruptedException;

    /** A short description for the results' header, e.g. {@code in-memory queue, worker threads in this JVM}. */
    String describe();

    /** Where the last cell's time went ({@link TaskTimes#summary}), where the testbed records it (cloud mode). */
    default Optional<String> lastCellTimes() {
        return Optional.empty();
    }

    /** What the last cell's calls to AWS would be billed, where the testbed counts them (cloud mode). */
    default Optional<CellUsage> lastCellUsage() {
        return Optional.empty();
    }

    /** Runs an untimed workload first so the first cell does not also pay for class loading and JIT warm-up. */
    default void warmUp() throws InterruptedException {
    }

    @Override
    void close();
}
