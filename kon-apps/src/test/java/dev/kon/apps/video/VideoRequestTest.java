package dev.kon.apps.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kon.apps.video.ffmpeg.Container;
import dev.kon.apps.video.ffmpeg.FrameRate;
import dev.kon.task.TaskHandler;
import java.time.Duration;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VideoRequestTest {
    @Test
    void parse_whenOnlyNameAndUrls_usesTheDefaults() {
        VideoRequest r = VideoRequest.parse("  job7 http://h/a.jpg https://h/b.png s3://bucket/in/c.jpg ");

        assertThat(r.outputName()).isEqualTo("job7");
        assertThat(r.images()).extracting(ImageRef::toString)
                .containsExactly("http://h/a.jpg", "https://h/b.png", "s3://bucket/in/c.jpg");
        assertThat(r.images().get(2).blobKey()).isEqualTo("in/c.jpg");
        assertThat(r.format().width()).isEqualTo(1920);
        assertThat(r.format().height()).isEqualTo(1080);
        assertThat(r.format().fps()).isEqualTo(FrameRate.ONE);
        assertThat(r.format().container()).isEqualTo(Container.MP4);
        assertThat(r.format().preset()).isEqualTo("ultrafast");
        assertThat(r.expiry()).isEqualTo(Duration.ofMinutes(10));
        assertThat(r.allowMissing()).as("images that may be left out").isZero();
        assertThat(r.blobKey(1)).isEqualTo("videos/job7.a1.mp4");
    }

    @Test
    void parse_whenEveryOptionGiven_appliesThem() {
        VideoRequest r = VideoRequest.parse("--fps=1/3 --size=1280x720 --container=MKV --codec=h264 "
                + "--preset=veryfast --crf=28 --expiry=2h --allow-missing=1 clip http://h/1 http://h/2");

        assertThat(r.format().fps()).isEqualTo(new FrameRate(1, 3));
        assertThat(r.format().width()).isEqualTo(1280);
        assertThat(r.format().height()).isEqualTo(720);
        assertThat(r.format().container()).isEqualTo(Container.MKV);
        assertThat(r.format().preset()).isEqualTo("veryfast");
        assertThat(r.format().crf()).isEqualTo(28);
        assertThat(r.expiry()).isEqualTo(Duration.ofHours(2));
        assertThat(r.allowMissing()).isEqualTo(1);
        assertThat(r.blobKey(12)).isEqualTo("videos/clip.a12.mkv");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
        "''                                    | usage: [--key=value...] OUTPUT_NAME URL",
        "--fps=2                               | usage:",
        "name                                  | at least one image URL",
        "../x http://h/a                       | OUTPUT_NAME must be",
        "x ftp://h/a                           | 'ftp://h/a' must start with http://, https:// or s3://",
        "x http:///a                           | 'http:///a' has no host",
        "x s3://bucket                         | must be s3://bucket/key",
        "x s3://bucket/a//b                    | blob key must be a relative",
        "x http://h/a b                        | 'b' must start with",
        "--fps x http://h/a                    | option '--fps' must be --key=value",
        "--fps=0 x http://h/a                  | option --fps=0: fps numerator must be 1..240",
        "--fps=fast x http://h/a               | fps must be N or N/D",
        "--size=1921x1080 x http://h/a         | width must be an even number",
        "--size=big x http://h/a               | size must be WIDTHxHEIGHT",
        "--container=avi x http://h/a          | container must be mp4 or mkv",
        "--codec=vp9 x http://h/a              | codec must be h264",
        "--preset=placebo x http://h/a         | preset must be one of",
        "--crf=60 x http://h/a                 | crf must be 0..51",
        "--expiry=8d x http://h/a              | expiry must be 1s..7d",
        "--expiry=10 x http://h/a              | duration must be a whole number and a unit",
        "--allow-missing=-1 x http://h/a       | allow-missing must be 0..100000, was -1",
        "--allow-missing=some x http://h/a     | option --allow-missing=some: not a whole number",
        "--min-images=2 x http://h/a           | every image is required unless --allow-missing=N",
        "--colour=red x http://h/a             | option --colour=red: unknown option",
        "--fps=1 --fps=2 x http://h/a          | option --fps given twice",
    })
    void validate_whenArgumentsAreBad_saysWhatIsWrong(String args, String message) {
        assertThat(new VideoHandler().validate(args)).contains(message);
    }

    @Test
    void parse_whenMoreImagesMayBeMissingThanGiven_acceptsIt() {
        // kon animoto passes one --allow-missing to jobs of any length.
        assertThat(VideoRequest.parse("--allow-missing=5 x http://h/a").allowMissing()).isEqualTo(5);
    }

    @Test
    void validate_whenANameOrUrlIsVeryLong_quotesAtMost200CharactersOfIt() {
        String longName = "../" + "n".repeat(5000);
        String longUrl = "ftp://h/" + "u".repeat(5000);

        assertThat(new VideoHandler().validate(longName + " http://h/a")).contains("OUTPUT_NAME must be")
                .doesNotContain("n".repeat(201));
        assertThat(new VideoHandler().validate("x " + longUrl)).contains("must start with http://")
                .doesNotContain("u".repeat(201));
    }

    @Test
    void validate_whenArgumentsAreFine_answersNull() {
        assertThat(new VideoHandler().validate("--fps=2 a.b-c_1 http://h/a.jpg")).isNull();
    }

    @Test
    void serviceLoader_findsTheHandlerUnderTypeVideo() {
        assertThat(ServiceLoader.load(TaskHandler.class).stream().map(ServiceLoader.Provider::get))
                .anySatisfy(h -> {
                    assertThat(h).isInstanceOf(VideoHandler.class);
                    assertThat(h.type()).isEqualTo("video");
                });
    }

    @Test
    void imageRef_whenNotAnS3Address_hasNoBlobKey() {
        assertThatThrownBy(() -> ImageRef.parse("http://h/a").blobKey()).isInstanceOf(IllegalStateException.class);
    }
}
