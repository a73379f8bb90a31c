package dev.kon.client;

import dev.kon.task.TaskResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * A {@link ResultSink} in front of another that keeps the first {@value #SHOWN} failed tasks by line, for the
 * report: a person sees which tasks failed and why without opening the log. Holds a bounded number, however many
 * fail.
 *
 * <p>Thread-safety: as its sink's; the tally calls it under its lock, and {@link #first()} locks this object.
 */
final class FailureSample implements ResultSink {
    /** Failed tasks a report names. */
    static final int SHOWN = 10;
    private final ResultSink next;
    /** The lowest lines so far, the highest of them on top to be dropped first. */
    private final PriorityQueue<TaskResult> lowest =
            new PriorityQueue<>(Comparator.comparingLong(TaskResult::taskId).reversed());

    FailureSample(ResultSink next) {
        this.next = next;
    }

    @Override
    public void accept(TaskResult r) {
        if (!r.succeeded()) {
            synchronized (this) {
                lowest.add(r);
                if (lowest.size() > SHOWN) {
                    lowest.poll();
                }
            }
        }
        next.accept(r);
    }

    /** Up to {@value #SHOWN} failed tasks, by line. */
    synchronized List<TaskResult> first() {
        List<TaskResult> out = new ArrayList<>(lowest);
        out.sort(Comparator.comparingLong(TaskResult::taskId));
        return out;
    }
}
