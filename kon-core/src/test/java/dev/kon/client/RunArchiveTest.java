package dev.kon.client;

import static dev.kon.fixture.ResultBuilder.aResult;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kon.blob.InMemoryBlobStore;
import dev.kon.wire.ResultBatch;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunArchiveTest {
    private final InMemoryBlobStore blobs = new InMemoryBlobStore();
    private final RunArchive archive = new RunArchive(blobs, "r1");

    private static ResultBatch batch(long... ids) {
        return new ResultBatch("r1", java.util.Arrays.stream(ids).mapToObj(id -> aResult().forTask(id)
                .withOutput("out " + id + "\nline two\t\"q\" \u00e9").build()).toList());
    }

    @Test
    void manifest_writtenThenRead_isTheSame() {
        RunManifest m = new RunManifest("r1", "kon-tasks", "kon-resp-r1", 2_000_000, 86_400_000L * 3,
                "C:\\work loads\\sl\u00e9ep=10 #1:x.txt");

        archive.writeManifest(m);

        assertThat(archive.readManifest()).contains(m);
        assertThat(blobs.keys()).containsExactly("runs/r1/manifest.properties");
    }

    @Test
    void manifest_ofARunWithMixedTasks_keepsSleepMillisMinusOne() {
        RunManifest m = new RunManifest("r1", "q", "kon-resp-r1", 3, -1, "");

        archive.writeManifest(m);

        assertThat(archive.readManifest()).contains(m);
    }

    @Test
    void readManifest_ofAnUnknownRun_isEmpty() {
        assertThat(new RunArchive(blobs, "never").readManifest()).isEmpty();
    }

    @Test
    void kept_givesBackEveryKeptBatch() {
        archive.keep(List.of(batch(1, 2), batch(3)));
        archive.keep(List.of(batch(4)));

        assertThat(archive.kept()).containsExactlyInAnyOrder(batch(1, 2), batch(3), batch(4));
    }

    @Test
    void keep_ofALargeBatch_storesItDeflatedAndGivesItBack() {
        long[] ids = java.util.stream.LongStream.rangeClosed(1, 1000).toArray();
        ResultBatch large = batch(ids);

        archive.keep(List.of(large, batch(1001)));

        String key = blobs.keys().iterator().next();
        String text = new String(blobs.getBytes(key), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(text.lines().toList()).hasSize(2);
        assertThat(dev.kon.wire.DeflatedBodies.isDeflated(text.lines().findFirst().orElseThrow())).isTrue();
        assertThat(text.length()).isLessThan(dev.kon.wire.WireCodec.encodeResults(large).length() / 5);
        assertThat(archive.kept()).containsExactly(large, batch(1001));
    }

    @Test
    void keep_ofNothing_writesNothing() {
        archive.keep(List.of());

        assertThat(blobs.keys()).isEmpty();
        assertThat(archive.kept()).isEmpty();
    }

    @Test
    void kept_ofAnotherRun_isSeparate() {
        RunArchive other = new RunArchive(blobs, "r10");
        archive.keep(List.of(batch(1)));
        other.keep(List.of(new ResultBatch("r10", List.of(aResult().forTask(9).build()))));

        assertThat(archive.kept()).containsExactly(batch(1));
    }

    @Test
    void delete_removesTheManifestAndEveryKeptFileButNotOtherRuns() {
        RunArchive other = new RunArchive(blobs, "r10");
        other.writeManifest(new RunManifest("r10", "q", "kon-resp-r10", 1, -1, "w"));
        archive.writeManifest(new RunManifest("r1", "q", "kon-resp-r1", 1, -1, "w"));
        for (int i = 0; i < 1005; i++) {
            archive.keep(List.of(batch(i)));
        }

        archive.delete();

        assertThat(blobs.keys()).containsExactly("runs/r10/manifest.properties");
        assertThat(archive.readManifest()).isEmpty();
        assertThat(archive.kept()).isEmpty();
    }
}
