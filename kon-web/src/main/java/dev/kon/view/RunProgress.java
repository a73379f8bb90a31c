package dev.kon.view;

import dev.kon.runs.RunRecord;
import dev.kon.runs.RunState;
import java.time.Duration;
import java.time.Instant;

/**
 * What a run's record says of its progress at one moment: percent done, rate and time left. The figures
 * {@code kon runs}, {@code kon status} and the web dashboard all show.
 */
public record RunProgress(RunRecord run, Instant now) {
    /** Tasks done per second, from the first submit to the last completed bundle; 0 before any. */
    public double rate() {
        double seconds = Duration.between(run.submittedAt(), run.lastActivity()).toMillis() / 1000.0;
        return run.done() == 0 || seconds <= 0 ? 0 : run.done() / seconds;
    }

    /** Time left at the current rate, or null when it cannot be told (nothing done yet, finished, cancelled). */
    public Duration eta() {
        long left = run.tasks() - run.done();
        double rate = rate();
        if (left <= 0 || rate <= 0 || run.state() == RunState.CANCELLED) {
            return null;
        }
        return Duration.ofMillis((long) (left / rate * 1000));
    }

    /** Tasks done as a percentage of the run's tasks; 100 for a run of none. */
    public double percent() {
        return run.tasks() == 0 ? 100 : 100.0 * run.done() / run.tasks();
    }
}
