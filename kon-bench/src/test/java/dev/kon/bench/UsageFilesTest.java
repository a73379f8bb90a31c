package dev.kon.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kon.aws.usage.UsageSnapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UsageFilesTest {
    @TempDir
    Path dir;

    private Path file(String name, Instant written, String rows) throws Exception {
        return Files.writeString(dir.resolve(name), "# kon usage\tpid=1\twritten=" + written.toEpochMilli() + "\n"
                + UsageSnapshot.HEADER + "\n" + rows);
    }

    @Test
    void readFresh_filesWrittenSince_areAdded() throws Exception {
        Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        Path a = file("a.tsv", now, "Sqs\tReceiveMessage\tsqs\t3\t3\t0\t100\n");
        Path b = file("b.tsv", now.plusSeconds(1), "Sqs\tReceiveMessage\tsqs\t2\t4\t0\t200\n");

        UsageSnapshot sum = UsageFiles.readFresh(List.of(a, b), now, Duration.ofSeconds(1)).orElseThrow();

        assertThat(sum.requests()).isEqualTo(5);
        assertThat(sum.billableUnits()).isEqualTo(7);
        assertThat(sum.bytesReceived("Sqs")).isEqualTo(300);
    }

    @Test
    void readFresh_aFileNotRewrittenSince_givesNothingAfterTheTimeout() throws Exception {
        Instant now = Instant.now();
        Path stale = file("stale.tsv", now.minusSeconds(5), "");

        assertThat(UsageFiles.readFresh(List.of(stale), now, Duration.ofMillis(300))).isEmpty();
        assertThat(UsageFiles.readFresh(List.of(dir.resolve("missing.tsv")), now, Duration.ofMillis(300))).isEmpty();
    }
}
