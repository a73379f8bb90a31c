package dev.kon.bench.jmh;

import dev.kon.task.Task;
import dev.kon.task.TaskResult;
import dev.kon.wire.ResultBatch;
import dev.kon.wire.TaskBundle;
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

/**
 * {@link WireCodec} on the two message bodies of every remote run: a bundle of {@value #TASKS} {@code sleep} tasks
 * (what a client sends) and a batch of {@value #TASKS} results (what a worker sends back). Microseconds per body.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class WireCodecBench {
    static final int TASKS = 100;
    private TaskBundle bundle;
    private String bundleBody;
    private ResultBatch results;
    private String resultsBody;

    @Setup
    public void setUp() {
        String run = "mwtealqs7def40";
        List<Task> tasks = new ArrayList<>();
        List<TaskResult> done = new ArrayList<>();
        long start = 1_795_000_000_000L;
        for (int i = 1; i <= TASKS; i++) {
            tasks.add(new Task(100_000 + i, "sleep", "10"));
            done.add(new TaskResult(100_000 + i, TaskResult.SUCCESS, "", "ip-172-31-60-22/41234/k3xq/t0",
                    start + 11L * i, start + 11L * i + 10));
        }
        bundle = new TaskBundle(run, run + "-b42", "kon-resp-" + run, tasks);
        bundleBody = WireCodec.encodeBundle(bundle);
        results = new ResultBatch(run, done);
        resultsBody = WireCodec.encodeResults(results);
    }

    @Benchmark
    public String encodeBundle() {
        return WireCodec.encodeBundle(bundle);
    }

    @Benchmark
    public TaskBundle decodeBundle() {
        return WireCodec.decodeBundle(bundleBody);
    }

    @Benchmark
    public String encodeResults() {
        return WireCodec.encodeResults(results);
    }

    @Benchmark
    public ResultBatch decodeResults() {
        return WireCodec.decodeResults(resultsBody);
    }
}
