package dev.kon.client;

import dev.kon.queue.BatchSender;
import dev.kon.queue.QueueException;
import dev.kon.queue.TaskQueue;
import dev.kon.task.Task;
import dev.kon.wire.LargeBodies;
import dev.kon.wire.TaskBundle;
import dev.kon.wire.WireCodec;
import java.util.List;
import java.util.function.Consumer;

/**
 * Sends task bundles to a task queue: the one sender of both runs ({@link Submitter}, from its sender threads)
 * and requests ({@link RequestSession}, on the calling thread). Bundles go in batch calls; a body too large for a
 * message travels through the blob store, and its key is reported so the sender can delete it when the run is
 * over. Bundle ids are {@code RUN-bN}.
 *
 * <p>Thread-safety: thread-safe.
 */
final class BundleSender {
    private final TaskQueue queue;
    private final LargeBodies bodies;

    BundleSender(TaskQueue queue, LargeBodies bodies) {
        this.queue = queue;
        this.bodies = bodies;
    }

    /** Bundle number {@code n} (from 1) of {@code run}, holding {@code tasks}. */
    static TaskBundle bundle(RunSpec run, long n, List<Task> tasks) {
        return new TaskBundle(run.runId(), run.runId() + "-b" + n, run.replyQueue(), tasks, run.timeLimit());
    }

    /**
     * Sends the bundles (an in-process queue takes them as objects, a remote one as text).
     *
     * @param spilled hears the blob key of each body that went through the blob store
     * @throws QueueException when some could not be sent after retries; the others stay sent
     */
    void send(List<TaskBundle> bundles, Consumer<String> spilled) {
        boolean sent = BatchSender.sendAll(queue, bundles, b -> {
            String body = WireCodec.encodeBundle(b);
            String out = bodies.spillIfLarge(body, b.run() + "/" + b.bundleId());
            String key = out == body ? null : WireCodec.pointerKey(out);
            if (key != null) {
                spilled.accept(key);
            }
            return out;
        });
        if (!sent) {
            throw new QueueException(queue.name(), "could not send " + bundles.size() + " bundle(s) of run "
                    + bundles.get(0).run() + " after retries", null);
        }
    }
}
