package dev.kon.aws.queue;

import dev.kon.aws.Uninterruptibly;
import dev.kon.queue.QueueException;
import dev.kon.queue.QueueService;
import dev.kon.queue.QueueSpec;
import dev.kon.queue.TaskQueue;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;
import software.amazon.awssdk.services.sqs.model.QueueNameExistsException;

/**
 * A {@link QueueService} on Amazon SQS (or ElasticMQ): standard queues, found by name, their URLs cached.
 *
 * <p>{@link #create} also creates the dead-letter queue a spec names, if missing, because SQS needs its ARN for
 * the redrive policy; dead-letter queues keep messages 14 days, the most SQS allows. Creating a queue that exists
 * with other attributes updates them to the spec's.
 *
 * <p>URLs are cached per name once seen, so {@link #find} and {@link #open} cost one GetQueueUrl per name. A queue
 * deleted by another process or service is still "found" from the cache; the first call on it then throws
 * {@code QueueNotFoundException} and evicts it, and the next {@code find} asks SQS again.
 *
 * <p>The {@link SqsClient} belongs to the caller (see {@code AwsClients}); {@link #close()} only stops this
 * service's long-poll threads. Thread-safety: thread-safe. Failure behaviour: {@link QueueException} naming the
 * queue.
 */
public final class SqsQueueService implements QueueService {
    /** How long a dead-letter queue keeps messages: 14 days, the SQS maximum, so a poison task can be studied. */
    static final String DEAD_LETTER_RETENTION_SECONDS = Integer.toString(14 * 24 * 3600);

    private final SqsClient sqs;
    private final ConcurrentMap<String, String> urls = new ConcurrentHashMap<>();
    private final LongPoll longPoll = new LongPoll();

    public SqsQueueService(SqsClient sqs) {
        this.sqs = Objects.requireNonNull(sqs, "sqs");
    }

    @Override
    public TaskQueue create(QueueSpec spec) {
        Map<QueueAttributeName, String> attributes = new HashMap<>();
        attributes.put(QueueAttributeName.VISIBILITY_TIMEOUT,
                Integer.toString(SqsTaskQueue.visibilitySeconds(spec.visibilityTimeout())));
        if (spec.deadLetterQueue() != null) {
            String deadUrl = find(spec.deadLetterQueue()).map(q -> ((SqsTaskQueue) q).url())
                    .orElseGet(() -> createQueue(spec.deadLetterQueue(), Map.of(
                            QueueAttributeName.MESSAGE_RETENTION_PERIOD, DEAD_LETTER_RETENTION_SECONDS)));
            String deadArn = call(spec.deadLetterQueue(), () -> sqs.getQueueAttributes(b -> b.queueUrl(deadUrl)
                    .attributeNames(QueueAttributeName.QUEUE_ARN))).attributes().get(QueueAttributeName.QUEUE_ARN);
            attributes.put(QueueAttributeName.REDRIVE_POLICY, "{\"deadLetterTargetArn\":\"" + deadArn
                    + "\",\"maxReceiveCount\":\"" + spec.maxReceives() + "\"}");
        }
        return queue(spec.name(), createQueue(spec.name(), attributes));
    }

    private String createQueue(String name, Map<QueueAttributeName, String> attributes) {
        String url;
        try {
            try {
                url = Uninterruptibly.call(() -> sqs.createQueue(b -> b.queueName(name).attributes(attributes)))
                        .queueUrl();
            } catch (QueueNameExistsException e) {
                // It exists with other attributes: converge on the spec's, as provisioning twice should.
                url = Uninterruptibly.call(() -> sqs.getQueueUrl(b -> b.queueName(name))).queueUrl();
                String existing = url;
                Uninterruptibly.call(() -> sqs.setQueueAttributes(b -> b.queueUrl(existing).attributes(attributes)));
            }
        } catch (SdkException e) {
            throw new QueueException(name, "creating the queue failed: " + SqsTaskQueue.describe(e), e);
        }
        urls.put(name, url);
        return url;
    }

    @Override
    public Optional<TaskQueue> find(String name) {
        String url = urls.get(name);
        if (url == null) {
            try {
                url = Uninterruptibly.call(() -> sqs.getQueueUrl(b -> b.queueName(name))).queueUrl();
            } catch (QueueDoesNotExistException e) {
                return Optional.empty();
            } catch (SdkException e) {
                throw new QueueException(name, SqsTaskQueue.describe(e), e);
            }
            urls.put(name, url);
        }
        return Optional.of(queue(name, url));
    }

    @Override
    public void delete(String name) {
        Optional<TaskQueue> queue = find(name);
        urls.remove(name);
        if (queue.isEmpty()) {
            return;
        }
        String url = ((SqsTaskQueue) queue.get()).url();
        try {
            Uninterruptibly.call(() -> sqs.deleteQueue(b -> b.queueUrl(url)));
        } catch (QueueDoesNotExistException e) {
            // deleted meanwhile by someone else: the outcome asked for
        } catch (SdkException e) {
            throw new QueueException(name, "deleting the queue failed: " + SqsTaskQueue.describe(e), e);
        }
    }

    /** Names of the queues whose names start with {@code prefix} (per-run response queues, for teardown). */
    public List<String> namesStartingWith(String prefix) {
        List<String> names = new ArrayList<>();
        try {
            for (var page : sqs.listQueuesPaginator(b -> b.queueNamePrefix(prefix).maxResults(1000))) {
                for (String url : page.queueUrls()) {
                    String name = url.substring(url.lastIndexOf('/') + 1);
                    if (name.startsWith(prefix)) {
                        names.add(name);
                    }
                }
            }
        } catch (SdkException e) {
            throw new QueueException(prefix + "*", "listing queues failed: " + SqsTaskQueue.describe(e), e);
        }
        return names;
    }

    @Override
    public void settleAbandonedReceives(java.time.Duration max) throws InterruptedException {
        longPoll.awaitAbandoned(max);
    }

    /** Stops the long-poll threads; receives in progress return empty. The SQS client stays open. */
    @Override
    public void close() {
        longPoll.close();
    }

    private SqsTaskQueue queue(String name, String url) {
        return new SqsTaskQueue(sqs, name, url, longPoll, () -> urls.remove(name, url));
    }

    private static <T> T call(String queue, Supplier<T> action) {
        try {
            return Uninterruptibly.call(action);
        } catch (SdkException e) {
            throw new QueueException(queue, SqsTaskQueue.describe(e), e);
        }
    }
}
