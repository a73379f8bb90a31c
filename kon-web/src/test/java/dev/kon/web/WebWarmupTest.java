package dev.kon.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kon.Backend;
import dev.kon.blob.InMemoryBlobStore;
import dev.kon.ledger.InMemoryExecutionLedger;
import dev.kon.queue.InMemoryQueueService;
import dev.kon.runs.InMemoryRunRegistry;
import dev.kon.workers.InMemoryWorkerRegistry;
import dev.kon.workers.WorkerRecord;
import dev.kon.workers.WorkerRegistry;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The server has served the dashboard's calls once before it is handed out, token or not. */
class WebWarmupTest {
    /** Counts the reads the workers endpoint makes; nothing else reads the worker registry. */
    private static final class CountingWorkers implements WorkerRegistry {
        final AtomicInteger reads = new AtomicInteger();
        private final InMemoryWorkerRegistry inner = new InMemoryWorkerRegistry();

        @Override
        public void heartbeat(WorkerRecord worker) {
            inner.heartbeat(worker);
        }

        @Override
        public Optional<WorkerRecord> find(String workerId) {
            return inner.find(workerId);
        }

        @Override
        public List<WorkerRecord> all() {
            reads.incrementAndGet();
            return inner.all();
        }
    }

    private static int readsAfterStart(String token) {
        CountingWorkers workers = new CountingWorkers();
        Backend backend = new Backend(new InMemoryQueueService(), new InMemoryExecutionLedger(Clock.systemUTC()),
                new InMemoryBlobStore(), new InMemoryRunRegistry(), workers);
        try (KonWeb web = KonWeb.start(WebConfig.defaults().withPort(0).withHostAndToken("127.0.0.1", token),
                new WebCloud(backend, "kon-tasks", "kon-tasks-dead", prefix -> List.of(), Clock.systemUTC()))) {
            return workers.reads.get();
        }
    }

    @Test
    void start_withoutAToken_hasServedTheDashboardsCallsOnce() {
        assertThat(readsAfterStart(null)).isEqualTo(1);
    }

    @Test
    void start_withAToken_hasServedTheDashboardsCallsOnce() {
        assertThat(readsAfterStart("0123456789abcdef0123")).isEqualTo(1);
    }
}
