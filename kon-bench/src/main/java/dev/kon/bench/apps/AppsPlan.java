package dev.kon.bench.apps;

import java.util.EnumSet;
import java.util.Set;

/**
 * What {@code kon bench apps} measures. Immutable; the constructor checks every count (the command checks its
 * options first, in its own words).
 *
 * @param run          the benchmarks to run, in the order of {@link App}
 * @param calWarmup    unmeasured CloudCal round trips first (>= 0)
 * @param cal          measured CloudCal round trips, and as many one-shot requests (>= 1)
 * @param calProcesses runs of {@code kon cal} and {@code kon --version} as whole processes (>= 1)
 * @param pic          measured CloudPic runs (>= 1)
 * @param picWidth     width of the drawn JPEG in pixels (>= 16)
 * @param picHeight    height of the drawn JPEG in pixels (>= 16)
 * @param videos       Animoto jobs, run on 1 and then on 2 workers (>= 1)
 * @param videoImages  images per Animoto job (>= 1)
 */
public record AppsPlan(Set<App> run, int calWarmup, int cal, int calProcesses, int pic, int picWidth, int picHeight,
        int videos, int videoImages) {

    /** The three applications, in the order they are measured. */
    public enum App {
        CAL, PIC, ANIMOTO
    }

    public AppsPlan {
        run = run.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(run));
        if (calWarmup < 0) {
            throw new IllegalArgumentException("calWarmup must be >= 0 requests, was " + calWarmup);
        }
        atLeast("cal", cal, 1);
        atLeast("calProcesses", calProcesses, 1);
        atLeast("pic", pic, 1);
        atLeast("picWidth", picWidth, 16);
        atLeast("picHeight", picHeight, 16);
        atLeast("videos", videos, 1);
        atLeast("videoImages", videoImages, 1);
    }

    boolean runs(App app) {
        return run.contains(app);
    }

    private static void atLeast(String field, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException(field + " must be >= " + min + ", was " + value);
        }
    }
}
