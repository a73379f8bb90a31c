package dev.kon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Naming the result of {@code kon pic} after the format the image's bytes are in, not only its name. */
class PicCommandTest {
    @TempDir
    Path dir;

    @Test
    void checkImage_answersTheFormatOfTheBytes_notOfTheName() throws Exception {
        Path misnamed = dir.resolve("photo.jpg");
        ImageIO.write(new BufferedImage(4, 3, BufferedImage.TYPE_INT_RGB), "png", misnamed.toFile());
        Path jpeg = dir.resolve("real.jpg");
        ImageIO.write(new BufferedImage(4, 3, BufferedImage.TYPE_INT_RGB), "jpeg", jpeg.toFile());

        assertThat(PicCommand.checkImage(misnamed)).isEqualTo("png");
        assertThat(PicCommand.checkImage(jpeg)).isEqualTo("jpeg");
    }

    @Test
    void defaultOut_keepsAnExtensionThatFitsTheFormat() {
        assertThat(PicCommand.defaultOut(dir.resolve("a.jpg"), "jpeg")).isEqualTo(dir.resolve("a-enhanced.jpg"));
        assertThat(PicCommand.defaultOut(dir.resolve("a.JPEG"), "jpeg")).isEqualTo(dir.resolve("a-enhanced.JPEG"));
        assertThat(PicCommand.defaultOut(dir.resolve("a.png"), "png")).isEqualTo(dir.resolve("a-enhanced.png"));
    }

    @Test
    void defaultOut_takesTheFormatsExtension_whenTheNameSaysOtherwiseOrNothing() {
        assertThat(PicCommand.defaultOut(dir.resolve("photo.jpg"), "png")).isEqualTo(dir.resolve("photo-enhanced.png"));
        assertThat(PicCommand.defaultOut(dir.resolve("scan.png"), "jpeg")).isEqualTo(dir.resolve("scan-enhanced.jpg"));
        assertThat(PicCommand.defaultOut(dir.resolve("picture"), "png")).isEqualTo(dir.resolve("picture-enhanced.png"));
    }
}
