package dev.kon.bench;

import dev.kon.KonException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * CPU time of processes as Linux's {@code /proc/PID/stat} gives it: user plus system time, in clock ticks
 * ({@code getconf CLK_TCK} per second, usually 100, so a reading is good to 10 ms). A process that has exited and
 * been reaped has no entry any more; its time was added to its parent's "children" counters at the reaping, which
 * is how a finished child's time is read ({@link #reapedChildrenTicks()}). Linux only. Stateless.
 */
public final class ProcessCpu {
    private static final Path PROC = Path.of("/proc");
    private static long ticksPerSecond;

    private ProcessCpu() {
    }

    /** Ticks per second of the counters, from {@code getconf CLK_TCK} (asked once). */
    static synchronized long ticksPerSecond() throws InterruptedException {
        if (ticksPerSecond == 0) {
            try {
                Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
                if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                    throw new KonException("getconf CLK_TCK failed: " + out);
                }
                ticksPerSecond = Long.parseLong(out);
            } catch (IOException | NumberFormatException e) {
                throw new KonException("cannot read the clock tick rate (getconf CLK_TCK): " + e.getMessage(), e);
            }
        }
        return ticksPerSecond;
    }

    /** utime + stime of a running process, in ticks. */
    static long ticks(long pid) {
        String[] f = fields(pid);
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    /** This process's cutime + cstime: the CPU of its children that have exited and been reaped, in ticks. */
    static long reapedChildrenTicks() {
        String[] f = fields(ProcessHandle.current().pid());
        return Long.parseLong(f[13]) + Long.parseLong(f[14]);
    }

    /** Microseconds of {@code ticks}. */
    static double micros(long ticks) throws InterruptedException {
        return ticks * 1e6 / ticksPerSecond();
    }

    /** The one-minute load average. */
    public static double loadAverage() {
        try {
            return Double.parseDouble(Files.readString(PROC.resolve("loadavg")).split(" ")[0]);
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /** The fields after the command name (which may hold spaces and parentheses): [0] is field 3, the state. */
    static String[] fields(long pid) {
        String stat;
        try {
            stat = Files.readString(PROC.resolve(Long.toString(pid)).resolve("stat"), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new KonException("cannot read /proc/" + pid + "/stat (has the process exited?): " + e.getMessage(),
                    e);
        }
        return parse(stat);
    }

    static String[] parse(String stat) {
        int close = stat.lastIndexOf(')');
        if (close < 0) {
            throw new KonException("not a /proc stat line: '" + stat.substring(0, Math.min(60, stat.length())) + "'");
        }
        return stat.substring(close + 1).strip().split(" +");
    }
}
