package dev.kon.client;

import dev.kon.FatalErrors;
import dev.kon.blob.BlobException;
import dev.kon.blob.BlobNotFoundException;
import dev.kon.queue.DeadLetters;
import dev.kon.queue.QueueMessage;
import dev.kon.queue.TaskQueue;
import dev.kon.wire.LargeBodies;
import dev.kon.wire.ResultBatch;
import dev.kon.wire.WireCodec;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads result messages from a reply queue without losing any. A message is one of:
 * <ul>
 *   <li>readable: its results are taken, then it is deleted;</li>
 *   <li>unreadable for good (a malformed body, anything the decoder throws, a spilled body that no longer exists):
 *       moved to the dead-letter queue and deleted only once the move succeeded, and counted, so the run's report
 *       says so;</li>
 *   <li>not readable now (the blob store failed while fetching a spilled body): left on the queue, not deleted;
 *       it comes back after the visibility timeout and is read again.</li>
 * </ul>
 * Stateless; used by the {@link ReplyReader}.
 */
final class ReplyIntake {
    private static final Logger LOG = LoggerFactory.getLogger(ReplyIntake.class);

    /**
     * What became of a received batch of messages.
     *
     * @param batches      the results of the readable messages
     * @param readable     the messages they came from
     * @param deadLettered the unreadable messages now on the dead-letter queue
     * @param unreadable   how many messages were unreadable for good (dead-lettered, or left if the move failed)
     */
    record Intake(List<ResultBatch> batches, List<QueueMessage> readable, List<QueueMessage> deadLettered,
            int unreadable) {
    }

    private ReplyIntake() {
    }

    static Intake read(List<QueueMessage> got, LargeBodies bodies, DeadLetters deadLetters, String queue) {
        List<ResultBatch> batches = new ArrayList<>(got.size());
        List<QueueMessage> readable = new ArrayList<>(got.size());
        List<QueueMessage> deadLettered = new ArrayList<>();
        int unreadable = 0;
        for (QueueMessage m : got) {
            String reason;
            try {
                batches.add(m.payload() instanceof ResultBatch b ? b
                        : WireCodec.decodeResults(bodies.resolve(m.body())));
                readable.add(m);
                continue;
            } catch (BlobNotFoundException e) {
                reason = "its spilled body is gone: " + e.getMessage();
            } catch (BlobException e) {
                LOG.warn("result message {} on '{}': fetching its body failed; it stays on the queue and is read "
                        + "again: {}", m.messageId(), queue, e.toString());
                continue;
            } catch (Throwable e) {
                if (FatalErrors.isFatal(e)) {
                    throw e;
                }
                reason = "unreadable: " + e.getClass().getSimpleName() + ": " + e.getMessage();
            }
            unreadable++;
            if (deadLetters.move(m, queue, "result message " + reason)) {
                deadLettered.add(m);
            }
        }
        return new Intake(batches, readable, deadLettered, unreadable);
    }

    /**
     * Once the results of {@code in} are taken: releases the bodies of the readable messages that went through the
     * blob store (a redelivered copy would only carry duplicates, which are dropped anyway), then deletes the
     * readable and the dead-lettered messages. A dead-lettered message's blob is kept: its copy points to it.
     *
     * @throws RuntimeException when a release or the delete fails; the messages may then come back
     */
    static void finish(Intake in, TaskQueue replies, LargeBodies bodies) {
        for (QueueMessage m : in.readable()) {
            if (m.payload() == null) {
                bodies.release(m.body());
            }
        }
        List<QueueMessage> all = new ArrayList<>(in.readable());
        all.addAll(in.deadLettered());
        if (!all.isEmpty()) {
            replies.acknowledge(all);
        }
    }
}
