package dev.kon.queue;

/** The named queue does not exist (not provisioned, or deleted). */
public class QueueNotFoundException extends QueueException {
    public QueueNotFoundException(String queue) {
        super(queue, "no such queue (run 'kon cloud provision' first?)", null);
    }
}
