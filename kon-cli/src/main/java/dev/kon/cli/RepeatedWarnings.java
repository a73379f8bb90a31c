package dev.kon.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.slf4j.Marker;

/**
 * Lets a warning or error through once per {@link #WINDOW_NANOS} when it repeats word for word: a retry loop against
 * a cloud that went away (a client's reply reader, a worker's poller) would otherwise write the same line twice a
 * second for as long as it waits. Messages that differ in any argument (another bundle, another message id) all pass.
 * Debug and info, shown only when asked for with KON_LOG, pass untouched.
 *
 * <p>Thread-safe. Two threads logging the same line at the same instant may both pass.
 */
public final class RepeatedWarnings extends TurboFilter {
    static final long WINDOW_NANOS = 30_000_000_000L;
    /** Distinct lines remembered; past it the memory starts over (a repeat then passes once more). */
    private static final int MAX_REMEMBERED = 1000;

    private final Map<String, Long> lastPassed = new ConcurrentHashMap<>();
    private final LongSupplier nanoTime;

    public RepeatedWarnings() {
        this(System::nanoTime);
    }

    RepeatedWarnings(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
        if (level == null || !level.isGreaterOrEqual(Level.WARN) || format == null) {
            return FilterReply.NEUTRAL;
        }
        String line = logger.getName() + '\n' + format + '\n' + Arrays.deepToString(params) + '\n' + t;
        long now = nanoTime.getAsLong();
        Long last = lastPassed.get(line);
        if (last != null && now - last < WINDOW_NANOS) {
            return FilterReply.DENY;
        }
        if (lastPassed.size() >= MAX_REMEMBERED) {
            lastPassed.clear();
        }
        lastPassed.put(line, now);
        return FilterReply.NEUTRAL;
    }
}
