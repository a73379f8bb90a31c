package dev.kon.worker;

import static dev.kon.fixture.TaskBuilder.aTask;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kon.ledger.HeldClaim;
import dev.kon.queue.QueueMessage;
import dev.kon.wire.TaskBundle;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class BundlesInHandTest {
    private static final long LEASE_NANOS = TimeUnit.SECONDS.toNanos(30);
    private final BundlesInHand inHand = new BundlesInHand(3);

    private static BundleRun aRun(String key, int tasks) {
        TaskBundle bundle = new TaskBundle("r", key, "replies", aTask().ofType("count").times(tasks));
        return new BundleRun(new QueueMessage("m-" + key, "rh", "{}", 1), bundle, new HeldClaim(key, "w", 1),
                System.nanoTime(), LEASE_NANOS);
    }

    private List<BundleRun> drainToRun() throws InterruptedException {
        List<BundleRun> out = new ArrayList<>();
        BundleRun r;
        while ((r = inHand.nextToRun(0)) != null) {
            out.add(r);
        }
        return out;
    }

    @Test
    void accept_offersTheBundleToAsManyThreadsAsCanShareIt() throws Exception {
        BundleRun big = aRun("r-b1", 10);
        BundleRun small = aRun("r-b2", 2);

        inHand.accept(big);
        inHand.accept(small);

        assertThat(drainToRun()).containsExactly(big, big, big, small, small);
        assertThat(inHand.noneToRun()).isTrue();
        assertThat(inHand.size()).isEqualTo(2);
    }

    @Test
    void giveUp_holdsTheBundleAndSendsItStraightToTheFlusher() throws Exception {
        BundleRun poison = aRun("r-b1", 4);

        inHand.giveUp(poison);

        assertThat(inHand.noneToRun()).isTrue();
        assertThat(inHand.nextToFlush(0)).isSameAs(poison);
        assertThat(inHand.holds("r-b1")).isTrue();
    }

    @Test
    void ranBundles_waitForTheFlusherInOrder_andAreHeldUntilReleased() throws Exception {
        BundleRun first = aRun("r-b1", 1);
        BundleRun second = aRun("r-b2", 1);
        BundleRun third = aRun("r-b3", 1);
        List.of(first, second, third).forEach(inHand::accept);
        List.of(first, second, third).forEach(inHand::ran);

        List<BundleRun> round = new ArrayList<>(List.of(inHand.nextToFlush(0)));
        inHand.drainToFlush(round, 1);

        assertThat(round).containsExactly(first, second);
        assertThat(inHand.snapshot()).containsExactlyInAnyOrder(first, second, third);
        round.forEach(inHand::release);
        assertThat(inHand.snapshot()).containsExactly(third);
        assertThat(inHand.holds("r-b1")).isFalse();
        assertThat(inHand.holds("r-b3")).isTrue();
    }

    @Test
    void release_ofTheLastBundle_leavesNothingInHand() {
        BundleRun run = aRun("r-b1", 1);
        inHand.accept(run);

        inHand.release(run);

        assertThat(inHand.isEmpty()).isTrue();
        assertThat(inHand.holds("r-b1")).isFalse();
    }

    @Test
    void nextToRun_withNothingAccepted_answersNullAfterTheTimeout() throws Exception {
        long t0 = System.nanoTime();

        assertThat(inHand.nextToRun(50)).isNull();

        assertThat(System.nanoTime() - t0).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(50));
    }
}
