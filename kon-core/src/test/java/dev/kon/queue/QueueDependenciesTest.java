package dev.kon.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The queue port knows nothing of the wire format: {@code wire} builds on {@code queue} (its limits), never the
 * reverse, so the two packages do not import each other. Read from the compiled classes, whose constant pools name
 * every class they use.
 */
class QueueDependenciesTest {
    @Test
    void queuePackage_usesNothingOfTheWirePackage() throws IOException, URISyntaxException {
        Path classes = Path.of(TaskQueue.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path queue = classes.resolve("dev/kon/queue");
        assertThat(queue).isDirectory();

        List<String> offenders;
        try (Stream<Path> files = Files.list(queue)) {
            offenders = files.filter(f -> f.toString().endsWith(".class")).filter(QueueDependenciesTest::usesWire)
                    .map(f -> f.getFileName().toString()).sorted().toList();
        }

        assertThat(offenders).isEmpty();
    }

    private static boolean usesWire(Path classFile) {
        try {
            // Class names in a constant pool are modified UTF-8; ISO-8859-1 keeps every byte as one char.
            return new String(Files.readAllBytes(classFile), StandardCharsets.ISO_8859_1).contains("dev/kon/wire/");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
