package dev.kon.bench.jmh;

import dev.kon.queue.InMemoryQueueService;
import dev.kon.queue.QueueMessage;
import dev.kon.queue.QueueSpec;
import dev.kon.queue.TaskQueue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The in-memory queue's round trip of one batch of {@value #BATCH} messages (the SQS batch limit): send, receive,
 * acknowledge, on one thread, so the queue is empty again after each operation. Once with text bodies (what a
 * remote queue carries) and once with objects passed through (what local mode sends). Microseconds per batch.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class InMemoryQueueBench {
    static final int BATCH = 10;
    private TaskQueue queue;
    private List<String> bodies;
    private List<Object> objects;
    private final Function<Object, String> encoder = Object::toString;

    @Setup
    public void setUp() {
        queue = new InMemoryQueueService().create(QueueSpec.of("jmh-tasks"));
        bodies = new ArrayList<>();
        objects = new ArrayList<>();
        for (int i = 0; i < BATCH; i++) {
            bodies.add("{\"v\":1,\"run\":\"r\",\"bundle\":\"r-b" + i + "\",\"reply\":\"kon-resp-r\",\"tasks\":[]}");
            objects.add(Integer.valueOf(i));
        }
    }

    @Benchmark
    public int sendReceiveAcknowledgeBodies() {
        queue.send(bodies);
        return roundTrip();
    }

    @Benchmark
    public int sendReceiveAcknowledgeObjects() {
        queue.sendObjects(objects, encoder);
        return roundTrip();
    }

    private int roundTrip() {
        List<QueueMessage> got = queue.receive(BATCH, Duration.ZERO);
        queue.acknowledge(got);
        return got.size();
    }
}
