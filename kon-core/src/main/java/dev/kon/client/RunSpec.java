package dev.kon.client;

import java.time.Duration;
import java.util.Objects;
import java.util.UUID;

/**
 * One submission's identity and packing.
 *
 * @param runId      unique id of the run; names its reply queue and its records
 * @param replyQueue the queue workers post results on
 * @param bundleSize most tasks per message (1..{@value #MAX_BUNDLE})
 * @param timeLimit  the run's time limit for one attempt of each task, or null for each task type's own
 */
public record RunSpec(String runId, String replyQueue, int bundleSize, Duration timeLimit) {
    /** The most tasks one message carries. */
    public static final int MAX_BUNDLE = 1000;
    /** Prefix of every run's reply queue, so teardown can find them. */
    public static final String REPLY_PREFIX = "kon-resp-";

    public RunSpec {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(replyQueue, "replyQueue");
        if (bundleSize < 1 || bundleSize > MAX_BUNDLE) {
            throw new IllegalArgumentException("bundleSize must be 1.." + MAX_BUNDLE + " tasks, was " + bundleSize);
        }
        if (timeLimit != null && (timeLimit.compareTo(Duration.ofMillis(1)) < 0
                || timeLimit.compareTo(dev.kon.wire.TaskBundle.MAX_TIME_LIMIT) > 0)) {
            throw new IllegalArgumentException("timeLimit must be 1ms.."
                    + dev.kon.wire.TaskBundle.MAX_TIME_LIMIT.toDays() + "d, was " + timeLimit);
        }
    }

    /** A run whose tasks run under their task types' own time limits. */
    public RunSpec(String runId, String replyQueue, int bundleSize) {
        this(runId, replyQueue, bundleSize, null);
    }

    public RunSpec withTimeLimit(Duration limit) {
        return new RunSpec(runId, replyQueue, bundleSize, limit);
    }

    /** A new run id: time-ordered, short, and valid in queue names. */
    public static String newRunId() {
        return Long.toString(System.currentTimeMillis(), 36) + UUID.randomUUID().toString().substring(0, 6);
    }

    public static RunSpec create(String runId, int bundleSize) {
        return new RunSpec(runId, REPLY_PREFIX + runId, bundleSize);
    }

    /**
     * A bundle size for {@code tasks} tasks when the user gave none: about a thousand messages for a large run,
     * so that many workers share the work evenly and a late straggler holds little; at most
     * {@code maxBundle}.
     */
    public static int autoBundleSize(long tasks, int maxBundle) {
        long size = tasks / 1024 + (tasks % 1024 == 0 ? 0 : 1);
        return (int) Math.max(1, Math.min(maxBundle, Math.min(MAX_BUNDLE, size)));
    }
}
