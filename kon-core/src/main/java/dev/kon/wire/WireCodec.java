package dev.kon.wire;

import dev.kon.queue.QueueLimits;
import dev.kon.task.Task;
import dev.kon.task.TaskResult;
import java.util.ArrayList;
import java.util.List;

/**
 * Encodes and decodes Kon's versioned JSON message bodies:
 * <pre>
 * {"v":1,"run":"R","bundle":"R-b1","reply":"kon-resp-R","tasks":[{"id":1,"type":"sleep","args":"10"}]}
 * {"v":1,"run":"R","bundle":"R-b1","reply":"kon-resp-R","limitMs":30000,"tasks":[...]}   (a run's time limit)
 * {"v":1,"run":"R","results":[{"id":1,"status":0,"output":"","worker":"h/1/t0","startMs":1,"endMs":2}]}
 * {"v":1,"blob":"bodies/R/R-b1.json"}        (a body too large for the queue, stored in the blob store)
 * </pre>
 * Unknown fields are skipped (a newer writer may add some); an unknown version, a missing field, a field named
 * twice, a broken text or one over the reader's limits (nesting, string and body length: see {@link StrictJson})
 * is a {@link MalformedMessageException}, and decoding throws nothing else. Stateless and thread-safe.
 */
public final class WireCodec {
    public static final int VERSION = 1;

    private WireCodec() {
    }

    public static String encodeBundle(TaskBundle b) {
        StringBuilder sb = new StringBuilder(64 + b.tasks().size() * 40);
        sb.append("{\"v\":").append(VERSION).append(",\"run\":");
        JsonText.quote(sb, b.run()).append(",\"bundle\":");
        JsonText.quote(sb, b.bundleId()).append(",\"reply\":");
        JsonText.quote(sb, b.replyQueue());
        if (b.timeLimit() != null) {
            // Optional: a worker that does not know the field skips it and applies the task types' own limits.
            sb.append(",\"limitMs\":").append(b.timeLimit().toMillis());
        }
        sb.append(",\"tasks\":[");
        boolean first = true;
        for (Task t : b.tasks()) {
            if (!first) {
                sb.append(',');
            }
            first = false;
            appendTask(sb, t);
        }
        return sb.append("]}").toString();
    }

    /** Appends one task object; exposed so a submitter can measure a task's encoded size. */
    public static StringBuilder appendTask(StringBuilder sb, Task t) {
        sb.append("{\"id\":").append(t.id()).append(",\"type\":");
        JsonText.quote(sb, t.type()).append(",\"args\":");
        return JsonText.quote(sb, t.args()).append('}');
    }

    public static TaskBundle decodeBundle(String body) {
        return BodyReader.read(body, WireCodec::readBundle);
    }

    private static TaskBundle readBundle(BodyReader r) {
        r.openObject();
        String run = null;
        String bundle = null;
        String reply = null;
        List<Task> tasks = null;
        long limitMs = 0;
        boolean versioned = false;
        for (String field = r.firstField(); field != null; field = r.nextField()) {
            switch (field) {
                case "v" -> versioned = checkVersion(r);
                case "run" -> run = r.string();
                case "bundle" -> bundle = r.string();
                case "reply" -> reply = r.string();
                case "limitMs" -> {
                    limitMs = r.integer();
                    if (limitMs < 1) {
                        throw r.error("limitMs must be >= 1");
                    }
                }
                case "tasks" -> tasks = tasks(r);
                case "blob" -> throw new MalformedMessageException("body is a blob pointer; resolve it first");
                default -> r.skipValue();
            }
        }
        r.end();
        require(versioned, "v");
        require(run != null, "run");
        require(bundle != null, "bundle");
        require(reply != null, "reply");
        require(tasks != null && !tasks.isEmpty(), "tasks");
        return new TaskBundle(run, bundle, reply, tasks, limitMs == 0 ? null : java.time.Duration.ofMillis(limitMs));
    }

    private static List<Task> tasks(BodyReader r) {
        List<Task> out = new ArrayList<>();
        r.openArray();
        while (r.nextObjectInArray()) {
            long id = -1;
            String type = null;
            String args = "";
            for (String field = r.firstField(); field != null; field = r.nextField()) {
                switch (field) {
                    case "id" -> id = r.integer();
                    case "type" -> type = r.string();
                    case "args" -> args = r.string();
                    default -> r.skipValue();
                }
            }
            if (id < 0 || type == null || type.isBlank()) {
                throw r.error("task without id or type");
            }
            out.add(new Task(id, type, args));
        }
        return out;
    }

    public static String encodeResults(ResultBatch b) {
        StringBuilder sb = new StringBuilder(64 + b.results().size() * 80);
        sb.append("{\"v\":").append(VERSION).append(",\"run\":");
        JsonText.quote(sb, b.run()).append(",\"results\":[");
        boolean first = true;
        for (TaskResult r : b.results()) {
            if (!first) {
                sb.append(',');
            }
            first = false;
            appendResult(sb, r);
        }
        return sb.append("]}").toString();
    }

