package dev.kon.worker;

import dev.kon.workers.WorkerRegistry;
import java.time.Duration;
import java.util.Objects;

/**
 * How a worker runs. Immutable; start from {@link #defaults(String)} and change fields with the {@code withX}
 * methods.
 *
 * @param taskQueue       name of the queue to take task bundles from
 * @param deadLetterQueue where malformed and poison messages go (default: {@code taskQueue + "-dead"})
 * @param threads         tasks run at once (default {@value #DEFAULT_THREADS})
 * @param prefetch        bundles held beyond one per thread, so threads do not wait for the queue; more speeds
 *                        short tasks, fewer balances long ones. {@value #ADAPTIVE_PREFETCH} (the default) adapts
 *                        it to how long bundles take: about 250 ms of work ahead per thread, 1 to 16 bundles
 * @param pollWait        long-poll wait of one receive (default 5 s, at most 20 s); also bounds how long a stop
 *                        waits for the poller
 * @param lease           how long a claim and a message's invisibility last without a heartbeat (default 30 s);
 *                        the heartbeat renews both every third of it
 * @param maxReceives     deliveries after which a bundle is given up as poison: its tasks are reported failed and
 *                        the message moves to the dead-letter queue (default {@value #DEFAULT_MAX_RECEIVES})
 * @param maxAttempts     attempts of a failing task within one delivery, the first included (default
 *                        {@value #DEFAULT_MAX_ATTEMPTS})
 * @param retryBackoff    pause before the second attempt, doubled for each later one (default 200 ms)
 * @param idleExit        stop after this long with nothing received and nothing in hand; zero runs forever
 *                        (default zero)
 * @param doneRetention   how long the ledger keeps a done record (default 1 day)
 * @param heartbeat       how often the worker writes its record to the worker registry (default
 *                        {@link WorkerRegistry#HEARTBEAT}, 10 s); 50 ms to 10 s, since readers take a worker unseen
 *                        for {@link WorkerRegistry#LOST_AFTER} as lost
 */
