package dev.kon.apps.enhance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.awt.image.WritableRaster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Hand-computed cases; {@link EnhanceHandlerTest} checks larger images against {@link PillowReference}. */
class ContrastTest {

    @Test
    void greyImage2x2_factor18_truncatesTowardsGrey_neverRounds() {
        // Mean 460/4 = 115. 116 -> 115 + 1.8*1 = 116.8 -> 116 (rounding would give 117); 124 -> 131.2 -> 131.
        BufferedImage image = grey(2, 2, 100, 116, 120, 124);

        Contrast.enhance(image, 1.8);

        assertThat(samples(image)).containsExactly(88, 116, 124, 131);
    }

    @Test
    void rgbImage2x2_factor18_usesPillowLuminanceForTheGreyLevel() {
        // L = (R*19595 + G*38470 + B*7471 + 0x8000) >> 16: 124, 96, 18, 242; mean 480/4 = 120.
        BufferedImage image = rgb(2, 2, 200, 100, 50, 50, 100, 200, 10, 20, 30, 250, 240, 230);

        assertThat(Contrast.greyLevel(image)).isEqualTo(120);
        Contrast.enhance(image, 1.8);

        // 200 -> 120 + 144 = 264 -> 255; 100 -> 84; 50 -> -6 -> 0; 10 -> -78 -> 0; 20 -> -60 -> 0;
        // 30 -> -42 -> 0; 250 -> 354 -> 255; 240 -> 336 -> 255; 230 -> 318 -> 255.
        assertThat(samples(image)).containsExactly(255, 84, 0, 0, 84, 255, 0, 0, 0, 255, 255, 255);
    }

    @Test
    void greyLevel_ofHalfwayMean_roundsUp() {
        assertThat(Contrast.greyLevel(grey(2, 1, 100, 101))).isEqualTo(101);
        assertThat(Contrast.greyLevel(grey(3, 1, 100, 101, 101))).isEqualTo(101);
        assertThat(Contrast.greyLevel(grey(3, 1, 100, 100, 101))).isEqualTo(100);
    }

    @Test
    void luminance_matchesPillowsFixedPointRgb2l() {
        assertThat(Contrast.luminance(255, 0, 0)).isEqualTo(76);
        assertThat(Contrast.luminance(0, 255, 0)).isEqualTo(150);
        assertThat(Contrast.luminance(0, 0, 255)).isEqualTo(29);
        assertThat(Contrast.luminance(255, 255, 255)).isEqualTo(255);
        assertThat(Contrast.luminance(7, 7, 7)).isEqualTo(7);
        // The old PIL formula (299R + 587G + 114B) / 1000, truncated, gives 0 here; Pillow's rounds to 1.
        assertThat(Contrast.luminance(0, 1, 0)).isEqualTo(1);
    }

    @Test
    void table_factorOne_isIdentity_andFactorZero_isTheGreyLevel() {
        int[] identity = Contrast.table(93, 1.0);
        int[] flat = Contrast.table(93, 0.0);

        for (int v = 0; v < 256; v++) {
            assertThat(identity[v]).isEqualTo(v);
            assertThat(flat[v]).isEqualTo(93);
        }
    }

    @Test
    void table_factorHalf_interpolatesAndTruncates() {
        int[] half = Contrast.table(100, 0.5);

        assertThat(half[0]).isEqualTo(50);
        assertThat(half[101]).isEqualTo(100);
        assertThat(half[99]).isEqualTo(99);
        assertThat(half[255]).isEqualTo(177);
    }

    @Test
    void rgbaImage_keepsAlpha_andChangesColour() {
        BufferedImage image = new BufferedImage(2, 1, BufferedImage.TYPE_4BYTE_ABGR);
        image.getRaster().setPixels(0, 0, 2, 1, new int[] {100, 100, 100, 7, 200, 200, 200, 255});

        Contrast.enhance(image, 1.8);

        // Mean luminance of 100 and 200 is 150 (alpha does not weigh in): 100 -> 60, 200 -> 240.
        assertThat(samples(image)).containsExactly(60, 60, 60, 7, 240, 240, 240, 255);
    }

    @Test
    void paletteImage_mapsThePalette_andKeepsTheIndices() {
        byte[] r = {(byte) 100, (byte) 200};
        byte[] g = {(byte) 100, (byte) 200};
        byte[] b = {(byte) 100, (byte) 200};
        byte[] a = {(byte) 255, (byte) 0};
        BufferedImage image = new BufferedImage(2, 1, BufferedImage.TYPE_BYTE_INDEXED,
                new IndexColorModel(8, 2, r, g, b, a));
        image.getRaster().setPixels(0, 0, 2, 1, new int[] {0, 1});

        BufferedImage out = Contrast.enhance(image, 1.8);

        IndexColorModel palette = (IndexColorModel) out.getColorModel();
        assertThat(samples(out)).containsExactly(0, 1);
        assertThat(palette.getRed(0)).isEqualTo(60);
        assertThat(palette.getBlue(1)).isEqualTo(240);
        assertThat(palette.getAlpha(1)).isZero();
    }

    @ParameterizedTest
    @ValueSource(ints = {BufferedImage.TYPE_USHORT_GRAY, BufferedImage.TYPE_USHORT_565_RGB})
    void sixteenBitOrPackedSamples_areRefusedByName(int type) {
        BufferedImage image = new BufferedImage(2, 2, type);

        assertThatThrownBy(() -> Contrast.enhance(image, 1.8))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("unsupported pixel format: ");
    }

    static BufferedImage grey(int width, int height, int... values) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        image.getRaster().setPixels(0, 0, width, height, values);
        return image;
    }

    static BufferedImage rgb(int width, int height, int... values) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        image.getRaster().setPixels(0, 0, width, height, values);
        return image;
    }

    static int[] samples(BufferedImage image) {
        WritableRaster raster = image.getRaster();
        return raster.getPixels(0, 0, raster.getWidth(), raster.getHeight(), (int[]) null);
    }
}
