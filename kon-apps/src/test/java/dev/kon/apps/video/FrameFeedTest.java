package dev.kon.apps.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.awt.image.BufferedImage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class FrameFeedTest {
    @Test
    void next_whenLaterImagesArriveFirst_stillHandsThemOutInOrder() throws Exception {
        List<ImageRef> refs = refs(3);
        // Image 2 finishes first and lets 1 finish, which lets 0 finish: completion order 2, 1, 0.
        List<CountDownLatch> mayFinish = List.of(new CountDownLatch(1), new CountDownLatch(1), new CountDownLatch(0));
        FrameFeed.Loader loader = ref -> {
            int i = refs.indexOf(ref);
            mayFinish.get(i).await(5, TimeUnit.SECONDS);
            if (i > 0) {
                mayFinish.get(i - 1).countDown();
            }
            return imageNumbered(i);
        };

        List<Integer> order = new ArrayList<>();
        try (FrameFeed feed = new FrameFeed(refs, loader, 3, () -> false)) {
            while (feed.hasNext()) {
                order.add(feed.next().image().getWidth());
            }
        }

        assertThat(order).containsExactly(1, 2, 3);
    }

    @Test
    void next_whileTheFirstImageIsSlow_startsNoMoreThanTheWindow() throws Exception {
        AtomicInteger started = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        FrameFeed.Loader loader = ref -> {
            started.incrementAndGet();
            release.await(5, TimeUnit.SECONDS);
            return imageNumbered(0);
        };

        try (FrameFeed feed = new FrameFeed(refs(10), loader, 3, () -> false)) {
            CompletableFuture<FrameFeed.Frame> first = CompletableFuture.supplyAsync(() -> {
                try {
                    return feed.next();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            await().atMost(Duration.ofSeconds(5)).until(() -> started.get() == 3);
            await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(2)).until(() -> started.get() == 3);
            release.countDown();
            assertThat(first.get(5, TimeUnit.SECONDS).image()).isNotNull();
        }
    }

    @Test
    void next_whenAnImageIsUnusable_reportsItsReasonAndCarriesOn() throws Exception {
        List<ImageRef> refs = refs(2);
        FrameFeed.Loader loader = ref -> {
            if (refs.indexOf(ref) == 0) {
                throw UnusableImageException.permanent("HTTP 404");
            }
            return imageNumbered(1);
        };

        try (FrameFeed feed = new FrameFeed(refs, loader, 2, () -> false)) {
            FrameFeed.Frame first = feed.next();
            assertThat(first.image()).isNull();
            assertThat(first.failure()).isEqualTo("HTTP 404");
            assertThat(first.ref()).isEqualTo(refs.get(0));
            assertThat(first.index()).isZero();
            assertThat(feed.next().image()).isNotNull();
            assertThat(feed.hasNext()).isFalse();
        }
    }

    @Test
    void next_whenTheLoaderBreaks_propagatesTheException() throws Exception {
        FrameFeed.Loader loader = ref -> {
            throw new IllegalStateException("blob store down");
        };

        try (FrameFeed feed = new FrameFeed(refs(1), loader, 1, () -> false)) {
            assertThatThrownBy(feed::next).isInstanceOf(IllegalStateException.class).hasMessage("blob store down");
        }
    }

    @Test
    void next_whenTheFlagIsRaisedWhileWaiting_throwsCancellationSoonAndCloseEndsTheLoads() throws Exception {
        AtomicBoolean cancelled = new AtomicBoolean();
        CountDownLatch loading = new CountDownLatch(1);
        FrameFeed.Loader loader = ref -> {
            loading.countDown();
            new CountDownLatch(1).await();
            return imageNumbered(0);
        };
        FrameFeed feed = new FrameFeed(refs(2), loader, 2, cancelled::get);
        CompletableFuture<Throwable> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                feed.next();
                return null;
            } catch (Exception e) {
                return e;
            }
        });
        assertThat(loading.await(5, TimeUnit.SECONDS)).isTrue();

        long start = System.nanoTime();
        cancelled.set(true);
        Throwable outcome = waiting.get(5, TimeUnit.SECONDS);
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertThat(outcome).isInstanceOf(CancellationException.class).hasMessageContaining("image 1");
        assertThat(millis).as("ms from the flag to next's end").isLessThan(FrameFeed.CHECK_MILLIS * 3);
        assertThat(feed.stop()).as("the loading threads ended").isTrue();
    }

    private static List<ImageRef> refs(int n) {
        List<ImageRef> refs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            refs.add(ImageRef.parse("http://h/" + i + ".jpg"));
        }
        return refs;
    }

    /** An image whose width tells which one it is. */
    private static BufferedImage imageNumbered(int i) {
        return new BufferedImage(i + 1, 1, BufferedImage.TYPE_3BYTE_BGR);
    }
}
