package dev.kon.web;

import dev.kon.Backend;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * What the web server reads and steers: the backend, the task queue's and dead-letter queue's names, how to list
 * queues by prefix (the runs' reply queues) and the clock.
 *
 * @param backend         queues, ledger, blobs, runs and workers
 * @param taskQueue       the task queue requests and workloads go to
 * @param deadLetterQueue its dead-letter queue
 * @param queuesNamed     the names of the queues whose names start with a prefix
 * @param clock           time, for ages, rates and liveness
 */
public record WebCloud(Backend backend, String taskQueue, String deadLetterQueue,
        Function<String, List<String>> queuesNamed, Clock clock) {
    public WebCloud {
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(taskQueue, "taskQueue");
        Objects.requireNonNull(deadLetterQueue, "deadLetterQueue");
        Objects.requireNonNull(queuesNamed, "queuesNamed");
        Objects.requireNonNull(clock, "clock");
    }
}
