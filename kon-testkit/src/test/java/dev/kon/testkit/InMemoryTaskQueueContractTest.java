package dev.kon.testkit;

import dev.kon.queue.InMemoryQueueService;
import dev.kon.queue.QueueService;

class InMemoryTaskQueueContractTest extends TaskQueueContract {
    private final QueueService queues = new InMemoryQueueService();

    @Override
    protected QueueService queues() {
        return queues;
    }
}
