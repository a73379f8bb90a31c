package dev.kon.bench.jmh;

import dev.kon.blob.InMemoryBlobStore;
import dev.kon.client.ResultTally;
import dev.kon.queue.InMemoryQueueService;
import dev.kon.queue.QueueSpec;
import dev.kon.queue.TaskQueue;
import dev.kon.task.TaskResult;
import dev.kon.wire.LargeBodies;
import dev.kon.wire.ResultBatch;
import dev.kon.wire.WireCodec;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * The client's collector path through its public API: result batches of {@value #RESULTS} results handed to
 * {@link ResultTally#take} (what the reply reader does with each message), which drops duplicates by task id, counts and calls the sink. {@code fresh}: every
 * result is new (a pool of {@value #POOL} batches with distinct ids; at the pool's end a new collector starts, so
 * ids stay fresh). {@code duplicates}: the same batch again and again, every result dropped as seen.
 * {@code decodeAndTake}: a result message's body decoded and taken, as a remote run's collector does.
 * Microseconds per batch.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class CollectorBench {
    static final int RESULTS = 100;
    static final int POOL = 1024;
    private final List<ResultBatch> pool = new ArrayList<>();
    private final List<String> bodies = new ArrayList<>();
    private TaskQueue replies;
    private LargeBodies largeBodies;
    private ResultTally collector;
    private Blackhole sinkHole;
    private int next;

    @Setup
    public void setUp(Blackhole blackhole) {
        sinkHole = blackhole;
        replies = new InMemoryQueueService().create(QueueSpec.of("jmh-replies"));
        largeBodies = new LargeBodies(new InMemoryBlobStore(), replies.limits());
        long start = 1_795_000_000_000L;
        for (int b = 0; b < POOL; b++) {
            List<TaskResult> results = new ArrayList<>(RESULTS);
            for (int i = 1; i <= RESULTS; i++) {
                long id = (long) b * RESULTS + i;
                results.add(new TaskResult(id, TaskResult.SUCCESS, "", "ip-172-31-60-22/41234/k3xq/t0", start + id,
                        start + id + 10));
            }
            ResultBatch batch = new ResultBatch("mwtealqs7def40", results);
            pool.add(batch);
            bodies.add(WireCodec.encodeResults(batch));
        }
        collector = newCollector();
    }


    @Benchmark
    public void fresh() {
        collector.take(pool.get(nextIndex()).results());
    }

    @Benchmark
    public void duplicates() {
        collector.take(pool.get(0).results());
    }

    @Benchmark
    public void decodeAndTake() {
        collector.take(WireCodec.decodeResults(largeBodies.resolve(bodies.get(nextIndex()))).results());
    }

    /** The next pool index; a new collector once the pool is used up, so the next round's ids are new to it. */
    private int nextIndex() {
        if (next == POOL) {
            next = 0;
            collector = newCollector();
        }
        return next++;
    }

    private ResultTally newCollector() {
        // Only the tally: no reading threads. Expects more than it will ever get.
        return new ResultTally(Long.MAX_VALUE, null, sinkHole::consume);
    }
}
