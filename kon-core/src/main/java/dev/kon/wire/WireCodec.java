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
 * {"v":2,"run":"R","workers":["h/1/t0"],"results":[[1,0,0,1700000000000,1],[1,1,0,3,0,"boom"]]}
 * {"v":1,"run":"R","results":[{"id":1,"status":0,"output":"","worker":"h/1/t0","startMs":1,"endMs":2}]}   (read)
 * {"v":1,"blob":"bodies/R/R-b1.json"}        (a body too large for the queue, stored in the blob store)
 * </pre>
 * Unknown fields are skipped (a newer writer may add some); an unknown version, a missing field, a field named
 * twice, a broken text or one over the reader's limits (nesting, string and body length: see {@link StrictJson})
 * is a {@link MalformedMessageException}, and decoding throws nothing else. Stateless and thread-safe.
 */
public final class WireCodec {
    public static final int VERSION = 1;
    /** The version result messages are written in: {@link #encodeResults}; readers take it and {@link #VERSION}. */
    public static final int RESULTS_VERSION = 2;

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
                    if (limitMs < 1 || limitMs > TaskBundle.MAX_TIME_LIMIT.toMillis()) {
                        throw r.error("limitMs must be 1.." + TaskBundle.MAX_TIME_LIMIT.toMillis());
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

    /**
     * Encodes results compactly (version {@value #RESULTS_VERSION}): each worker id once, then one array per
     * result, {@code [id, status, worker, start, duration]} plus the output when it is not empty, where id and
     * start are differences from the previous result's (the first result's are absolute) and worker is an index
     * into {@code workers}. A bundle's results mostly have consecutive ids, one worker and close start times, so a
     * result of a short task takes about a dozen bytes instead of about a hundred.
     */
    public static String encodeResults(ResultBatch b) {
        List<String> workers = new ArrayList<>(4);
        java.util.Map<String, Integer> index = new java.util.HashMap<>();
        for (TaskResult r : b.results()) {
            if (index.putIfAbsent(r.worker(), workers.size()) == null) {
                workers.add(r.worker());
            }
        }
        StringBuilder sb = new StringBuilder(64 + b.results().size() * 16);
        sb.append("{\"v\":").append(RESULTS_VERSION).append(",\"run\":");
        JsonText.quote(sb, b.run()).append(",\"workers\":[");
        for (int i = 0; i < workers.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            JsonText.quote(sb, workers.get(i));
        }
        sb.append("],\"results\":[");
        long prevId = 0;
        long prevStart = 0;
        boolean first = true;
        for (TaskResult r : b.results()) {
            if (!first) {
                sb.append(',');
            }
            first = false;
            sb.append('[').append(r.taskId() - prevId).append(',').append(r.status()).append(',')
                    .append(index.get(r.worker())).append(',').append(r.startMs() - prevStart).append(',')
                    .append(r.endMs() - r.startMs());
            if (!r.output().isEmpty()) {
                JsonText.quote(sb.append(','), r.output());
            }
            sb.append(']');
            prevId = r.taskId();
            prevStart = r.startMs();
        }
        return sb.append("]}").toString();
    }

    /** Encodes results in the version 1 layout, one object per result; read still, written for old clients. */
    public static String encodeResultsV1(ResultBatch b) {
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

    /** Appends one version 1 result object. */
    static StringBuilder appendResult(StringBuilder sb, TaskResult r) {
        sb.append("{\"id\":").append(r.taskId()).append(",\"status\":").append(r.status()).append(",\"output\":");
        JsonText.quote(sb, r.output()).append(",\"worker\":");
        JsonText.quote(sb, r.worker()).append(",\"startMs\":").append(r.startMs());
        return sb.append(",\"endMs\":").append(r.endMs()).append('}');
    }

    /** Reads results of either version. */
    public static ResultBatch decodeResults(String body) {
        return BodyReader.read(body, WireCodec::readResults);
    }

    /** A compact result as read, before its worker index is resolved (the worker list may come after it). */
    private record Compact(long id, int status, long worker, long start, long end, String output) {
    }

    private static ResultBatch readResults(BodyReader r) {
        r.openObject();
        String run = null;
        List<TaskResult> full = new ArrayList<>();
        List<Compact> compact = new ArrayList<>();
        List<String> workers = null;
        boolean hasResults = false;
        long version = 0;
        for (String field = r.firstField(); field != null; field = r.nextField()) {
            switch (field) {
                case "v" -> version = resultsVersion(r);
                case "run" -> run = r.string();
                case "workers" -> workers = strings(r);
                case "results" -> {
                    results(r, full, compact);
                    hasResults = true;
                }
                case "blob" -> throw new MalformedMessageException("body is a blob pointer; resolve it first");
                default -> r.skipValue();
            }
        }
        r.end();
        require(version != 0, "v");
        require(run != null, "run");
        require(hasResults, "results");
        if (version == VERSION && !compact.isEmpty() || version == RESULTS_VERSION && !full.isEmpty()) {
            throw new MalformedMessageException("results laid out otherwise than version " + version + " says");
        }
        if (compact.isEmpty()) {
            return new ResultBatch(run, full);
        }
        require(workers != null, "workers");
        List<TaskResult> out = new ArrayList<>(compact.size());
        for (Compact c : compact) {
            if (c.worker() < 0 || c.worker() >= workers.size()) {
                throw new MalformedMessageException("result names worker " + c.worker() + " of " + workers.size());
            }
            out.add(new TaskResult(c.id(), c.status(), c.output(), workers.get((int) c.worker()), c.start(), c.end()));
        }
        return new ResultBatch(run, out);
    }

    private static long resultsVersion(BodyReader r) {
        long v = r.integer();
        if (v != VERSION && v != RESULTS_VERSION) {
            throw new MalformedMessageException("unknown message version " + v + " (this Kon reads results of "
                    + VERSION + " and " + RESULTS_VERSION + ")");
        }
        return v;
    }

    private static List<String> strings(BodyReader r) {
        r.openArray();
        List<String> out = new ArrayList<>();
        for (String s = r.stringOrArrayEnd(); s != null; s = r.stringOrArrayEnd()) {
            out.add(s);
        }
        return out;
    }

    private static void results(BodyReader r, List<TaskResult> full, List<Compact> compact) {
        r.openArray();
        long id = 0;
        long start = 0;
        for (BodyReader.Element e = r.nextElement(); e != BodyReader.Element.END; e = r.nextElement()) {
            if (e == BodyReader.Element.OBJECT) {
                full.add(result(r));
                continue;
            }
            // Differences wrap around as the writer's did, so any long comes back exactly.
            id += r.integer();
            int status = status(r, r.integer());
            long worker = r.integer();
            start += r.integer();
            long end = start + r.integer();
            String output = r.stringOrArrayEnd();
            if (output == null) {
                output = "";
            } else {
                r.closeArray();
            }
            if (id < 0) {
                throw r.error("result with a negative id");
            }
            compact.add(new Compact(id, status, worker, start, end, output));
        }
    }

    private static int status(BodyReader r, long st) {
        if (st != TaskResult.SUCCESS && st != TaskResult.FAILURE) {
            throw r.error("result with a status other than 0 or 1");
        }
        return (int) st;
    }

    /** One version 1 result object, its '{' consumed. */
    private static TaskResult result(BodyReader r) {
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
        return new TaskResult(id, status, output, worker, start, end);
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

    /**
     * The digits of {@code v} in decimal (20 for any negative number: its sign and up to 19 digits). Compares with
     * powers of ten instead of dividing: a result's two epoch-millisecond times took some 26 divisions, which cost
     * more than the rest of sizing it.
     */
    static int digits(long v) {
        if (v < 0) {
            return 20;
        }
        int n = 1;
        // 10^18 is the largest power of ten a long holds: past it the count stops at 19.
        for (long p = 10; n < 19 && v >= p; p *= 10) {
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
