package dev.kon.aws.queue;

import dev.kon.aws.AwsClients;
import dev.kon.aws.LocalCloudExtension;
import dev.kon.queue.QueueService;
import dev.kon.testkit.TaskQueueContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LocalCloudExtension.class)
class SqsTaskQueueContractTest extends TaskQueueContract {
    private static SqsQueueService queues;

    @BeforeAll
    static void connect(AwsClients clients) {
        queues = new SqsQueueService(clients.sqs());
    }

    @AfterAll
    static void disconnect() {
        queues.close();
    }

    @Override
    protected QueueService queues() {
        return queues;
    }
}
