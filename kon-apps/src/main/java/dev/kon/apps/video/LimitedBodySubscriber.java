package dev.kon.apps.video;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Collects a response body into a byte array, but gives up and cancels the download once it passes a size
 * limit, so a body without Content-Length cannot fill the heap. Used by one response on HttpClient's threads.
 */
final class LimitedBodySubscriber implements HttpResponse.BodySubscriber<byte[]> {
    /** The body passed the limit. */
    static final class TooLargeException extends IOException {
        TooLargeException(long limit) {
            super("larger than " + limit / (1024 * 1024) + " MiB");
        }
    }

    private final HttpResponse.BodySubscriber<byte[]> bytes = HttpResponse.BodySubscribers.ofByteArray();
    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private final long limit;
    private long received;
    private Flow.Subscription subscription;

    LimitedBodySubscriber(long limit) {
        this.limit = limit;
        bytes.getBody().whenComplete((body, failure) -> {
            if (failure != null) {
                result.completeExceptionally(failure);
            } else {
                result.complete(body);
            }
        });
    }

    @Override
    public CompletionStage<byte[]> getBody() {
        return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        bytes.onSubscribe(s);
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
        if (result.isDone()) {
            return;
        }
        for (ByteBuffer item : items) {
            received += item.remaining();
        }
        if (received > limit) {
            subscription.cancel();
            result.completeExceptionally(new TooLargeException(limit));
            return;
        }
        bytes.onNext(items);
    }

    @Override
    public void onError(Throwable failure) {
        bytes.onError(failure);
    }

    @Override
    public void onComplete() {
        bytes.onComplete();
    }
}
