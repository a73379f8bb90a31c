package dev.kon.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProcessCpuTest {
    @Test
    void parse_aCommandNameWithSpacesAndParentheses_findsTheFieldsAfterIt() {
        String stat = "4242 (java (x) y) S 1 4242 4242 0 -1 4194560 100 0 0 0 731 52 9 4 20 0 30 0 1234";

        String[] f = ProcessCpu.parse(stat);

        assertThat(f[0]).isEqualTo("S");
        assertThat(f[11]).as("utime").isEqualTo("731");
        assertThat(f[12]).as("stime").isEqualTo("52");
        assertThat(f[13]).as("cutime").isEqualTo("9");
        assertThat(f[14]).as("cstime").isEqualTo("4");
    }

    @Test
    void ticks_ofThisProcess_growWithWork() throws Exception {
        long pid = ProcessHandle.current().pid();
        long before = ProcessCpu.ticks(pid);
        long spin = System.nanoTime() + 300_000_000L;
        long x = 0;
        while (System.nanoTime() < spin) {
            x += Long.numberOfTrailingZeros(x + System.nanoTime());
        }

        assertThat(ProcessCpu.ticks(pid)).as("after %d", x).isGreaterThan(before);
        assertThat(ProcessCpu.ticksPerSecond()).isPositive();
    }

    @Test
    void reapedChildrenTicks_growWhenABusyChildExitsAndIsWaitedFor() throws Exception {
        long before = ProcessCpu.reapedChildrenTicks();
        Process busy = new ProcessBuilder("/bin/sh", "-c", "i=0; while [ $i -lt 300000 ]; do i=$((i+1)); done")
                .start();
        assertThat(busy.waitFor()).isZero();

        assertThat(ProcessCpu.reapedChildrenTicks()).isGreaterThan(before);
    }
}
