package dev.kon.runs;

import dev.kon.ledger.RunCounter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * A {@link RunRegistry} in a map, for local mode and tests; it is also the {@link RunCounter} its process's
 * in-memory ledger adds completed bundles to. Records live as long as the object. Each change is one atomic
 * {@link ConcurrentMap#compute}.
 */
public final class InMemoryRunRegistry implements RunRegistry, RunCounter {
    private final ConcurrentMap<String, RunRecord> runs = new ConcurrentHashMap<>();
    /** Failed tasks by run, then by bundle id. */
    private final ConcurrentMap<String, Map<String, List<FailedTask>>> failures = new ConcurrentHashMap<>();

    @Override
    public void register(RunRecord run) {
        runs.putIfAbsent(run.runId(), run);
    }

    @Override
    public void submitted(String runId, long sent, long bundles, boolean complete) {
        runs.computeIfPresent(runId, (k, r) -> new RunRecord(k, r.submittedAt(), r.from(), r.workload(),
                r.taskQueue(), r.tasks(), sent, bundles, r.knownWorkMs(),
                complete && r.state() == RunState.SUBMITTING ? RunState.RUNNING : r.state(), r.done(), r.failed(),
                r.lastActivity(), r.origin()));
    }

    @Override
    public boolean move(String runId, RunState from, RunState to, Instant at) {
        boolean[] moved = new boolean[1];
        runs.computeIfPresent(runId, (k, r) -> {
            if (r.state() != from) {
                return r;
            }
            moved[0] = true;
            return new RunRecord(k, r.submittedAt(), r.from(), r.workload(), r.taskQueue(), r.tasks(), r.sent(),
                    r.bundles(), r.knownWorkMs(), to, r.done(), r.failed(), at, r.origin());
        });
        return moved[0];
    }

    @Override
    public void add(String run, long succeeded, long failed, Instant at) {
        // Counts of a run never registered (a request of a session) are not kept: nothing would show them.
        runs.computeIfPresent(run, (k, r) -> new RunRecord(k, r.submittedAt(), r.from(), r.workload(),
                r.taskQueue(), r.tasks(), r.sent(), r.bundles(), r.knownWorkMs(), r.state(),
                r.done() + succeeded + failed, r.failed() + failed, at, r.origin()));
    }

    @Override
    public Optional<RunRecord> find(String runId) {
        return Optional.ofNullable(runs.get(runId));
    }

    @Override
    public List<RunRecord> recent(int max) {
        List<RunRecord> all = new ArrayList<>(runs.values());
        all.sort(Comparator.comparing(RunRecord::submittedAt).reversed().thenComparing(RunRecord::runId));
        return all.subList(0, Math.min(max, all.size()));
    }

    @Override
    public boolean keepFailures(BundleFailures kept) {
        boolean[] ok = {true};
        failures.compute(kept.run(), (run, byBundle) -> {
            Map<String, List<FailedTask>> m = byBundle == null ? new HashMap<>() : byBundle;
            int others = m.entrySet().stream().filter(e -> !e.getKey().equals(kept.bundleId()))
                    .mapToInt(e -> e.getValue().size()).sum();
            if (!kept.failures().isEmpty() && others >= MAX_KEPT_FAILURES) {
                ok[0] = false;
            } else if (kept.failures().isEmpty()) {
                m.remove(kept.bundleId());
            } else {
                m.put(kept.bundleId(), kept.failures());
            }
            return m.isEmpty() ? null : m;
        });
        return ok[0];
    }

    @Override
    public List<FailedTask> failures(String runId, int max) {
        List<FailedTask> all = new ArrayList<>();
        failures.computeIfPresent(runId, (k, m) -> {
            m.values().forEach(all::addAll);
            return m;
        });
        all.sort(Comparator.comparingLong(FailedTask::line));
        return all.subList(0, Math.min(Math.max(0, max), all.size()));
    }
}
