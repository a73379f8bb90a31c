package dev.kon.bench;

import java.util.Locale;

/** What a benchmark measures; both are defined as in the seed so the figures compare. */
public enum BenchKind {
    /** N {@code sleep 0} tasks; tasks/s = N / (first submit to last result received). */
    THROUGHPUT,
    /** The same count of {@code sleep T} tasks per worker; efficiency = (tasks per worker x T) / measured time. */
    EFFICIENCY;

    /** The name on the command line and in results: {@code throughput} or {@code efficiency}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
