package dev.kon.apps.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kon.apps.video.sample.SampleJobs;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VideoJobReaderTest {
    private static final URI BASE = URI.create("http://127.0.0.1:8123/");

    @TempDir
    Path dir;

    @Test
    void read_whenSampleJobsWritten_givesEachJobItsSixtyUrlsInOrder() {
        Path index = SampleJobs.write(dir, 3, 60, BASE);

        List<VideoJob> jobs = VideoJobReader.read(index);

        assertThat(jobs).extracting(VideoJob::name).containsExactly("job-0001", "job-0002", "job-0003");
        assertThat(jobs).allSatisfy(j -> assertThat(j.images()).hasSize(60));
        assertThat(jobs.get(1).images().get(0).toString()).isEqualTo("http://127.0.0.1:8123/images/60.jpg");
        assertThat(jobs.get(2).images().get(59).toString()).isEqualTo("http://127.0.0.1:8123/images/179.jpg");
        assertThat(VideoJobReader.read(dir)).isEqualTo(jobs);
    }

    @Test
    void taskArgs_whenParsedBack_giveTheSameJob() {
        VideoJob job = VideoJobReader.read(SampleJobs.write(dir, 1, 5, BASE)).get(0);

        VideoRequest request = VideoRequest.parse(job.taskArgs(List.of("--container=mkv")));

        assertThat(request.outputName()).isEqualTo(job.name());
        assertThat(request.images()).isEqualTo(job.images());
        assertThat(request.blobKey(1)).isEqualTo("videos/job-0001.a1.mkv");
    }

    @Test
    void read_whenFolderHasNoIndex_readsItsTxtFilesByName() throws IOException {
        Files.write(dir.resolve("b.txt"), List.of("http://h/2.jpg"));
        Files.write(dir.resolve("a.txt"), List.of("# first", "", "http://h/1.jpg"));
        Files.write(dir.resolve("notes.md"), List.of("not a job"));

        assertThat(VideoJobReader.read(dir)).extracting(VideoJob::name).containsExactly("a", "b");
    }

    @Test
    void read_whenJobFileHasABadUrl_namesFileAndLine() throws IOException {
        Files.write(dir.resolve("jobs.txt"), List.of("one.txt"));
        Files.write(dir.resolve("one.txt"), List.of("http://h/1.jpg", "# fine", "ftp://h/2.jpg"));

        assertThatThrownBy(() -> VideoJobReader.read(dir)).isInstanceOf(JobFileException.class)
                .hasMessage(dir.resolve("one.txt") + ":3: 'ftp://h/2.jpg' must start with http://, https:// or s3://")
                .extracting(e -> ((JobFileException) e).line()).isEqualTo(3);
    }

    @Test
    void read_whenIndexNamesAMissingFile_namesIndexAndLine() throws IOException {
        Files.write(dir.resolve("jobs.txt"), List.of("# jobs", "missing.txt"));

        assertThatThrownBy(() -> VideoJobReader.read(dir.resolve("jobs.txt")))
                .hasMessageStartingWith(dir.resolve("jobs.txt") + ":2: job file ")
                .hasMessageContaining("missing.txt does not exist");
    }

    @Test
    void read_whenJobFileIsEmpty_saysSo() throws IOException {
        Files.write(dir.resolve("empty.txt"), List.of("# nothing"));

        assertThatThrownBy(() -> VideoJobReader.read(dir))
                .hasMessage(dir.resolve("empty.txt") + ":0: lists no image URLs");
    }

    @Test
    void read_whenTwoFilesGiveTheSameVideoName_refusesTheSecond() throws IOException {
        Files.createDirectories(dir.resolve("x"));
        Files.write(dir.resolve("x/clip.txt"), List.of("http://h/1.jpg"));
        Files.write(dir.resolve("clip.txt"), List.of("http://h/2.jpg"));
        Files.write(dir.resolve("jobs.txt"), List.of("clip.txt", "x/clip.txt"));

        assertThatThrownBy(() -> VideoJobReader.read(dir))
                .hasMessageContaining("video name 'clip' is also the name of");
    }

    @Test
    void read_whenPathDoesNotExist_saysSo() {
        assertThatThrownBy(() -> VideoJobReader.read(dir.resolve("nope.txt"))).hasMessageEndingWith(":0: no such file");
    }

    @Test
    void nameOf_whenFileNameHasOtherCharacters_replacesThem() {
        assertThat(VideoJobReader.nameOf(Path.of("my job (1).txt"))).isEqualTo("my-job--1-");
        assertThat(VideoJobReader.nameOf(Path.of("_x.txt"))).isEqualTo("job-_x");
    }
}
