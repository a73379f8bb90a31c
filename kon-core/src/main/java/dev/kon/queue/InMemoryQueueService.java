package dev.kon.queue;

import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Queues in this JVM, for local mode and tests. Visibility timeouts run on the given {@link Clock}, so a test can
 * move time instead of sleeping; long-poll waits run on real time.
 */
public final class InMemoryQueueService implements QueueService {
    private final Clock clock;
    private final ConcurrentMap<String, InMemoryTaskQueue> queues = new ConcurrentHashMap<>();

    public InMemoryQueueService(Clock clock) {
        this.clock = clock;
    }

    public InMemoryQueueService() {
        this(Clock.systemUTC());
    }

    @Override
    public TaskQueue create(QueueSpec spec) {
        InMemoryTaskQueue dlq = spec.deadLetterQueue() == null ? null
                : (InMemoryTaskQueue) create(QueueSpec.of(spec.deadLetterQueue()));
        return queues.computeIfAbsent(spec.name(), n -> new InMemoryTaskQueue(spec, dlq, clock));
    }

    @Override
    public Optional<TaskQueue> find(String name) {
        return Optional.ofNullable(queues.get(name));
    }

    @Override
    public void delete(String name) {
        InMemoryTaskQueue q = queues.remove(name);
        if (q != null) {
            q.clear();
        }
    }
}
