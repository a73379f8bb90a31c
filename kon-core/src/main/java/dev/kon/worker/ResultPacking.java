package dev.kon.worker;

import dev.kon.queue.QueueLimits;
import dev.kon.task.TaskResult;
import dev.kon.wire.LargeBodies;
import dev.kon.wire.ResultBatch;
import dev.kon.wire.WireCodec;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Packs results into as few message bodies as fit the queue's size limit. */
final class ResultPacking {
    /** Room left in a body for the envelope around the results. */
    private static final int ENVELOPE = 256;

    private ResultPacking() {
    }

    static List<String> pack(String run, List<TaskResult> results, QueueLimits limits, LargeBodies bodies,
            String workerId) {
        List<String> out = new ArrayList<>();
        List<TaskResult> current = new ArrayList<>();
        long size = 0;
        StringBuilder probe = new StringBuilder(128);
        for (TaskResult r : results) {
            probe.setLength(0);
            int len = WireCodec.utf8Length(WireCodec.appendResult(probe, r)) + 1;
            if (!current.isEmpty() && size + len + ENVELOPE > limits.maxBodyBytes()) {
                out.add(WireCodec.encodeResults(new ResultBatch(run, current)));
                current = new ArrayList<>();
                size = 0;
            }
            current.add(r);
            size += len;
        }
        if (!current.isEmpty()) {
            out.add(WireCodec.encodeResults(new ResultBatch(run, current)));
        }
        // A single result larger than a message (a huge output) travels through the blob store.
        out.replaceAll(body -> bodies.spillIfLarge(body, run + "/results-" + UUID.randomUUID()));
        return out;
    }
}
