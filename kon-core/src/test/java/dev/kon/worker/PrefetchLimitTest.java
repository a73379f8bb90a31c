package dev.kon.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PrefetchLimitTest {

    @Test
    void acquireUpTo_takesNoMoreThanThreadsPlusPrefetch() throws Exception {
        PrefetchLimit limit = new PrefetchLimit(2, 3, false);

        assertThat(limit.acquireUpTo(10)).isEqualTo(5);
    }

    @Test
    void acquireUpTo_whenFull_waitsUntilAPlaceIsGivenBack() throws Exception {
        PrefetchLimit limit = new PrefetchLimit(1, 1, false);
        assertThat(limit.acquireUpTo(10)).isEqualTo(2);

        CompletableFuture<Integer> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return limit.acquireUpTo(10);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(2)).until(() -> !waiting.isDone());

        limit.release(1);

        assertThat(waiting.get(5, TimeUnit.SECONDS)).isEqualTo(1);
    }

    @Test
    void releaseFinished_freesThePlaceOfTheBundle() throws Exception {
        PrefetchLimit limit = new PrefetchLimit(1, 0, false);
        assertThat(limit.acquireUpTo(10)).isEqualTo(1);

        limit.releaseFinished(10);

        assertThat(limit.acquireUpTo(10)).isEqualTo(1);
        assertThat(limit.prefetch()).isZero();
    }

    @Test
    void adaptive_withShortBundles_prefetchesTheMost() {
        PrefetchLimit limit = new PrefetchLimit(4, WorkerConfig.INITIAL_PREFETCH, true);

        limit.releaseFinished(1);

        assertThat(limit.prefetch()).isEqualTo(PrefetchLimit.MAX_PREFETCH);
    }

    @Test
    void adaptive_withLongBundles_prefetchesOne() {
        PrefetchLimit limit = new PrefetchLimit(4, WorkerConfig.INITIAL_PREFETCH, true);

        limit.releaseFinished(60_000);

        assertThat(limit.prefetch()).isEqualTo(PrefetchLimit.MIN_PREFETCH);
    }

    @Test
    void adaptive_holdsAboutTheTargetOfWorkAheadPerThread() {
        PrefetchLimit limit = new PrefetchLimit(2, WorkerConfig.INITIAL_PREFETCH, true);

        // 2 threads x 250 ms ahead / 100 ms a bundle = 5 bundles.
        limit.releaseFinished(100);

        assertThat(limit.prefetch()).isEqualTo(5);
    }
}
