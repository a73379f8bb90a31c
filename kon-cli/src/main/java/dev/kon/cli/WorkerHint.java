package dev.kon.cli;

import dev.kon.workers.WorkerRecord;
import dev.kon.workers.WorkerRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Why a client hears nothing, as far as the worker registry tells: a lost worker held the run (its lease has to run
 * out before another worker takes its bundles), no worker heartbeats on the queue at all, or live workers are still
 * at it. Without a readable registry it says nothing, and the client falls back to naming every likely cause.
 */
final class WorkerHint {
    private static final Logger LOG = LoggerFactory.getLogger(WorkerHint.class);
    private static final DateTimeFormatter CLOCK_TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    private WorkerHint() {
    }

    /**
     * The reason from the registry's records, or empty when it cannot be read. {@code ofTheRun} tells the client's
     * run ids (a session's calls have ids of their own each).
     */
    static Optional<String> read(WorkerRegistry registry, String queue, Predicate<String> ofTheRun, Instant now) {
        try {
            return Optional.of(reason(registry.all(), queue, ofTheRun, now, WorkerRegistry.LOST_AFTER,
                    ZoneId.systemDefault()));
        } catch (RuntimeException e) {
            LOG.debug("reading the worker registry for a hint failed: {}", e.toString());
            return Optional.empty();
        }
    }

    /**
     * The likeliest reason, first found first: a lost worker whose last heartbeat held the run (the latest of them
     * if several), then no live worker on the queue, then tasks still running on the live ones.
     */
    static String reason(List<WorkerRecord> workers, String queue, Predicate<String> ofTheRun, Instant now,
            Duration lostAfter, ZoneId zone) {
        Optional<WorkerRecord> lost = workers.stream()
                .filter(w -> w.lostAt(now, lostAfter) && w.runs().stream().anyMatch(ofTheRun))
                .max(Comparator.comparing(WorkerRecord::lastSeen));
        if (lost.isPresent()) {
            return String.format("waiting for a lease to expire (worker %s stopped heartbeating at %s)",
                    lost.get().workerId(), CLOCK_TIME.format(lost.get().lastSeen().atZone(zone)));
        }
        long live = workers.stream().filter(w -> w.queue().equals(queue) && w.liveAt(now, lostAfter)).count();
        if (live == 0) {
            return "no worker heartbeat on queue '" + queue + "': is a worker running? start one with 'kon worker'";
        }
        return String.format("tasks still running (%d live worker%s on queue '%s')", live, live == 1 ? "" : "s",
                queue);
    }
}
