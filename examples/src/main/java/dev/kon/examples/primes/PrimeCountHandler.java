package dev.kon.examples.primes;

import dev.kon.task.PermanentTaskFailure;
import dev.kon.task.Task;
import dev.kon.task.TaskContext;
import dev.kon.task.TaskHandler;

/**
 * Runs {@code primes} tasks on a worker. Listed in {@code META-INF/services/dev.kon.task.TaskHandler}, so a worker
 * with this jar on its class path (in-process) or its task path ({@code kon worker --task-path}) finds it.
 */
public final class PrimeCountHandler implements TaskHandler {
    @Override
    public String type() {
        return PrimeCount.TYPE.name();
    }

    @Override
    public String handle(Task task, TaskContext ctx) {
        PrimeCount.Range range;
        try {
            range = PrimeCount.TYPE.args().decode(task.args());
        } catch (RuntimeException e) {
            // Bad arguments do not get better by retrying.
            throw new PermanentTaskFailure(e.getMessage(), e);
        }
        return PrimeCount.TYPE.output().encode(new PrimeCount.Count(PrimeCount.count(range)));
    }
}
