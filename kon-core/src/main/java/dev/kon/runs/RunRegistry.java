package dev.kon.runs;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The runs a deployment knows of, for {@code kon runs}, {@code kon status} and everything else that shows or steers
 * runs. Clients register their runs and move them through {@link RunState}; the done and failed counts are added by
 * the execution ledger when it completes a bundle, in the same step, so each bundle counts once however often it
 * is run (see {@link dev.kon.ledger.ExecutionLedger#completeIfOwnedBy}). Records are kept for a retention period
 * (DynamoDB TTL), then dropped.
 *
 * <p>Thread-safety: every method may be called from many threads and processes at once.
 *
 * <p>Failure behaviour: a backend that cannot be reached throws a {@link dev.kon.KonException} subclass naming the
 * table; a state change that does not apply (cancelling a finished run) is an answer, not an exception.
 */
public interface RunRegistry {
    /** How long a run's record is kept after its last change, by default: 7 days. */
    java.time.Duration DEFAULT_RETENTION = java.time.Duration.ofDays(7);

    /** Records a new run (state {@link RunState#SUBMITTING}); a second register of the same id changes nothing. */
    void register(RunRecord run);

    /**
     * Records how far submitting got: {@code sent} tasks in {@code bundles} messages. With {@code complete}, the run
     * moves from {@link RunState#SUBMITTING} to {@link RunState#RUNNING}.
     */
    void submitted(String runId, long sent, long bundles, boolean complete);

    /**
     * Moves the run to {@code to} if it is in {@code from} now.
     *
     * @return true when it moved
     */
    boolean move(String runId, RunState from, RunState to, Instant at);

    /**
     * Cancels the run if it has not ended: moves it to {@link RunState#CANCELLED} from {@link RunState#RUNNING} or
     * {@link RunState#SUBMITTING}. Workers then drop its bundles and stop its running tasks. {@code kon cancel},
     * the web API's cancel and {@code RunHandle.cancel} all come here.
     *
     * @return true when it moved; false when the run had ended already or is unknown
     */
    default boolean cancel(String runId, Instant at) {
        // Race with the client finishing its sends: a run moves from submitting to running at most once, between
        // the two moves of one try, so a second try finds it running.
        for (int i = 0; i < 2; i++) {
            if (move(runId, RunState.RUNNING, RunState.CANCELLED, at)
                    || move(runId, RunState.SUBMITTING, RunState.CANCELLED, at)) {
                return true;
            }
        }
        return false;
    }

    /** The run's record, if it is known and not expired. */
    Optional<RunRecord> find(String runId);

    /** Up to {@code max} registered runs, newest first. */
    List<RunRecord> recent(int max);

    /**
     * About how many failed tasks are kept per run: once a run has this many failures, the failed tasks of its
     * further bundles are not kept (they are still counted). A run failing wholesale costs a bounded space.
     */
    int MAX_KEPT_FAILURES = 10_000;

    /**
     * Keeps the failed tasks of one attempt of a bundle, kept as long as the run's record, replacing whatever an
     * earlier attempt of the same bundle kept (an empty list clears it): a bundle run twice is kept once, with the
     * failures of its last attempt. Whether the run's record exists does not matter.
     *
     * @return false when nothing was kept because the run has {@link #MAX_KEPT_FAILURES} failures already
     */
    boolean keepFailures(BundleFailures failures);

    /** Up to {@code max} of the failed tasks kept for the run, by line; empty for an unknown run. */
    List<FailedTask> failures(String runId, int max);
}
