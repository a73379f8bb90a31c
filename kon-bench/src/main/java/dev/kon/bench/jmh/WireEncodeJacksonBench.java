package dev.kon.bench.jmh;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import dev.kon.task.Task;
import dev.kon.task.TaskResult;
import dev.kon.wire.ResultBatch;
import dev.kon.wire.TaskBundle;
import dev.kon.wire.WireCodec;
import java.io.IOException;
import java.io.StringWriter;
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

/** Encoding the bodies of {@link WireCodecBench} with jackson-core's JsonGenerator, byte for byte the same. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class WireEncodeJacksonBench {
    /** Jackson's escapes, but \b and \f as the hand-written writer does: \u0008, \u000c. */
    private static final class KonEscapes extends CharacterEscapes {
        private final int[] codes = CharacterEscapes.standardAsciiEscapesForJSON();

        KonEscapes() {
            codes['\b'] = CharacterEscapes.ESCAPE_STANDARD;
            codes['\f'] = CharacterEscapes.ESCAPE_STANDARD;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return codes;
        }

        @Override
        public com.fasterxml.jackson.core.SerializableString getEscapeSequence(int ch) {
            return null;
        }
    }

    private static final JsonFactory FACTORY = new com.fasterxml.jackson.core.JsonFactoryBuilder()
            .characterEscapes(new KonEscapes())
            .disable(JsonWriteFeature.WRITE_HEX_UPPER_CASE)
            .build();

    private TaskBundle bundle;
    private ResultBatch results;

    @Setup
    public void setUp() {
        String run = "mwtealqs7def40";
        List<Task> tasks = new ArrayList<>();
        List<TaskResult> done = new ArrayList<>();
        long start = 1_795_000_000_000L;
        for (int i = 1; i <= WireCodecBench.TASKS; i++) {
            tasks.add(new Task(100_000 + i, "sleep", "10"));
            done.add(new TaskResult(100_000 + i, TaskResult.SUCCESS, "", "ip-172-31-60-22/41234/k3xq/t0",
                    start + 11L * i, start + 11L * i + 10));
        }
        bundle = new TaskBundle(run, run + "-b42", "kon-resp-" + run, tasks);
        results = new ResultBatch(run, done);
        String awkward = "a\"b\\c\n\r\t\b\f\u0001\u001f\u007f\u00e9\ud83d\ude00/</";
        TaskBundle odd = new TaskBundle(awkward, "b", "q", List.of(new Task(1, awkward, awkward)));
        ResultBatch oddResults = new ResultBatch(awkward, List.of(new TaskResult(1, 1, awkward, awkward, -1, 2)));
        if (!encodeBundle(odd).equals(WireCodec.encodeBundle(odd))
                || !encodeResults(oddResults).equals(WireCodec.encodeResults(oddResults))
                || !encodeBundle(bundle).equals(WireCodec.encodeBundle(bundle))
                || !encodeResults(results).equals(WireCodec.encodeResults(results))) {
            throw new IllegalStateException("the jackson encoder does not write the same bytes:\n"
                    + encodeBundle(odd) + "\n" + WireCodec.encodeBundle(odd));
        }
    }

    @Benchmark
    public String encodeBundle() {
        return encodeBundle(bundle);
    }

    @Benchmark
    public String encodeResults() {
        return encodeResults(results);
    }

    static String encodeBundle(TaskBundle b) {
        StringWriter out = new StringWriter(64 + b.tasks().size() * 40);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.writeStartObject();
            g.writeNumberField("v", WireCodec.VERSION);
            g.writeStringField("run", b.run());
            g.writeStringField("bundle", b.bundleId());
            g.writeStringField("reply", b.replyQueue());
            g.writeArrayFieldStart("tasks");
            for (Task t : b.tasks()) {
                g.writeStartObject();
                g.writeNumberField("id", t.id());
                g.writeStringField("type", t.type());
                g.writeStringField("args", t.args());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toString();
    }

    static String encodeResults(ResultBatch b) {
        StringWriter out = new StringWriter(64 + b.results().size() * 80);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.writeStartObject();
            g.writeNumberField("v", WireCodec.VERSION);
            g.writeStringField("run", b.run());
            g.writeArrayFieldStart("results");
            for (TaskResult r : b.results()) {
                g.writeStartObject();
                g.writeNumberField("id", r.taskId());
                g.writeNumberField("status", r.status());
                g.writeStringField("output", r.output());
                g.writeStringField("worker", r.worker());
                g.writeNumberField("startMs", r.startMs());
                g.writeNumberField("endMs", r.endMs());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toString();
    }
}
