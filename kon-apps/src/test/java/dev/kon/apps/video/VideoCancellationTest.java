package dev.kon.apps.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kon.task.RetryLaterException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cancelled {@code video} task (the worker sets the context's flag and interrupts the task's thread) ends within
 * one second whatever it is doing, leaves no thread of its own running, and stores nothing.
 */
class VideoCancellationTest {
    private static final long LIMIT_MS = 1000;
    private static BadImageServer server;

    @TempDir
    Path dir;
    private HandlerRig rig;

    @BeforeAll
    static void startServer() {
        server = BadImageServer.start();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @BeforeEach
    void setUp() {
        rig = new HandlerRig(dir);
    }

    @AfterEach
    void nothingIsLeft() {
        rig.assertNoTemporaryFilesLeft();
        assertThat(rig.videos()).as("videos stored").isEmpty();
        assertThat(handlerThreads()).as("the handler's threads still alive").isEmpty();
    }

    @Test
    void handle_whenCancelledWhileAnImageTrickles_endsWithinOneSecond() throws Exception {
        String args = "--size=320x180 trickle " + server.url("flaky/0/503/1.jpg") + " " + server.url("trickle/a");
        int trickled = server.trickledBytes();
        TaskThread task = TaskThread.start(rig, args);
        await().atMost(Duration.ofSeconds(10)).until(() -> server.trickledBytes() >= trickled + 3);

        long millis = task.cancelAndTime(true);

        assertThat(millis).as("ms from cancel to the handler's end").isLessThan(LIMIT_MS);
        assertThat(task.outcome()).isInstanceOf(RetryLaterException.class);
    }

    @Test
    void handle_whenOnlyTheFlagIsSetWhileAnImageTrickles_endsWithinOneSecond() throws Exception {
        String args = "--size=320x180 flag " + server.url("trickle/b");
        int trickled = server.trickledBytes();
        TaskThread task = TaskThread.start(rig, args);
        await().atMost(Duration.ofSeconds(10)).until(() -> server.trickledBytes() >= trickled + 3);

        long millis = task.cancelAndTime(false);

        assertThat(millis).as("ms from cancel to the handler's end").isLessThan(LIMIT_MS);
        assertThat(task.outcome()).isInstanceOf(RetryLaterException.class);
    }

    @Test
    void handle_whenCancelledWhileEncoding_endsWithinOneSecond() throws Exception {
        // Half the images fetched means about half encoded: the feed fetches only a window ahead of the encoder.
        // (A slow preset's flush is H264EncoderTest's; here one frame costs ~15 ms, so timing says nothing else.)
        List<String> paths = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            paths.add("/flaky/0/503/" + (100 + i) + ".jpg");
        }
        StringBuilder args = new StringBuilder("encoding");
        paths.forEach(p -> args.append(' ').append(server.url(p.substring(1))));
        TaskThread task = TaskThread.start(rig, args.toString());
        await().atMost(Duration.ofSeconds(60)).until(() -> paths.stream().filter(p -> server.requests(p) > 0)
                .count() >= paths.size() / 2);

        long millis = task.cancelAndTime(true);

        assertThat(millis).as("ms from cancel to the handler's end").isLessThan(LIMIT_MS);
        assertThat(task.outcome()).isInstanceOf(RetryLaterException.class).hasMessageContaining("cancelled");
    }

    private static List<String> handlerThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(name -> name.startsWith("kon-video-")).toList();
    }

    /** The task's thread, as the worker has it: cancelling sets the context's flag, then interrupts it. */
    private record TaskThread(Thread thread, HandlerRig rig, CompletableFuture<Throwable> ended) {
        static TaskThread start(HandlerRig rig, String args) {
            CompletableFuture<Throwable> ended = new CompletableFuture<>();
            Thread t = new Thread(() -> {
                try {
                    rig.run(args);
                    ended.complete(null);
                } catch (Throwable e) {
                    ended.complete(e);
                }
            }, "task " + VideoRequest.parse(args).outputName());
            t.start();
            return new TaskThread(t, rig, ended);
        }

        long cancelAndTime(boolean interrupt) throws Exception {
            assertThat(ended).as("the task ended before it was cancelled").isNotDone();
            long start = System.nanoTime();
            rig.ctx.cancel();
            if (interrupt) {
                thread.interrupt();
            }
            thread.join(TimeUnit.SECONDS.toMillis(30));
            long millis = (System.nanoTime() - start) / 1_000_000;
            System.out.printf("video %s cancelled (%s): ended %d ms later%n", thread.getName(),
                    interrupt ? "flag and interrupt" : "flag only", millis);
            return millis;
        }

        Throwable outcome() {
            return ended.join();
        }
    }
}
