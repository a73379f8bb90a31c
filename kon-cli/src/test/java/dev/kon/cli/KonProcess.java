package dev.kon.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs {@code kon} as a separate process, as a user would, with the test's class path. */
final class KonProcess {
    final Process process;
    final Path out;
    final Path err;

    private KonProcess(Process process, Path out, Path err) {
        this.process = process;
        this.out = out;
        this.err = err;
    }

    static KonProcess start(Path dir, String name, Map<String, String> env, String... args) throws IOException {
        return startWithHeap(dir, name, env, "-Xmx256m", args);
    }

    /** As {@link #start(Path, String, Map, String...)}, with {@code input} on its standard input. */
    static KonProcess startWithInput(Path dir, String name, Map<String, String> env, String input, String... args)
            throws IOException {
        return startWith(dir, name, env, "-Xmx256m", input, args);
    }

    /** As {@link #start(Path, String, Map, String...)} with another heap limit, e.g. {@code "-Xmx64m"}. */
    static KonProcess startWithHeap(Path dir, String name, Map<String, String> env, String heap, String... args)
            throws IOException {
        return startWith(dir, name, env, heap, "", args);
    }

    /** Standard input is {@code input}, then its end: a kon that reads it (kon cal) never waits on the test. */
    private static KonProcess startWith(Path dir, String name, Map<String, String> env, String heap, String input,
            String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                heap, "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(List.of(args));
        Path out = dir.resolve(name + ".out");
        Path err = dir.resolve(name + ".err");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().putAll(env);
        Process process = pb.start();
        try (var stdin = process.getOutputStream()) {
            stdin.write(input.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        return new KonProcess(process, out, err);
    }

    int waitFor(long seconds) throws InterruptedException {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("kon did not finish within " + seconds + " s; see " + err);
        }
        return process.exitValue();
    }

    String stdout() throws IOException {
        return Files.readString(out);
    }

    String stderr() throws IOException {
        return Files.readString(err);
    }
}
