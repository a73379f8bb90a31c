package dev.kon.apps.video.sample;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kon.apps.video.ffmpeg.ImageDifference;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class SampleImageServerTest {
    @Test
    void render_givesNeighboursClearlyDifferentImagesAndTheSameImageEachTime() {
        BufferedImage a = SampleImages.render(7, 320, 180);

        assertThat(ImageDifference.meanAbsolute(a, SampleImages.render(7, 320, 180))).isZero();
        assertThat(ImageDifference.meanAbsolute(a, SampleImages.render(8, 320, 180))).isGreaterThan(30);
        assertThat(SampleImages.render(0).getWidth()).isEqualTo(1920);
        assertThat(SampleImages.render(0).getHeight()).isEqualTo(1080);
    }

    @Test
    void get_whenImagePath_servesTheSampleImageAsJpegAndWrapsPastTheDistinctCount() throws Exception {
        try (SampleImageServer server = SampleImageServer.start(0, 4)) {
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<byte[]> six = http.send(HttpRequest.newBuilder(server.imageUrl(6)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            HttpResponse<byte[]> missing = http.send(HttpRequest.newBuilder(server.baseUrl().resolve("x")).build(),
                    HttpResponse.BodyHandlers.ofByteArray());

            assertThat(server.baseUrl().getHost()).isEqualTo("127.0.0.1");
            assertThat(six.statusCode()).isEqualTo(200);
            assertThat(six.headers().firstValue("Content-Type")).hasValue("image/jpeg");
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(six.body()));
            assertThat(ImageDifference.meanAbsolute(image, SampleImages.render(2))).isLessThan(3);
            assertThat(missing.statusCode()).isEqualTo(404);
        }
    }
}
