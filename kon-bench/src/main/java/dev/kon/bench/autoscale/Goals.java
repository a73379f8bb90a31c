package dev.kon.bench.autoscale;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The benchmark's goals, checked on its results: the autoscaler finishes each burst within 1.5x the fixed maximum's
 * time plus 10 s (a worker JVM's start on two cores), uses at most 40 % of the fixed maximum's worker-seconds, and
 * fewer worker-seconds than the queue-length policy at the same finishing time (taken as: its bursts' times added
 * up are at most {@value #SAME_TIME_SLACK_PERCENT} % longer than the queue-length policy's). Stateless.
 */
public final class Goals {
    static final double TIME_FACTOR = 1.5;
    static final double TIME_SLACK_SECONDS = 10;
    static final double WORKER_SECONDS_SHARE = 0.40;
    static final int SAME_TIME_SLACK_PERCENT = 10;

    /** One goal: what it asks, whether it was met, and the figures that say so. */
    public record Goal(String name, boolean met, String detail) {
        public String render() {
            return (met ? "met    " : "NOT met") + "  " + name + ": " + detail;
        }
    }

    private Goals() {
    }

    /** The goals, each met or not; a policy missing or incomplete fails the goals that need it. */
    public static List<Goal> check(List<PolicyResult> results, int max) {
        Optional<PolicyResult> auto = find(results, FleetPolicy.autoscaler());
        Optional<PolicyResult> fixed = find(results, FleetPolicy.fixed(max));
        Optional<PolicyResult> queue = find(results, FleetPolicy.queueLength());
        String timeName = String.format(Locale.ROOT, "each burst within %.1fx the fixed %d's time + %.0f s",
                TIME_FACTOR, max, TIME_SLACK_SECONDS);
        String shareName = String.format(Locale.ROOT, "at most %.0f %% of the fixed %d's worker-seconds",
                WORKER_SECONDS_SHARE * 100, max);
        String queueName = "fewer worker-seconds than the queue-length policy at the same finishing time";
        List<Goal> goals = new ArrayList<>();
        if (auto.isEmpty() || fixed.isEmpty()) {
            goals.add(new Goal(timeName, false, "the autoscaler or the fixed fleet did not finish every burst"));
            goals.add(new Goal(shareName, false, "the autoscaler or the fixed fleet did not finish every burst"));
        } else {
            goals.add(times(timeName, auto.get(), fixed.get()));
            double share = auto.get().workerSeconds() / fixed.get().workerSeconds();
            goals.add(new Goal(shareName, share <= WORKER_SECONDS_SHARE, String.format(Locale.ROOT,
                    "%,.0f of %,.0f worker-seconds: %.0f %%", auto.get().workerSeconds(),
                    fixed.get().workerSeconds(), share * 100)));
        }
        if (auto.isEmpty() || queue.isEmpty()) {
            goals.add(new Goal(queueName, false, "the autoscaler or the queue-length policy did not finish every "
                    + "burst"));
        } else {
            goals.add(againstQueue(queueName, auto.get(), queue.get()));
        }
        return goals;
    }

    private static Goal times(String name, PolicyResult auto, PolicyResult fixed) {
        boolean met = auto.bursts().size() == fixed.bursts().size();
        StringBuilder took = new StringBuilder();
        StringBuilder limits = new StringBuilder();
        for (int i = 0; i < Math.min(auto.bursts().size(), fixed.bursts().size()); i++) {
            double limit = TIME_FACTOR * fixed.bursts().get(i).seconds() + TIME_SLACK_SECONDS;
            double t = auto.bursts().get(i).seconds();
            met &= t <= limit;
            took.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.1f", t));
            limits.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.1f", limit));
        }
        return new Goal(name, met, "bursts took " + took + " s; limits " + limits + " s");
    }

    private static Goal againstQueue(String name, PolicyResult auto, PolicyResult queue) {
        boolean fewer = auto.workerSeconds() < queue.workerSeconds();
        boolean notLater = auto.burstSeconds() <= queue.burstSeconds() * (1 + SAME_TIME_SLACK_PERCENT / 100.0);
        String detail = String.format(Locale.ROOT, "autoscaler %,.0f worker-seconds with bursts of %.1f s in all; "
                + "queue-length %,.0f with %.1f s", auto.workerSeconds(), auto.burstSeconds(), queue.workerSeconds(),
                queue.burstSeconds());
        if (fewer && !notLater) {
            detail += String.format(Locale.ROOT, " (fewer, but more than %d %% slower: not the same finishing time)",
                    SAME_TIME_SLACK_PERCENT);
        }
        return new Goal(name, fewer && notLater, detail);
    }

    private static Optional<PolicyResult> find(List<PolicyResult> results, FleetPolicy policy) {
        return results.stream().filter(r -> r.policy().equals(policy) && r.complete() && !r.bursts().isEmpty())
                .findFirst();
    }
}
