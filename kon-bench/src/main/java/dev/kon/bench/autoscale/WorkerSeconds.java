package dev.kon.bench.autoscale;

import dev.kon.fleet.LocalProvider.Lifetime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Worker-seconds of a window: the seconds each process was alive within it, added up. Stateless. */
final class WorkerSeconds {
    private WorkerSeconds() {
    }

    /** Every second of {@code from..to} that each process of {@code lives} was alive, whatever it was doing. */
    static double within(List<Lifetime> lives, Instant from, Instant to) {
        double total = 0;
        for (Lifetime l : lives) {
            Instant start = l.launched().isAfter(from) ? l.launched() : from;
            Instant end = l.ended().isBefore(to) ? l.ended() : to;
            if (end.isAfter(start)) {
                total += Duration.between(start, end).toNanos() / 1e9;
            }
        }
        return total;
    }
}
