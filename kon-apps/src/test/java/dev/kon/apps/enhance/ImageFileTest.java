package dev.kon.apps.enhance;

import static dev.kon.apps.enhance.TestImages.JpegOptions.baseline420;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.Test;

/** What {@link ImageFile} decodes and how it encodes: strictness, fresh tables, the metadata it keeps. */
class ImageFileTest {
    private static final int DHT = 0xC4;
    private static final int DQT = 0xDB;
    private static final int SOF0 = 0xC0;
    private static final int SOF2 = 0xC2;
    private static final int DRI = 0xDD;
    private static final int APP1 = 0xE1;

    private final BufferedImage photo = TestImages.photo(64, 48);

    @Test
    void encode_jpegWithOptimizedHuffmanTables_writesTheStandardTablesInstead() throws IOException {
        byte[] input = TestImages.jpeg(photo, baseline420().withOptimizedHuffman());
        byte[] standard = TestImages.jpeg(photo, baseline420());

        byte[] output = reencode(input);

        assertThat(joined(TestImages.segments(output, DHT))).as("Huffman tables")
                .isEqualTo(joined(TestImages.segments(standard, DHT)))
                .isNotEqualTo(joined(TestImages.segments(input, DHT)));
    }

    @Test
    void encode_jpeg_quantisesAtQualityPoint9_whateverTheInputsQuality() throws IOException {
        byte[] atPoint5 = TestImages.jpeg(photo, baseline420().withQuality(0.5f));
        byte[] atPoint9 = TestImages.jpeg(photo, baseline420().withQuality(OutputMetadata.JPEG_QUALITY));

        byte[] output = reencode(atPoint5);

        assertThat(joined(TestImages.segments(output, DQT))).as("quantisation tables")
                .isEqualTo(joined(TestImages.segments(atPoint9, DQT)))
                .isNotEqualTo(joined(TestImages.segments(atPoint5, DQT)));
    }

    @Test
    void encode_progressiveJpegWithRestartMarkers_writesBaselineWithout() throws IOException {
        byte[] input = TestImages.jpeg(photo, baseline420().withProgressive().withRestartEvery(2));
        assertThat(TestImages.hasMarker(input, SOF2)).isTrue();
        assertThat(TestImages.segments(input, DRI)).isNotEmpty();

        byte[] output = reencode(input);

        assertThat(TestImages.hasMarker(output, SOF0)).isTrue();
        assertThat(TestImages.hasMarker(output, SOF2)).isFalse();
        assertThat(TestImages.segments(output, DRI)).isEmpty();
    }

    @Test
    void encode_jpeg_keepsTheExifSegmentWithItsOrientation() throws IOException {
        byte[] exif = TestImages.exifWithOrientation(6);
        byte[] input = TestImages.jpeg(photo, baseline420(), exif);

        byte[] output = reencode(input);

        assertThat(TestImages.segments(output, APP1)).containsExactly(exif);
    }

    @Test
    void encode_jpeg_keepsFullChromaResolution_andKeeps420() throws IOException {
        assertThat(lumaSampling(reencode(TestImages.jpeg(photo, baseline420().withFull444())))).isEqualTo("1x1");
        assertThat(lumaSampling(reencode(TestImages.jpeg(photo, baseline420())))).isEqualTo("2x2");
    }

    @Test
    void encode_png_keepsItsTextChunks_alsoForAPaletteImage() throws IOException {
        BufferedImage palette = new BufferedImage(16, 16, BufferedImage.TYPE_BYTE_INDEXED);
        palette.getGraphics().drawImage(photo, 0, 0, null);

        for (BufferedImage image : List.of(photo, palette)) {
            byte[] output = reencode(TestImages.pngWithText(image, "Title", "Harbour at dusk"));

            IIOMetadataNode tree = pngTree(output);
            IIOMetadataNode entry = (IIOMetadataNode) tree.getElementsByTagName("tEXtEntry").item(0);
            assertThat(entry).as("a tEXt entry").isNotNull();
            assertThat(entry.getAttribute("keyword")).isEqualTo("Title");
            assertThat(entry.getAttribute("value")).isEqualTo("Harbour at dusk");
        }
    }

    @Test
    void decode_truncatedJpeg_failsNamingTheDecodersWarning() throws IOException {
        byte[] jpeg = TestImages.jpeg(TestImages.photo(640, 480), baseline420());

        try (ImageFile file = ImageFile.open(Arrays.copyOf(jpeg, 3000))) {
            assertThat(file.width()).as("the header is intact").isEqualTo(640);
            // ImageIO's first word on it: "Truncated File - Missing EOI marker".
            assertThatThrownBy(file::decode).isInstanceOf(IOException.class)
                    .hasMessageStartingWith("image is truncated or corrupt: Truncated File");
        }
    }

    @Test
    void refusal_ofACmykJpeg_asksForRgb_andOfAnRgbJpegIsEmpty() throws IOException {
        try (ImageFile cmyk = ImageFile.open(TestImages.cmykJpeg(16, 16));
             ImageFile rgb = ImageFile.open(TestImages.jpeg(photo, baseline420()))) {
            assertThat(cmyk.refusal()).contains("CMYK JPEG is not supported; convert to RGB");
            assertThat(rgb.refusal()).isEmpty();
        }
    }

    private static byte[] reencode(byte[] input) throws IOException {
        try (ImageFile file = ImageFile.open(input)) {
            assertThat(file.refusal()).isEmpty();
            return file.encode(file.decode());
        }
    }

    private static byte[] joined(List<byte[]> segments) {
        return segments.stream().reduce(new byte[0], (a, b) -> {
            byte[] both = Arrays.copyOf(a, a.length + b.length);
            System.arraycopy(b, 0, both, a.length, b.length);
            return both;
        });
    }

    /** The luma component's sampling factors, {@code HxV}: 2x2 for 4:2:0, 1x1 for 4:4:4. */
    private static String lumaSampling(byte[] jpeg) {
        byte[] sof = TestImages.segments(jpeg, SOF0).get(0);
        int factors = sof[6 + 1] & 255; // after precision, height, width, count: component id, then H<<4|V
        return (factors >> 4) + "x" + (factors & 15);
    }

    private static IIOMetadataNode pngTree(byte[] png) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(png))) {
            ImageReader reader = ImageIO.getImageReaders(in).next();
            try {
                reader.setInput(in);
                return (IIOMetadataNode) reader.getImageMetadata(0).getAsTree("javax_imageio_png_1.0");
            } finally {
                reader.dispose();
            }
        }
    }
}
