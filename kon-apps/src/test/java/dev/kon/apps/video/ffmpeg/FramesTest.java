package dev.kon.apps.video.ffmpeg;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

class FramesTest {
    @Test
    void fit_whenImageAlreadyFits_returnsItUnchanged() {
        BufferedImage image = new BufferedImage(64, 36, BufferedImage.TYPE_3BYTE_BGR);

        assertThat(Frames.fit(image, 64, 36)).isSameAs(image);
        assertThat(Frames.isPackedBgr(image)).isTrue();
    }

    @Test
    void fit_whenTallImage_pillarboxesItCentred() {
        BufferedImage tall = filled(100, 200, Color.WHITE, BufferedImage.TYPE_INT_ARGB);

        BufferedImage frame = Frames.fit(tall, 160, 90);

        assertThat(Frames.isPackedBgr(frame)).isTrue();
        assertThat(frame.getRGB(10, 45) & 0xFFFFFF).as("left bar").isEqualTo(0);
        assertThat(frame.getRGB(150, 45) & 0xFFFFFF).as("right bar").isEqualTo(0);
        assertThat(frame.getRGB(80, 45) & 0xFFFFFF).as("centre").isEqualTo(0xFFFFFF);
    }

    @Test
    void fit_whenShrinkingAFineStripePatternManyTimes_averagesItToGrey() {
        BufferedImage stripes = new BufferedImage(1600, 900, BufferedImage.TYPE_3BYTE_BGR);
        for (int x = 0; x < 1600; x++) {
            for (int y = 0; y < 900; y++) {
                stripes.setRGB(x, y, x % 2 == 0 ? 0xFFFFFF : 0);
            }
        }

        BufferedImage frame = Frames.fit(stripes, 160, 90);

        int grey = frame.getRGB(80, 45) & 0xFF;
        assertThat(grey).isBetween(100, 155);
    }

    private static BufferedImage filled(int w, int h, Color color, int type) {
        BufferedImage image = new BufferedImage(w, h, type);
        Graphics2D g = image.createGraphics();
        g.setColor(color);
        g.fillRect(0, 0, w, h);
        g.dispose();
        return image;
    }
}
