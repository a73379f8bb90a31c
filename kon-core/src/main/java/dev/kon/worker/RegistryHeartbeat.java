package dev.kon.worker;

import dev.kon.workers.WorkerRecord;
import dev.kon.workers.WorkerRegistry;
import dev.kon.workers.WorkerStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the worker registry that this worker is alive, every {@link WorkerConfig#heartbeat()}: its identity, tasks
 * done since it started and per second over the last minute, the runs whose bundles it holds, and whether it takes
 * bundles ({@link WorkerStatus#RUNNING}) or only finishes those in hand ({@link WorkerStatus#DRAINING}). On a clean
 * exit it writes {@link WorkerStatus#STOPPED} once, and nothing after that; a killed or failed worker writes nothing
 * more, and readers see it as lost once its last heartbeat is old enough.
 *
 * <p>A heartbeat that fails is a warning, never a reason to stop working: the first failure is logged, then at most
 * one line a minute while they go on, and one when a heartbeat is written again. It has its own thread, so a slow
 * registry never delays the lease renewals of {@link LeaseHeartbeat}.
 *
 * <p>Thread-safety: {@link #run} on its scheduler's thread, {@link #stopped} from the thread that winds the worker
 * down; the two are serialised, so STOPPED is the last record written.
 */
final class RegistryHeartbeat implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(RegistryHeartbeat.class);
    /** The window of the tasks-per-second figure. */
    static final Duration RATE_WINDOW = Duration.ofMinutes(1);
    /** While heartbeats keep failing, at most one warning per this. */
    static final Duration WARN_EVERY = Duration.ofMinutes(1);

    /** Who the worker is: what every record repeats. */
    record Identity(String workerId, String host, long pid, String version, int threads, String queue) {
    }

    private record Sample(Instant at, long done) {
    }

    private final WorkerRegistry registry;
    private final Identity who;
    private final BooleanSupplier accepting;
    private final LongSupplier tasksDone;
    private final Supplier<Collection<BundleRun>> inHand;
    private final Clock clock;
    private final WorkerFailure failure;
    private final Deque<Sample> samples = new ArrayDeque<>();
    private Instant started;
    private boolean finished;
    private long failedSince;
    private Instant lastWarned;

    RegistryHeartbeat(WorkerRegistry registry, Identity who, BooleanSupplier accepting, LongSupplier tasksDone,
            Supplier<Collection<BundleRun>> inHand, Clock clock, WorkerFailure failure) {
        this.registry = registry;
        this.who = who;
        this.accepting = accepting;
        this.tasksDone = tasksDone;
        this.inHand = inHand;
        this.clock = clock;
        this.failure = failure;
    }

    @Override
    public void run() {
        try {
            beat(accepting.getAsBoolean() ? WorkerStatus.RUNNING : WorkerStatus.DRAINING);
        } catch (Throwable e) {
            // A scheduled task that throws is never run again: nothing may escape.
            failure.onUnexpected("registry heartbeat", e);
        }
    }

    /** The worker left cleanly: writes STOPPED, once, if it ever beat; later beats write nothing. */
    synchronized void stopped() {
        if (started != null && !finished) {
            beat(WorkerStatus.STOPPED);
        }
        finished = true;
    }

    private synchronized void beat(WorkerStatus status) {
        if (finished) {
            return;
        }
        Instant now = clock.instant();
        if (started == null) {
            started = now;
        }
        long done = tasksDone.getAsLong();
        WorkerRecord record = new WorkerRecord(who.workerId(), who.host(), who.pid(), who.version(), who.threads(),
                who.queue(), started, done, rate(now, done), runsInHand(), status, now);
        try {
            registry.heartbeat(record);
        } catch (RuntimeException e) {
            warn(now, e);
            return;
        }
        if (failedSince > 0) {
            LOG.info("worker {}: heartbeat written again after {} failed", who.workerId(), failedSince);
            failedSince = 0;
            lastWarned = null;
        }
    }

    /** Tasks per second since the newest sample at least {@link #RATE_WINDOW} old (or since the start). */
    private double rate(Instant now, long done) {
        samples.addLast(new Sample(now, done));
        Instant windowStart = now.minus(RATE_WINDOW);
        while (samples.size() >= 2 && !secondOldest().at().isAfter(windowStart)) {
            samples.removeFirst();
        }
        Sample base = samples.peekFirst();
        double seconds = Duration.between(base.at(), now).toMillis() / 1000.0;
        return seconds <= 0 ? 0 : Math.max(0, done - base.done()) / seconds;
    }

    private Sample secondOldest() {
        var it = samples.iterator();
        it.next();
        return it.next();
    }

    private List<String> runsInHand() {
        TreeSet<String> runs = new TreeSet<>();
        for (BundleRun r : inHand.get()) {
            runs.add(r.bundle.run());
        }
        return List.copyOf(runs);
    }

    private void warn(Instant now, RuntimeException e) {
        failedSince++;
        if (lastWarned == null || !now.isBefore(lastWarned.plus(WARN_EVERY))) {
            lastWarned = now;
            LOG.warn("worker {}: writing its heartbeat to the worker registry failed ({} in a row; it goes on "
                    + "working, and says this at most once a minute): {}", who.workerId(), failedSince, e.toString());
        }
    }
}