public record WorkerConfig(String taskQueue, String deadLetterQueue, int threads, int prefetch, Duration pollWait,
        Duration lease, int maxReceives, int maxAttempts, Duration retryBackoff, Duration idleExit,
        Duration doneRetention, Duration heartbeat) {

    public static final int DEFAULT_THREADS = 1;
    /** The prefetch value that means "adapt to the bundles' run time". */
    public static final int ADAPTIVE_PREFETCH = -1;
    /** The prefetch an adaptive worker starts with, before it has timed a bundle. */
    public static final int INITIAL_PREFETCH = 2;
    public static final int DEFAULT_MAX_RECEIVES = 5;
    public static final int DEFAULT_MAX_ATTEMPTS = 3;
    public static final Duration DEFAULT_POLL_WAIT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_LEASE = Duration.ofSeconds(30);
    public static final Duration DEFAULT_RETRY_BACKOFF = Duration.ofMillis(200);
    public static final Duration DEFAULT_DONE_RETENTION = Duration.ofDays(1);
    /** The shortest heartbeat period allowed: faster would only load the registry. */
    public static final Duration MIN_HEARTBEAT = Duration.ofMillis(50);

    public WorkerConfig {
        Objects.requireNonNull(taskQueue, "taskQueue");
        if (deadLetterQueue == null) {
            deadLetterQueue = dev.kon.queue.QueueSpec.deadLetterQueueOf(taskQueue);
        }
        positive("threads", threads);
        if (prefetch < ADAPTIVE_PREFETCH) {
            throw new IllegalArgumentException("prefetch must be >= 0 bundles (or -1 = adaptive), was " + prefetch);
        }
        if (pollWait.isNegative() || pollWait.compareTo(Duration.ofSeconds(20)) > 0) {
            throw new IllegalArgumentException("pollWait must be 0..20s, was " + pollWait.toMillis() + "ms");
        }
        if (lease.compareTo(Duration.ofSeconds(3)) < 0) {
            throw new IllegalArgumentException("lease must be >= 3s, was " + lease.toMillis() + "ms");
        }
        positive("maxReceives", maxReceives);
        positive("maxAttempts", maxAttempts);
        if (retryBackoff.isNegative()) {
            throw new IllegalArgumentException("retryBackoff must be >= 0ms, was " + retryBackoff.toMillis() + "ms");
        }
        if (idleExit.isNegative()) {
            throw new IllegalArgumentException("idleExit must be >= 0s (0 = never), was " + idleExit.toSeconds() + "s");
        }
        if (doneRetention.compareTo(Duration.ofMinutes(1)) < 0) {
            throw new IllegalArgumentException("doneRetention must be >= 1min, was " + doneRetention.toSeconds() + "s");
        }
        if (heartbeat.compareTo(MIN_HEARTBEAT) < 0 || heartbeat.compareTo(WorkerRegistry.HEARTBEAT) > 0) {
            throw new IllegalArgumentException("heartbeat must be 50ms..10s, was " + heartbeat.toMillis() + "ms");
        }
    }

    private static void positive(String field, int v) {
        if (v < 1) {
            throw new IllegalArgumentException(field + " must be >= 1, was " + v);
        }
    }

    public static WorkerConfig defaults(String taskQueue) {
        return new WorkerConfig(taskQueue, null, DEFAULT_THREADS, ADAPTIVE_PREFETCH, DEFAULT_POLL_WAIT, DEFAULT_LEASE,
                DEFAULT_MAX_RECEIVES, DEFAULT_MAX_ATTEMPTS, DEFAULT_RETRY_BACKOFF, Duration.ZERO,
                DEFAULT_DONE_RETENTION, WorkerRegistry.HEARTBEAT);
    }

    /** True when the prefetch adapts to the bundles' run time. */
    public boolean adaptivePrefetch() {
        return prefetch == ADAPTIVE_PREFETCH;
    }

    public WorkerConfig withThreads(int n) {
        return new WorkerConfig(taskQueue, deadLetterQueue, n, prefetch, pollWait, lease, maxReceives, maxAttempts,
                retryBackoff, idleExit, doneRetention, heartbeat);
    }

    public WorkerConfig withPrefetch(int n) {
        return new WorkerConfig(taskQueue, deadLetterQueue, threads, n, pollWait, lease, maxReceives, maxAttempts,
                retryBackoff, idleExit, doneRetention, heartbeat);
    }

    public WorkerConfig withPollWait(Duration d) {
        return new WorkerConfig(taskQueue, deadLetterQueue, threads, prefetch, d, lease, maxReceives, maxAttempts,
                retryBackoff, idleExit, doneRetention, heartbeat);
    }

    public WorkerConfig withLease(Duration d) {
        return new WorkerConfig(taskQueue, deadLetterQueue, threads, prefetch, pollWait, d, maxReceives, maxAttempts,
                retryBackoff, idleExit, doneRetention, heartbeat);
    }

    public WorkerConfig withMaxReceives(int n) {
        return new WorkerConfig(taskQueue, deadLetterQueue, threads, prefetch, pollWait, lease, n, maxAttempts,
                retryBackoff, idleExit, doneRetention, heartbeat);
    }

    public WorkerConfig withRetries(int attempts, Duration backoff) {
        return new WorkerConfig(taskQueue, deadLetterQueue, threads, prefetch, pollWait, lease, maxReceives, attempts,
                backoff, idleExit, doneRetention, heartbeat);
    }

    public WorkerConfig withIdleExit(Duration d) {
        return new WorkerConfig(taskQueue, deadLetterQueue, threads, prefetch, pollWait, lease, maxReceives,
                maxAttempts, retryBackoff, d, doneRetention, heartbeat);
    }

    public WorkerConfig withDeadLetterQueue(String name) {
        return new WorkerConfig(taskQueue, name, threads, prefetch, pollWait, lease, maxReceives, maxAttempts,
                retryBackoff, idleExit, doneRetention, heartbeat);
    }

    /** How often the worker writes its record to the worker registry. */
    public WorkerConfig withHeartbeat(Duration d) {
        return new WorkerConfig(taskQueue, deadLetterQueue, threads, prefetch, pollWait, lease, maxReceives,
                maxAttempts, retryBackoff, idleExit, doneRetention, d);
    }
}
