package dev.kon.examples.primes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Runs the example as the README says and checks its summary: every task answered, by both kinds of worker. */
class PrimesExampleTest {
    @Test
    @Timeout(300)
    void example_countsThePrimesBelowTenMillion_onWorkersInThisProcessAndAKonWorkerProcess() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        boolean ok = PrimesExample.run(Path.of("../kon-cli/target/kon.jar"), Path.of("target/kon-example.jar"),
                out);
        String text = bytes.toString(StandardCharsets.UTF_8);
        System.out.print(text);

        assertTrue(ok, text);
        assertTrue(text.contains("one task from a future: primes below 100: 25\n"), text);
        assertTrue(text.contains(": 10000 tasks, 10000 succeeded, 0 failed in "), text);
        assertTrue(text.contains("primes below 10,000,000: 664579\n"), text);
        Matcher m = Pattern.compile("tasks run in this process: (\\d+), in the kon worker process: (\\d+)")
                .matcher(text);
        assertTrue(m.find(), text);
        long here = Long.parseLong(m.group(1));
        long there = Long.parseLong(m.group(2));
        assertEquals(10_000, here + there, text);
        assertTrue(there > 0, "the kon worker process, which has the task type only on its task path, ran none: "
                + text);
        assertTrue(here > 0, "the in-process worker ran none: " + text);
    }
}
