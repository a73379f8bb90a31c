package dev.kon.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kon.queue.InMemoryQueueService;
import dev.kon.queue.TaskQueue;
import dev.kon.queue.QueueSpec;
import dev.kon.runs.InMemoryRunRegistry;
import dev.kon.runs.RunRecord;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AutoscalerTest {
    private final List<String> lines = new ArrayList<>();
    private final FakeProvider provider = new FakeProvider();
    private final InMemoryRunRegistry runs = new InMemoryRunRegistry();
    private final MovableClock clock = new MovableClock();

    /** Members the test sees launched and drained; launched ones run at once. */
    private final class FakeProvider implements WorkerProvider {
        final List<FleetMember> members = new ArrayList<>();
        int next;

        @Override
        public String name() {
            return "fake";
        }

        @Override
        public List<FleetMember> members() {
            return List.copyOf(members);
        }

        @Override
        public void launch(int count) {
            for (int i = 0; i < count; i++) {
                members.add(new FleetMember("w" + ++next, FleetMember.State.RUNNING, clock.instant()));
            }
        }

        @Override
        public void drain(FleetMember m) {
            members.set(members.indexOf(m), new FleetMember(m.id(), FleetMember.State.DRAINING, m.launched()));
        }
    }

    private static final class MovableClock extends Clock {
        Instant now = Instant.parse("2026-12-01T10:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private Autoscaler autoscaler(TaskQueue queue, boolean dryRun) {
        ScalingPolicy policy = ScalingPolicy.defaults(4).withTargetDrain(Duration.ofSeconds(10))
                .withCooldown(Duration.ofSeconds(20));
        return new Autoscaler(policy, provider, new WorkSource(queue, runs, 1), clock, dryRun, Duration.ofSeconds(1),
                lines::add);
    }

    private TaskQueue queueWithRun(int tasks, long workMs) {
        TaskQueue queue = new InMemoryQueueService(clock).create(QueueSpec.of("q"));
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            bodies.add("bundle " + i);
        }
        queue.send(bodies);
        runs.register(RunRecord.submitting("r1", clock.instant(), "host", "w.txt", "q", tasks, workMs));
        return queue;
    }

    @Test
    void tick_burstThenIdle_launchesAtOnceThenDrainsNewestAfterCooldown() {
        TaskQueue queue = queueWithRun(1000, 30_000);
        Autoscaler a = autoscaler(queue, false);

        assertThat(a.tick().launch()).isEqualTo(3);
        assertThat(provider.members).hasSize(3);

        // The work is done: the queue empties; within the cooldown nothing changes.
        queue.acknowledge(queue.receive(10, Duration.ZERO));
        clock.now = clock.now.plusSeconds(5);
        assertThat(a.tick().holds()).isTrue();
        clock.now = clock.now.plusSeconds(20);
        Decision d = a.tick();

        assertThat(d.drain()).isEqualTo(3);
        assertThat(provider.members).allMatch(m -> m.state() == FleetMember.State.DRAINING);
        assertThat(lines).anyMatch(l -> l.startsWith("launch 3")).anyMatch(l -> l.contains("cooldown"))
                .anyMatch(l -> l.startsWith("drain 3"));
    }

    @Test
    void tick_dryRun_logsWhatItWouldDoAndLaunchesNothing() {
        Autoscaler a = autoscaler(queueWithRun(1000, 30_000), true);

        Decision d = a.tick();

        assertThat(d.launch()).isEqualTo(3);
        assertThat(provider.members).isEmpty();
        assertThat(lines).singleElement().asString().startsWith("dry run, would launch 3");
    }

    @Test
    void tick_sameHoldTwice_isLoggedOnce() {
        Autoscaler a = autoscaler(new InMemoryQueueService(clock).create(QueueSpec.of("q")), false);

        a.tick();
        a.tick();

        assertThat(lines).hasSize(1);
    }

    @Test
    void run_aTickThatThrows_isLoggedAndTheLoopGoesOn() throws Exception {
        TaskQueue queue = queueWithRun(1000, 30_000);
        int[] calls = new int[1];
        WorkerProvider failing = new WorkerProvider() {
            @Override
            public String name() {
                return "failing";
            }

            @Override
            public List<FleetMember> members() {
                if (++calls[0] < 3) {
                    throw new IllegalStateException("listing failed");
                }
                return provider.members();
            }

            @Override
            public void launch(int count) {
                provider.launch(count);
            }

            @Override
            public void drain(FleetMember m) {
                provider.drain(m);
            }
        };
        Autoscaler a = new Autoscaler(ScalingPolicy.defaults(4).withTargetDrain(Duration.ofSeconds(10)), failing,
                new WorkSource(queue, runs, 1), clock, false, Duration.ofMillis(10), lines::add);
        Thread t = new Thread(a);
        t.start();
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> provider.members.size() == 3);
        a.stop();
        t.join(5000);

        assertThat(lines).filteredOn(l -> l.startsWith("tick failed")).hasSize(2);
    }
}
