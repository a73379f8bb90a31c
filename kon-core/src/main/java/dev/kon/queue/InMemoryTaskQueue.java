package dev.kon.queue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * A {@link TaskQueue} in memory with the semantics of an SQS standard queue: visibility timeout, receive counts,
 * redrive to a dead-letter queue after {@link QueueSpec#maxReceives()} receives, long polling. One lock guards
 * the state; messages move in bundles, so it is not the bottleneck of a local run.
 */
public final class InMemoryTaskQueue implements TaskQueue {
    private final QueueSpec spec;
    private final InMemoryTaskQueue deadLetters;
    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition arrived = lock.newCondition();
    private final ArrayDeque<Held> ready = new ArrayDeque<>();
    /** In-flight messages by the deadline of their current delivery; stale entries are skipped when polled. */
    private final PriorityQueue<Delivery> hidden = new PriorityQueue<>((a, b) -> a.until.compareTo(b.until));
    private final Map<String, Delivery> byReceipt = new HashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private long inFlight;
    /** Set when the queue is deleted: sends through a handle opened before then fail, as on SQS. */
    private volatile boolean deleted;

    private static final class Held {
        final String id;
        /** Body, or payload and encoder; dropped on acknowledgement so a stale entry in {@code hidden} holds little. */
        String body;
        Object payload;
        Function<Object, String> encoder;
        int receives;
        Delivery current;
        final long sentAtMillis;
        final Map<String, String> attributes;

        Held(String id, String body, Object payload, Function<Object, String> encoder, long sentAtMillis) {
            this(id, body, payload, encoder, sentAtMillis, Map.of());
        }

        Held(String id, String body, Object payload, Function<Object, String> encoder, long sentAtMillis,
                Map<String, String> attributes) {
            this.id = id;
            this.attributes = attributes;
            this.sentAtMillis = sentAtMillis;
            this.body = body;
            this.payload = payload;
            this.encoder = encoder;
        }

        QueueMessage deliver(String receipt) {
            return payload != null ? QueueMessage.ofPayload(id, receipt, payload, encoder, receives, sentAtMillis)
                    : new QueueMessage(id, receipt, body, receives, sentAtMillis, attributes);
        }

        String text() {
            return body != null ? body : encoder.apply(payload);
        }
    }

    private record Delivery(Held msg, String receipt, Instant until) {
    }

    InMemoryTaskQueue(QueueSpec spec, InMemoryTaskQueue deadLetters, Clock clock) {
        this.spec = spec;
        this.deadLetters = deadLetters;
        this.clock = clock;
    }

    @Override
    public String name() {
        return spec.name();
    }

    @Override
    public QueueLimits limits() {
        return QueueLimits.SQS;
    }

    @Override
    public BatchResult send(List<String> bodies) {
        checkBatch(bodies.size());
        checkExists();
        List<Held> held = new ArrayList<>(bodies.size());
        long now = clock.millis();
        for (String body : bodies) {
            held.add(new Held(spec.name() + "-" + ids.incrementAndGet(), body, null, null, now));
        }
        return enqueue(held);
    }

    @Override
    public BatchResult sendMessages(List<OutgoingMessage> messages) {
        checkBatch(messages.size());
        checkExists();
        List<Held> held = new ArrayList<>(messages.size());
        List<BatchResult.Failure> failures = new ArrayList<>();
        long now = clock.millis();
        for (int i = 0; i < messages.size(); i++) {
            OutgoingMessage m = messages.get(i);
            if (m.size() > limits().maxBodyBytes()) {
                failures.add(new BatchResult.Failure(i, "message of " + m.size() + " bytes is over the limit of "
                        + limits().maxBodyBytes() + " bytes"));
                continue;
            }
            held.add(new Held(spec.name() + "-" + ids.incrementAndGet(), m.body(), null, null, now,
                    m.attributes()));
        }
        enqueue(held);
        return failures.isEmpty() ? BatchResult.ok() : new BatchResult(failures);
    }

    /** Keeps the objects as they are: nothing is encoded unless a receiver asks for a body. */
    @Override
    @SuppressWarnings("unchecked")
    public <T> BatchResult sendObjects(List<T> objects, Function<? super T, String> encoder) {
        checkBatch(objects.size());
        checkExists();
        List<Held> held = new ArrayList<>(objects.size());
        long now = clock.millis();
        for (T o : objects) {
            held.add(new Held(spec.name() + "-" + ids.incrementAndGet(), null, o, (Function<Object, String>) encoder,
                    now));
        }
        return enqueue(held);
    }

    private BatchResult enqueue(List<Held> held) {
        lock.lock();
        try {
            ready.addAll(held);
            arrived.signalAll();
        } finally {
            lock.unlock();
        }
        return BatchResult.ok();
    }

    @Override
    public List<QueueMessage> receive(int max, Duration wait) {
        if (max < 1 || max > limits().maxBatch()) {
            throw new IllegalArgumentException("max must be 1.." + limits().maxBatch() + ", was " + max);
        }
        long deadline = System.nanoTime() + wait.toNanos();
        List<QueueMessage> out = new ArrayList<>(max);
        lock.lock();
        try {
            while (true) {
                Instant now = clock.instant();
                releaseExpired(now);
                while (out.size() < max && !ready.isEmpty()) {
                    Held h = ready.pollFirst();
                    h.receives++;
                    if (deadLetters != null && h.receives > spec.maxReceives()) {
                        // As SQS's redrive does, the message keeps its attributes.
                        deadLetters.enqueue(List.of(new Held(deadLetters.spec.name() + "-"
                                + deadLetters.ids.incrementAndGet(), h.text(), null, null, clock.millis(),
                                h.attributes)));
                        continue;
                    }
                    Delivery d = new Delivery(h, h.id + "#" + h.receives, now.plus(spec.visibilityTimeout()));
                    h.current = d;
                    hidden.add(d);
                    byReceipt.put(d.receipt, d);
                    inFlight++;
                    out.add(h.deliver(d.receipt));
                }
                long left = deadline - System.nanoTime();
                if (!out.isEmpty() || left <= 0) {
                    return out;
                }
                // Wake at the latest when the next hidden message would reappear (in real time, a settable clock
                // is moved by the test and the next receive call sees it).
                long nanos = Math.min(left, nextExpiryNanos(now));
                try {
                    arrived.awaitNanos(nanos);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return out;
                }
            }
        } finally {
            lock.unlock();
        }
    }

    private long nextExpiryNanos(Instant now) {
        Delivery next = hidden.peek();
        if (next == null) {
            return Long.MAX_VALUE;
        }
        return Math.max(TimeUnit.MILLISECONDS.toNanos(1), Duration.between(now, next.until).toNanos());
    }

    private void releaseExpired(Instant now) {
        Delivery d;
        while ((d = hidden.peek()) != null && !d.until.isAfter(now)) {
            hidden.poll();
            if (d.msg.current == d) {
                d.msg.current = null;
                byReceipt.remove(d.receipt);
                inFlight--;
                ready.addLast(d.msg);
            }
        }
    }

    @Override
    public BatchResult acknowledge(List<QueueMessage> messages) {
        checkBatch(messages.size());
        List<BatchResult.Failure> failures = new ArrayList<>();
        lock.lock();
        try {
            for (int i = 0; i < messages.size(); i++) {
                Delivery d = byReceipt.remove(messages.get(i).receipt());
                if (d == null || d.msg.current != d) {
                    failures.add(new BatchResult.Failure(i, "ReceiptHandleIsInvalid"));
                    continue;
                }
                d.msg.current = null;
                d.msg.body = null;
                d.msg.payload = null;
                inFlight--;
            }
        } finally {
            lock.unlock();
        }
        return new BatchResult(failures);
    }

    @Override
    public BatchResult extendVisibility(List<QueueMessage> messages, Duration timeout) {
        checkBatch(messages.size());
        List<BatchResult.Failure> failures = new ArrayList<>();
        lock.lock();
        try {
            Instant until = clock.instant().plus(timeout);
            for (int i = 0; i < messages.size(); i++) {
                Delivery d = byReceipt.get(messages.get(i).receipt());
                if (d == null || d.msg.current != d) {
                    failures.add(new BatchResult.Failure(i, "ReceiptHandleIsInvalid"));
                    continue;
                }
                Delivery moved = new Delivery(d.msg, d.receipt, until);
                d.msg.current = moved;
                byReceipt.put(moved.receipt, moved);
                hidden.add(moved);
            }
            if (timeout.isZero()) {
                releaseExpired(clock.instant());
                arrived.signalAll();
            }
        } finally {
            lock.unlock();
        }
        return new BatchResult(failures);
    }

    @Override
    public QueueDepth depth() {
        lock.lock();
        try {
            releaseExpired(clock.instant());
            return new QueueDepth(ready.size(), inFlight);
        } finally {
            lock.unlock();
        }
    }

    void clear() {
        deleted = true;
        lock.lock();
        try {
            ready.clear();
            hidden.clear();
            byReceipt.clear();
            inFlight = 0;
        } finally {
            lock.unlock();
        }
    }

    private void checkExists() {
        if (deleted) {
            throw new QueueNotFoundException(spec.name());
        }
    }

    private void checkBatch(int size) {
        if (size > limits().maxBatch()) {
            throw new IllegalArgumentException("batch must hold at most " + limits().maxBatch() + " entries, had " + size);
        }
    }
}
