package dev.kon.aws.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UsageFileTest {
    @TempDir
    Path dir;

    @Test
    void fromEnvironment_withoutTheVariable_meansNoFile() {
        assertThat(UsageFile.fromEnvironment(Map.of())).isEmpty();
        assertThat(UsageFile.fromEnvironment(Map.of(UsageFile.ENV, " "))).isEmpty();
    }

    @Test
    void write_thenRead_givesTheMetersCountsPidAndTime() {
        Path path = dir.resolve("sub/usage.tsv");
        UsageFile file = UsageFile.fromEnvironment(Map.of(UsageFile.ENV, path.toString())).orElseThrow();
        file.meter().record("Sqs", "DeleteMessageBatch", Charge.of(UsageKind.SQS_REQUEST, 1));
        file.meter().record("Sqs", "DeleteMessageBatch", Charge.of(UsageKind.SQS_REQUEST, 1));
        Instant before = Instant.now().minusMillis(1);

        file.write();
        UsageFile.Contents read = UsageFile.read(path);

        assertThat(read.pid()).isEqualTo(ProcessHandle.current().pid());
        assertThat(read.written()).isAfter(before);
        assertThat(read.usage()).isEqualTo(file.meter().snapshot());
        assertThat(read.usage().requests()).isEqualTo(2);
        assertThat(Files.exists(path.resolveSibling("usage.tsv.tmp"))).isFalse();
    }

    @Test
    void write_afterTheLastWriteAtExit_changesNothing() {
        Path path = dir.resolve("usage.tsv");
        UsageFile file = UsageFile.fromEnvironment(Map.of(UsageFile.ENV, path.toString())).orElseThrow();
        file.meter().record("S3", "PutObject", Charge.of(UsageKind.S3_PUT_CLASS, 1));

        file.writeLast();
        file.meter().record("S3", "PutObject", Charge.of(UsageKind.S3_PUT_CLASS, 1));
        file.write();

        assertThat(UsageFile.read(path).usage().requests()).isEqualTo(1);
    }

    @Test
    void read_aFileThatIsNotAUsageFile_isRefused() throws Exception {
        Path other = Files.writeString(dir.resolve("other.txt"), "hello\n");

        assertThatThrownBy(() -> UsageFile.read(other)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a usage file");
    }
}
