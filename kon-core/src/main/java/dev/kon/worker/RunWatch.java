package dev.kon.worker;

import dev.kon.runs.RunRegistry;
import dev.kon.runs.RunState;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the runs whose bundles the worker holds for cancellation ({@code kon cancel}): every
 * {@value #EVERY_MILLIS} ms it reads the run registry once per run in hand, and stops every bundle of a run found
 * cancelled (its running tasks interrupted, each task reported failed "cancelled"). The poller asks it whether a
 * run is known cancelled, from memory, so a cancelled run's bundles are answered on receipt without running and
 * without a read. Runs the registry does not know (a session's requests) are never cancelled. A registry that
 * cannot be read is tried again at the next look; nothing else waits for it.
 *
 * <p>Thread-safety: {@link #run} on its scheduler's thread; {@link #isCancelled} from any.
 */
final class RunWatch implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(RunWatch.class);
    static final long EVERY_MILLIS = 2000;
    /** Cancelled run ids remembered; the oldest are forgotten first. */
    static final int REMEMBERED = 1024;
    private final RunRegistry runs;
    private final Supplier<Collection<BundleRun>> inHand;
    private final TaskSlots slots;
    private final WorkerFailure failure;
    private final Set<String> cancelled = Collections.synchronizedSet(Collections.newSetFromMap(
            new LinkedHashMap<>(64, 0.75f, false) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                    return size() > REMEMBERED;
                }
            }));

    RunWatch(RunRegistry runs, Supplier<Collection<BundleRun>> inHand, TaskSlots slots, WorkerFailure failure) {
        this.runs = runs;
        this.inHand = inHand;
        this.slots = slots;
        this.failure = failure;
    }

    /** True when the run is known to be cancelled; reads nothing. */
    boolean isCancelled(String runId) {
        return cancelled.contains(runId);
    }

    @Override
    public void run() {
        try {
            look();
        } catch (Throwable e) {
            failure.onUnexpected("run watch", e);
        }
    }

    private void look() {
        Collection<BundleRun> held = inHand.get();
        Set<String> ids = new HashSet<>();
        for (BundleRun r : held) {
            if (!r.isFinishing() && r.whyNot() == null) {
                ids.add(r.bundle.run());
            }
        }
        for (String id : ids) {
            if (!cancelled.contains(id)) {
                try {
                    if (runs.find(id).map(r -> r.state() == RunState.CANCELLED).orElse(false)) {
                        cancelled.add(id);
                    }
                } catch (RuntimeException e) {
                    LOG.debug("reading run {} from the registry failed; trying at the next look: {}", id,
                            e.toString());
                }
            }
        }
        for (BundleRun r : held) {
            if (cancelled.contains(r.bundle.run()) && !r.isFinishing()
                    && slots.stopRun(r, "the run was cancelled")) {
                LOG.info("bundle {}: its run {} was cancelled; stopping its tasks", r.key(), r.bundle.run());
            }
        }
    }
}
