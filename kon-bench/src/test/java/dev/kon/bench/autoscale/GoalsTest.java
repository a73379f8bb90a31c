package dev.kon.bench.autoscale;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class GoalsTest {
    private static PolicyResult result(FleetPolicy policy, double seconds, double workerSeconds) {
        return new PolicyResult(policy, List.of(new BurstResult(Duration.ofMillis((long) (seconds * 1000)),
                workerSeconds, 100, 100)), List.of(), 1);
    }

    private static List<Goals.Goal> check(double autoTime, double autoWs, double queueTime, double queueWs) {
        return Goals.check(List.of(result(FleetPolicy.fixed(8), 20, 600), result(FleetPolicy.autoscaler(), autoTime,
                autoWs), result(FleetPolicy.queueLength(), queueTime, queueWs), result(FleetPolicy.fixed(1), 100,
                160)), 8);
    }

    @Test
    void check_fastAndFrugalAutoscaler_meetsEveryGoal() {
        List<Goals.Goal> goals = check(40, 240, 40, 300);

        assertThat(goals).extracting(Goals.Goal::met).containsExactly(true, true, true);
        assertThat(goals.get(0).detail()).isEqualTo("bursts took 40.0 s; limits 40.0 s");
        assertThat(goals.get(1).detail()).isEqualTo("240 of 600 worker-seconds: 40 %");
    }

    @Test
    void check_burstPastOneAndAHalfTimesPlusTenSeconds_failsTheTimeGoalOnly() {
        List<Goals.Goal> goals = check(40.1, 200, 45, 300);

        assertThat(goals).extracting(Goals.Goal::met).containsExactly(false, true, true);
        assertThat(goals.get(0).render()).startsWith("NOT met");
    }

    @Test
    void check_moreThanFortyPercentOfTheFixedMaximum_failsTheShareGoal() {
        assertThat(check(30, 241, 30, 300).get(1).met()).isFalse();
    }

    @Test
    void check_fewerWorkerSecondsButMuchSlowerThanQueueLength_isNotTheSameFinishingTime() {
        Goals.Goal g = check(33.1, 200, 30, 300).get(2);

        assertThat(g.met()).isFalse();
        assertThat(g.detail()).contains("more than 10 % slower");
    }

    @Test
    void check_moreWorkerSecondsThanQueueLength_failsThatGoal() {
        assertThat(check(30, 200, 30, 199).get(2).met()).isFalse();
    }

    @Test
    void check_incompleteAutoscaler_failsEveryGoalSayingWhy() {
        PolicyResult cut = new PolicyResult(FleetPolicy.autoscaler(), List.of(new BurstResult(Duration.ofSeconds(9),
                10, 99, 100)), List.of(), 1);
        List<Goals.Goal> goals = Goals.check(List.of(result(FleetPolicy.fixed(8), 20, 600), cut,
                result(FleetPolicy.queueLength(), 30, 300)), 8);

        assertThat(goals).extracting(Goals.Goal::met).containsExactly(false, false, false);
        assertThat(goals.get(0).detail()).contains("did not finish every burst");
    }
}
