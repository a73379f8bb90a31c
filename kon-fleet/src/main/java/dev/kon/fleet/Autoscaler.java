package dev.kon.fleet;

import dev.kon.FatalErrors;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sizes a fleet to its work: at every tick it reads the workload, decides ({@link FleetRule}), logs the decision
 * with its reason, and launches or drains workers through its {@link WorkerProvider}. The newest workers are drained
 * first. With {@code dryRun} it decides and logs what it would do, and changes nothing.
 *
 * <p>A tick that throws (a queue that cannot be read, a launch refused) is logged and the loop goes on; only an
 * error of the machine ({@link FatalErrors}) ends it.
 *
 * <p>Thread-safety: {@link #tick()} and {@link #run()} on one thread; {@link #stop()} from any.
 */
public final class Autoscaler implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(Autoscaler.class);
    private final FleetRule rule;
    private final WorkerProvider provider;
    private final WorkSource work;
    private final Clock clock;
    private final boolean dryRun;
    private final Duration interval;
    private final Consumer<String> log;
    private volatile boolean stopped;
    private Instant lastChange;
    private Decision last;

    /**
     * @param interval time between ticks
     * @param log      where each decision's line goes (besides the logger); a change is always written, a hold only
     *                 when it differs from the tick before
     */
    public Autoscaler(ScalingPolicy policy, WorkerProvider provider, WorkSource work, Clock clock, boolean dryRun,
            Duration interval, Consumer<String> log) {
        this(ScalingRule.of(Objects.requireNonNull(policy, "policy")), provider, work, clock, dryRun, interval, log);
    }

    /** The same loop deciding by another rule (the queue-length rule, for comparison). */
    public Autoscaler(FleetRule rule, WorkerProvider provider, WorkSource work, Clock clock, boolean dryRun,
            Duration interval, Consumer<String> log) {
        this.rule = Objects.requireNonNull(rule, "rule");
        this.provider = Objects.requireNonNull(provider, "provider");
        this.work = Objects.requireNonNull(work, "work");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.dryRun = dryRun;
        this.interval = interval;
        this.log = log;
    }

    /** One round: read, decide, act. Answers the decision. */
    public Decision tick() {
        List<FleetMember> members = provider.members();
        int active = (int) members.stream().filter(FleetMember::active).count();
        Instant now = clock.instant();
        Decision d = rule.decide(work.read(active, now), active, lastChange, now);
        boolean sameAsBefore = last != null && last.holds() && d.holds() && last.wanted() == d.wanted()
                && last.active() == d.active();
        if (!sameAsBefore) {
            String line = (dryRun ? "dry run, would " : "") + d.describe();
            LOG.info(line);
            log.accept(line);
        }
        last = d;
        if (dryRun || d.holds()) {
            return d;
        }
        if (d.launch() > 0) {
            provider.launch(d.launch());
        } else {
            members.stream().filter(FleetMember::active)
                    .sorted(Comparator.comparing(FleetMember::launched).reversed())
                    .limit(d.drain()).forEach(provider::drain);
        }
        lastChange = now;
        return d;
    }

    /** Ticks every interval until {@link #stop()}. */
    @Override
    public void run() {
        while (!stopped) {
            try {
                tick();
            } catch (Throwable e) {
                if (FatalErrors.isFatal(e)) {
                    throw e;
                }
                LOG.warn("autoscaler tick failed, trying again in {} ms: {}", interval.toMillis(), e.toString());
                log.accept("tick failed: " + e.getMessage());
            }
            try {
                Thread.sleep(interval.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    public void stop() {
        stopped = true;
    }
}
