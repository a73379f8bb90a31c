package dev.kon.aws.queue;

import dev.kon.aws.Uninterruptibly;
import dev.kon.queue.BatchResult;
import dev.kon.queue.QueueDepth;
import dev.kon.queue.QueueException;
import dev.kon.queue.QueueLimits;
import dev.kon.queue.QueueMessage;
import dev.kon.queue.QueueNotFoundException;
import dev.kon.queue.OutgoingMessage;
import dev.kon.queue.TaskQueue;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * A {@link TaskQueue} on one Amazon SQS standard queue (or ElasticMQ). Obtain it from {@link SqsQueueService}.
 *
 * <p>Batch calls map one to one onto SQS batch actions, with each entry's id its index in the request, so SQS's
 * per-entry failures come back as {@link BatchResult} failures. A send whose bodies together exceed SQS's
 * 256 KiB request limit is split into several requests; a body over {@link QueueLimits#maxBodyBytes()} fails its
 * entry without being sent. Receives long-poll ({@code WaitTimeSeconds}, the wait rounded to whole seconds) and
 * return early, empty, when the calling thread is interrupted. Every other call completes even so (see
 * {@link Uninterruptibly}): an interrupt stops waiting, not writing.
 *
 * <p>Thread-safety: thread-safe. Failure behaviour: {@link QueueNotFoundException} when the queue no longer exists,
 * {@link QueueException} naming the queue for any other failure of a whole call.
 */
public final class SqsTaskQueue implements TaskQueue {
    private static final QueueLimits LIMITS = QueueLimits.SQS;
    /** Longest visibility timeout SQS accepts: 12 hours. */
    static final Duration MAX_VISIBILITY = Duration.ofHours(12);

    private final SqsClient sqs;
    private final String name;
    private final String url;
    private final LongPoll longPoll;
    private final Runnable onMissing;

    SqsTaskQueue(SqsClient sqs, String name, String url, LongPoll longPoll, Runnable onMissing) {
        this.sqs = sqs;
        this.name = name;
        this.url = url;
        this.longPoll = longPoll;
        this.onMissing = onMissing;
    }

    @Override
    public String name() {
        return name;
    }

    /** The queue's URL, as SQS names it. */
    public String url() {
        return url;
    }

    @Override
    public QueueLimits limits() {
        return LIMITS;
    }

    @Override
    public BatchResult send(List<String> bodies) {
        checkBatch(bodies.size());
        List<BatchResult.Failure> failures = new ArrayList<>();
        List<SendMessageBatchRequestEntry> request = new ArrayList<>();
        int requestBytes = 0;
        for (int i = 0; i < bodies.size(); i++) {
            int bytes = bodies.get(i).getBytes(StandardCharsets.UTF_8).length;
            if (bytes > LIMITS.maxBodyBytes()) {
                failures.add(new BatchResult.Failure(i, "body of " + bytes + " bytes is over the limit of "
                        + LIMITS.maxBodyBytes() + " bytes"));
                continue;
            }
            // SQS limits a whole batch request to the size of one message: split rather than fail them all.
            if (requestBytes + bytes > LIMITS.maxBodyBytes()) {
                sendBatch(request, failures);
                request = new ArrayList<>();
                requestBytes = 0;
            }
            request.add(SendMessageBatchRequestEntry.builder().id(Integer.toString(i))
                    .messageBody(bodies.get(i)).build());
            requestBytes += bytes;
        }
        sendBatch(request, failures);
        return failures.isEmpty() ? BatchResult.ok() : new BatchResult(failures);
    }

    /** As {@link #send}, each entry with its attributes as SQS message attributes of type String. */
    @Override
    public BatchResult sendMessages(List<OutgoingMessage> messages) {
        checkBatch(messages.size());
        List<BatchResult.Failure> failures = new ArrayList<>();
        List<SendMessageBatchRequestEntry> request = new ArrayList<>();
        int requestBytes = 0;
        for (int i = 0; i < messages.size(); i++) {
            OutgoingMessage m = messages.get(i);
            int bytes = m.size();
            if (bytes > LIMITS.maxBodyBytes()) {
                failures.add(new BatchResult.Failure(i, "message of " + bytes + " bytes is over the limit of "
                        + LIMITS.maxBodyBytes() + " bytes"));
                continue;
            }
            if (requestBytes + bytes > LIMITS.maxBodyBytes()) {
                sendBatch(request, failures);
                request = new ArrayList<>();
                requestBytes = 0;
            }
            Map<String, MessageAttributeValue> attributes = new java.util.HashMap<>();
            m.attributes().forEach((k, v) -> attributes.put(k,
                    MessageAttributeValue.builder().dataType("String").stringValue(v).build()));
            request.add(SendMessageBatchRequestEntry.builder().id(Integer.toString(i)).messageBody(m.body())
                    .messageAttributes(attributes).build());
            requestBytes += bytes;
        }
        sendBatch(request, failures);
        return failures.isEmpty() ? BatchResult.ok() : new BatchResult(failures);
    }

    private void sendBatch(List<SendMessageBatchRequestEntry> entries, List<BatchResult.Failure> failures) {
        if (entries.isEmpty()) {
            return;
        }
        var response = call(() -> sqs.sendMessageBatch(b -> b.queueUrl(url).entries(entries)));
        failures.addAll(failuresOf(response.failed()));
    }

    @Override
    public List<QueueMessage> receive(int max, Duration wait) {
        if (max < 1 || max > LIMITS.maxBatch()) {
            throw new IllegalArgumentException("max must be 1-" + LIMITS.maxBatch() + ", was " + max);
        }
        if (wait.isNegative() || wait.compareTo(Duration.ofSeconds(20)) > 0) {
            throw new IllegalArgumentException("wait must be 0-20s, was " + wait.toMillis() + "ms");
        }
        if (Thread.currentThread().isInterrupted()) {
            return List.of();
        }
        int waitSeconds = (int) ((wait.toMillis() + 500) / 1000);
        ReceiveMessageRequest request = ReceiveMessageRequest.builder().queueUrl(url)
                .maxNumberOfMessages(max).waitTimeSeconds(waitSeconds)
                .messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT,
                        MessageSystemAttributeName.SENT_TIMESTAMP)
                .messageAttributeNames("All")
                .build();
        Supplier<List<Message>> poll = () -> call(() -> sqs.receiveMessage(request)).messages();
        List<Message> received = waitSeconds == 0 ? poll.get() : longPoll.receive(poll, this::releaseQuietly);
        List<QueueMessage> messages = new ArrayList<>(received.size());
        for (Message m : received) {
            String count = m.attributes().get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT);
            String sent = m.attributes().get(MessageSystemAttributeName.SENT_TIMESTAMP);
            messages.add(new QueueMessage(m.messageId(), m.receiptHandle(), m.body(),
                    count == null ? 1 : Integer.parseInt(count), sentAtMillis(sent), textAttributes(m)));
        }
        return messages;
    }

    /** The message's attributes that carry text; binary ones (never sent by Kon) are left out. */
    private static Map<String, String> textAttributes(Message m) {
        if (!m.hasMessageAttributes() || m.messageAttributes().isEmpty()) {
            return Map.of();
        }
        Map<String, String> out = new java.util.HashMap<>();
        m.messageAttributes().forEach((k, v) -> {
            if (v.stringValue() != null) {
                out.put(k, v.stringValue());
            }
        });
        return out;
    }

    /** SQS's {@code SentTimestamp} (epoch milliseconds); a queue that leaves it out or garbles it says nothing. */
    private static long sentAtMillis(String sent) {
        if (sent == null) {
            return QueueMessage.SENT_UNKNOWN;
        }
        try {
            return Long.parseLong(sent);
        } catch (NumberFormatException e) {
            return QueueMessage.SENT_UNKNOWN;
        }
    }

    /** Messages a receive got after its caller was interrupted: give them back at once rather than after the timeout. */
    private void releaseQuietly(List<Message> late) {
        try {
            sqs.changeMessageVisibilityBatch(b -> b.queueUrl(url).entries(indexed(late.size(),
                    i -> ChangeMessageVisibilityBatchRequestEntry.builder().id(Integer.toString(i))
                            .receiptHandle(late.get(i).receiptHandle()).visibilityTimeout(0).build())));
        } catch (SdkException e) {
            // They reappear after the visibility timeout instead: nothing is lost.
        }
    }

    @Override
    public BatchResult acknowledge(List<QueueMessage> messages) {
        checkBatch(messages.size());
        if (messages.isEmpty()) {
            return BatchResult.ok();
        }
        var response = call(() -> sqs.deleteMessageBatch(b -> b.queueUrl(url).entries(indexed(messages.size(),
                i -> DeleteMessageBatchRequestEntry.builder().id(Integer.toString(i))
                        .receiptHandle(messages.get(i).receipt()).build()))));
        return resultOf(response.failed());
    }

    @Override
    public BatchResult extendVisibility(List<QueueMessage> messages, Duration timeout) {
        checkBatch(messages.size());
        if (timeout.isNegative() || timeout.compareTo(MAX_VISIBILITY) > 0) {
            throw new IllegalArgumentException("timeout must be 0s-12h, was " + timeout.toSeconds() + "s");
        }
        if (messages.isEmpty()) {
            return BatchResult.ok();
        }
        int seconds = visibilitySeconds(timeout);
        var response = call(() -> sqs.changeMessageVisibilityBatch(b -> b.queueUrl(url).entries(indexed(
                messages.size(), i -> ChangeMessageVisibilityBatchRequestEntry.builder().id(Integer.toString(i))
                        .receiptHandle(messages.get(i).receipt()).visibilityTimeout(seconds).build()))));
        return resultOf(response.failed());
    }

    @Override
    public QueueDepth depth() {
        Map<QueueAttributeName, String> attributes = call(() -> sqs.getQueueAttributes(b -> b.queueUrl(url)
                .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))).attributes();
        return new QueueDepth(
                Long.parseLong(attributes.getOrDefault(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, "0")),
                Long.parseLong(attributes.getOrDefault(
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE, "0")));
    }

    @Override
    public String toString() {
        return "SqsTaskQueue[" + name + "]";
    }

    /** Whole seconds, rounding a fraction up so a short positive timeout does not become "visible now". */
    static int visibilitySeconds(Duration timeout) {
        long seconds = timeout.toSeconds();
        return (int) (timeout.toNanosPart() > 0 ? seconds + 1 : seconds);
    }

    private <T> T call(Supplier<T> action) {
        try {
            return Uninterruptibly.call(action);
        } catch (QueueDoesNotExistException e) {
            onMissing.run();
            throw new QueueNotFoundException(name);
        } catch (SdkException e) {
            throw new QueueException(name, describe(e), e);
        }
    }

    /** The SDK's message, which for a few client-side failures is "null (SDK Attempt Count: 1)". */
    static String describe(SdkException e) {
        String message = e.getMessage();
        if (message == null || message.startsWith("null")) {
            return e.getClass().getSimpleName() + (message == null ? "" : message.substring(4));
        }
        return message;
    }

    private void checkBatch(int size) {
        if (size > LIMITS.maxBatch()) {
            throw new IllegalArgumentException("at most " + LIMITS.maxBatch() + " entries per call, was " + size);
        }
    }

    private static <T> List<T> indexed(int size, Function<Integer, T> entry) {
        List<T> entries = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            entries.add(entry.apply(i));
        }
        return entries;
    }

    private static BatchResult resultOf(List<BatchResultErrorEntry> failed) {
        return failed.isEmpty() ? BatchResult.ok() : new BatchResult(failuresOf(failed));
    }

    private static List<BatchResult.Failure> failuresOf(List<BatchResultErrorEntry> failed) {
        List<BatchResult.Failure> failures = new ArrayList<>(failed.size());
        for (BatchResultErrorEntry e : failed) {
            failures.add(new BatchResult.Failure(Integer.parseInt(e.id()),
                    e.code() + (e.message() == null ? "" : ": " + e.message())));
        }
        failures.sort(Comparator.comparingInt(BatchResult.Failure::index));
        return failures;
    }
}
