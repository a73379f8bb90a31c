package dev.kon.bench.web;

import java.util.List;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dashboard page's update loop without the browser: the three API calls at once, a pause, again, as
 * dashboard.js does ({@code every(pollMillis, ...)}: the pause starts when the answers are in). Keeps the latest
 * answers with the time they arrived, so a benchmark can tell when a change reached what the page shows.
 */
final class DashboardPoller implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DashboardPoller.class);

    /** The answers of one poll, and when the last of them arrived ({@link System#nanoTime}). */
    record Seen(long arrived, List<String> bodies) {
        boolean shows(String text) {
            return bodies.stream().anyMatch(b -> b.contains(text));
        }
    }

    private final Pages pages;
    private final long pollMillis;
    private final Thread thread;
    private Seen latest = new Seen(Long.MIN_VALUE, List.of());

    DashboardPoller(Pages pages, long pollMillis) {
        this.pages = pages;
        this.pollMillis = pollMillis;
        this.thread = new Thread(this::loop, "bench-dashboard");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    private void loop() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                List<String> bodies = pages.getAll(Pages.DASHBOARD_CALLS);
                synchronized (this) {
                    latest = new Seen(System.nanoTime(), bodies);
                    notifyAll();
                }
                Thread.sleep(pollMillis);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                // As the page: a failed poll is shown, and the loop goes on.
                LOG.warn("dashboard poll failed: {}", e.toString());
            }
        }
    }

    /**
     * Waits for the first answers that arrived after {@code since} and satisfy {@code shows}; answers when they
     * arrived, or -1 after {@code maxMillis}.
     */
    synchronized long awaitAfter(long since, Predicate<Seen> shows, long maxMillis) throws InterruptedException {
        long end = System.nanoTime() + maxMillis * 1_000_000;
        while (!(latest.arrived() > since && shows.test(latest))) {
            long left = end - System.nanoTime();
            if (left <= 0) {
                return -1;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return latest.arrived();
    }

    @Override
    public void close() throws InterruptedException {
        thread.interrupt();
        thread.join(10_000);
    }
}
