package dev.kon.worker;

import dev.kon.queue.QueueLimits;
import dev.kon.task.TaskResult;
import dev.kon.wire.ResultBatch;
import dev.kon.wire.WireCodec;
import java.util.ArrayList;
import java.util.List;

/** Splits results into batches that each fit one message, by their estimated encoded size. */
final class ResultPacking {
    /** Room left in a body for the envelope around the results. */
    private static final int ENVELOPE = 256;

    private ResultPacking() {
    }

    static List<ResultBatch> pack(String run, List<TaskResult> results, QueueLimits limits) {
        List<ResultBatch> out = new ArrayList<>();
        List<TaskResult> current = new ArrayList<>();
        long size = 0;
        for (TaskResult r : results) {
            int len = WireCodec.encodedSize(r) + 1;
            if (!current.isEmpty() && size + len + ENVELOPE > limits.maxBodyBytes()) {
                out.add(new ResultBatch(run, current));
                current = new ArrayList<>();
                size = 0;
            }
            current.add(r);
            size += len;
        }
        if (!current.isEmpty()) {
            out.add(new ResultBatch(run, current));
        }
        return out;
    }
}