    /** Appends one result object; exposed so a flusher can measure a result's encoded size. */
    public static StringBuilder appendResult(StringBuilder sb, TaskResult r) {
        sb.append("{\"id\":").append(r.taskId()).append(",\"status\":").append(r.status()).append(",\"output\":");
        JsonText.quote(sb, r.output()).append(",\"worker\":");
        JsonText.quote(sb, r.worker()).append(",\"startMs\":").append(r.startMs());
        return sb.append(",\"endMs\":").append(r.endMs()).append('}');
    }

    public static ResultBatch decodeResults(String body) {
        return BodyReader.read(body, WireCodec::readResults);
    }

    private static ResultBatch readResults(BodyReader r) {
        r.openObject();
        String run = null;
        List<TaskResult> results = null;
        boolean versioned = false;
        for (String field = r.firstField(); field != null; field = r.nextField()) {
            switch (field) {
                case "v" -> versioned = checkVersion(r);
                case "run" -> run = r.string();
                case "results" -> results = results(r);
                case "blob" -> throw new MalformedMessageException("body is a blob pointer; resolve it first");
                default -> r.skipValue();
            }
        }
        r.end();
        require(versioned, "v");
        require(run != null, "run");
        require(results != null, "results");
        return new ResultBatch(run, results);
    }

    private static List<TaskResult> results(BodyReader r) {
        List<TaskResult> out = new ArrayList<>();
        r.openArray();
        while (r.nextObjectInArray()) {
            long id = -1;
            int status = -1;
            String output = "";
            String worker = "";
            long start = 0;
            long end = 0;
            for (String field = r.firstField(); field != null; field = r.nextField()) {
                switch (field) {
                    case "id" -> id = r.integer();
                    case "status" -> {
                        long st = r.integer();
                        status = st == TaskResult.SUCCESS || st == TaskResult.FAILURE ? (int) st : -1;
                    }
                    case "output" -> output = r.string();
                    case "worker" -> worker = r.string();
                    case "startMs" -> start = r.integer();
                    case "endMs" -> end = r.integer();
                    default -> r.skipValue();
                }
            }
            if (id < 0 || (status != TaskResult.SUCCESS && status != TaskResult.FAILURE)) {
                throw r.error("result without id or with a status other than 0 or 1");
            }
            out.add(new TaskResult(id, status, output, worker, start, end));
        }
        return out;
    }

    /** A body that points at a blob holding the real body. */
    public static String encodePointer(String blobKey) {
        StringBuilder sb = new StringBuilder("{\"v\":").append(VERSION).append(",\"blob\":");
        return JsonText.quote(sb, blobKey).append('}').toString();
    }

    /** The blob key if {@code body} is a pointer written by {@link #encodePointer}, else null. */
    public static String pointerKey(String body) {
        String prefix = "{\"v\":" + VERSION + ",\"blob\":";
        if (!body.startsWith(prefix)) {
            return null;
        }
        // Read as any message: fields a newer writer adds beside the key are skipped.
        return BodyReader.read(body, WireCodec::readPointer);
    }

    private static String readPointer(BodyReader r) {
        r.openObject();
        String key = null;
        for (String field = r.firstField(); field != null; field = r.nextField()) {
            switch (field) {
                case "v" -> checkVersion(r);
                case "blob" -> key = r.string();
                default -> r.skipValue();
            }
        }
        r.end();
        return key;
    }

    /** Bytes {@link #appendTask} writes for this task, without writing it (close to exact: escapes count once). */
    public static int encodedSize(Task t) {
        return 32 + digits(t.id()) + QueueLimits.utf8Length(t.type()) + QueueLimits.utf8Length(t.args());
    }

    /** Bytes {@link #appendResult} writes for this result, without writing it (escapes count once). */
    public static int encodedSize(TaskResult r) {
        return 64 + digits(r.taskId()) + QueueLimits.utf8Length(r.output()) + QueueLimits.utf8Length(r.worker())
                + digits(r.startMs()) + digits(r.endMs());
    }

    private static int digits(long v) {
        if (v < 0) {
            return 20;
        }
        int n = 1;
        while (v >= 10) {
            v /= 10;
            n++;
        }
        return n;
    }

    private static boolean checkVersion(BodyReader r) {
        long v = r.integer();
        if (v != VERSION) {
            throw new MalformedMessageException("unknown message version " + v + " (this Kon reads " + VERSION + ")");
        }
        return true;
    }

    private static void require(boolean ok, String field) {
        if (!ok) {
            throw new MalformedMessageException("missing or empty field '" + field + "'");
        }
    }

}
