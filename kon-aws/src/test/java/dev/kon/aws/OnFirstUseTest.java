package dev.kon.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.awaitility.Awaitility.await;

import dev.kon.blob.BlobStore;
import dev.kon.blob.InMemoryBlobStore;
import dev.kon.ledger.ClaimResult;
import dev.kon.ledger.ExecutionLedger;
import dev.kon.ledger.InMemoryExecutionLedger;
import dev.kon.ledger.LeaseRequest;
import dev.kon.runs.RunRegistry;
import dev.kon.workers.WorkerRegistry;
import java.lang.reflect.Method;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OnFirstUseTest {
    private final AtomicInteger built = new AtomicInteger();

    @Test
    void ledger_isBuiltOnItsFirstCallOnly() {
        ExecutionLedger ledger = new LedgerOnFirstUse(() -> {
            built.incrementAndGet();
            return new InMemoryExecutionLedger(Clock.systemUTC());
        });
        assertThat(built).hasValue(0);

        var first = ledger.claim(new LeaseRequest("b-1", "w1", Instant.now().plusSeconds(30)));
        var second = ledger.claimAll(List.of(new LeaseRequest("b-1", "w2", Instant.now().plusSeconds(30))));

        assertThat(first.outcome()).isEqualTo(ClaimResult.CLAIMED);
        assertThat(second.get(0).outcome()).isEqualTo(ClaimResult.HELD_BY_OTHER);
        assertThat(built).hasValue(1);
    }

    @Test
    void blobStore_isBuiltOnItsFirstCallOnly() {
        BlobStore store = new BlobStoreOnFirstUse(() -> {
            built.incrementAndGet();
            return new InMemoryBlobStore();
        });
        assertThat(built).hasValue(0);

        store.putBytes("a/b", new byte[] {1, 2}, "application/octet-stream");

        assertThat(store.getBytes("a/b")).containsExactly(1, 2);
        assertThat(store.list("a/", 10)).containsExactly("a/b");
        assertThat(built).hasValue(1);
    }

    @Test
    void firstCalls_onTwoThreadsAtOnce_buildOnce() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        BlobStore store = new BlobStoreOnFirstUse(() -> {
            built.incrementAndGet();
            await().until(() -> release.await(10, TimeUnit.SECONDS));
            return new InMemoryBlobStore();
        });
        CompletableFuture<Boolean> a = CompletableFuture.supplyAsync(() -> store.exists("k"));
        await().atMost(Duration.ofSeconds(10)).until(() -> built.get() == 1);
        Thread second = new Thread(() -> store.exists("k"));
        second.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> second.getState() == Thread.State.BLOCKED);

        release.countDown();

        assertThat(a.get(10, TimeUnit.SECONDS)).isFalse();
        second.join(10_000);
        assertThat(built).hasValue(1);
    }

    /** A method added to a port later, default or not, must be handed on too, or the adapter's own is skipped. */
    @ParameterizedTest
    @ValueSource(classes = {ExecutionLedger.class, BlobStore.class, RunRegistry.class, WorkerRegistry.class})
    void everyMethodOfThePort_isHandedOn(Class<?> port) {
        Class<?> wrapper = Map.<Class<?>, Class<?>>of(ExecutionLedger.class, LedgerOnFirstUse.class,
                BlobStore.class, BlobStoreOnFirstUse.class, RunRegistry.class, RunsOnFirstUse.class,
                WorkerRegistry.class, WorkersOnFirstUse.class).get(port);
        for (Method m : port.getMethods()) {
            assertThatCode(() -> wrapper.getDeclaredMethod(m.getName(), m.getParameterTypes()))
                    .as(port.getSimpleName() + "." + m.getName()).doesNotThrowAnyException();
        }
    }
}
