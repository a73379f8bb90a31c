package dev.kon.apps.enhance;

import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.plugins.jpeg.JPEGImageWriteParam;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Inputs for the format tests, made here with javax.imageio so each is described by the code that makes it: JPEGs
 * baseline or progressive, 4:2:0 or 4:4:4, with standard or optimized Huffman tables, with or without restart
 * markers; grey and CMYK JPEGs; PNGs of every 8-bit colour type and 16-bit ones.
 */
final class TestImages {
    static final String JPEG_TREE = "javax_imageio_jpeg_image_1.0";

    private TestImages() {
    }

    /** How a test JPEG is encoded. */
    record JpegOptions(boolean progressive, boolean subsampled, boolean optimizedHuffman, int restartInterval,
                       float quality) {
        /** Baseline, 4:2:0, standard Huffman tables, no restart markers, quality 0.85. */
        static JpegOptions baseline420() {
            return new JpegOptions(false, true, false, 0, 0.85f);
        }

        JpegOptions withProgressive() {
            return new JpegOptions(true, subsampled, optimizedHuffman, restartInterval, quality);
        }

        JpegOptions withFull444() {
            return new JpegOptions(progressive, false, optimizedHuffman, restartInterval, quality);
        }

        JpegOptions withOptimizedHuffman() {
            return new JpegOptions(progressive, subsampled, true, restartInterval, quality);
        }

        JpegOptions withRestartEvery(int mcus) {
            return new JpegOptions(progressive, subsampled, optimizedHuffman, mcus, quality);
        }

        JpegOptions withQuality(float q) {
            return new JpegOptions(progressive, subsampled, optimizedHuffman, restartInterval, q);
        }
    }

    /**
     * A photo-like RGB picture: smooth gradients, a few hard edges and some grain, so that raising its contrast
     * needs Huffman codes the original's optimized tables lack.
     */
    static BufferedImage photo(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        WritableRaster raster = image.getRaster();
        java.util.Random grain = new java.util.Random(11);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                boolean disc = (x - width / 3) * (x - width / 3) + (y - height / 2) * (y - height / 2)
                        < height * height / 9;
                int n = grain.nextInt(9) - 4;
                int r = 90 + 60 * x / width + (disc ? 50 : 0) + n;
                int g = 80 + 50 * y / height + ((x / 8 + y / 8) % 2 == 0 ? 12 : 0) + n;
                int b = 150 - 40 * x / width + (disc ? -60 : 0) + n;
                raster.setPixel(x, y, new int[] {r, g, b});
            }
        }
        return image;
    }

    /** {@link #photo} as 8-bit grey (its luminance). */
    static BufferedImage greyPhoto(int width, int height) {
        BufferedImage rgb = photo(width, height);
        BufferedImage grey = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int[] p = rgb.getRaster().getPixel(x, y, (int[]) null);
                grey.getRaster().setSample(x, y, 0, Contrast.luminance(p[0], p[1], p[2]));
            }
        }
        return grey;
    }

    static byte[] jpeg(BufferedImage image, JpegOptions options) {
        return jpeg(image, options, null);
    }

    /** A JPEG as {@code options} say, with {@code app1} (an EXIF or XMP payload) as its APP1 segment if not null. */
    static byte[] jpeg(BufferedImage image, JpegOptions options, byte[] app1) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        try {
            JPEGImageWriteParam param = (JPEGImageWriteParam) writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(options.quality());
            param.setProgressiveMode(options.progressive() ? ImageWriteParam.MODE_DEFAULT : ImageWriteParam.MODE_DISABLED);
            param.setOptimizeHuffmanTables(options.optimizedHuffman());
            IIOMetadata metadata = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(image), param);
            IIOMetadataNode tree = (IIOMetadataNode) metadata.getAsTree(JPEG_TREE);
            IIOMetadataNode sequence = (IIOMetadataNode) tree.getElementsByTagName("markerSequence").item(0);
            IIOMetadataNode sof = (IIOMetadataNode) sequence.getElementsByTagName("sof").item(0);
            if (!options.subsampled()) {
                IIOMetadataNode luma = (IIOMetadataNode) sof.getElementsByTagName("componentSpec").item(0);
                luma.setAttribute("HsamplingFactor", "1");
                luma.setAttribute("VsamplingFactor", "1");
            }
            if (app1 != null) {
                IIOMetadataNode unknown = new IIOMetadataNode("unknown");
                unknown.setAttribute("MarkerTag", Integer.toString(0xE1));
                unknown.setUserObject(app1);
                sequence.insertBefore(unknown, sequence.getFirstChild());
            }
            if (options.restartInterval() > 0) {
                IIOMetadataNode dri = new IIOMetadataNode("dri");
                dri.setAttribute("interval", Integer.toString(options.restartInterval()));
                sequence.insertBefore(dri, sof);
            }
            metadata.setFromTree(JPEG_TREE, tree);
            return write(writer, new IIOImage(image, null, metadata), param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
    }

    /** A four-component (CMYK) JPEG, as prepress tools write them. */
    static byte[] cmykJpeg(int width, int height) {
        WritableRaster cmyk = Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, width, height, 4, null);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                cmyk.setPixel(x, y, new int[] {x * 4 % 256, y * 5 % 256, (x + y) % 256, 20});
            }
        }
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        try {
            return write(writer, new IIOImage(cmyk, null, null), null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
    }

    static byte[] png(BufferedImage image) {
        return EnhanceHandlerTest.encode(image, "png");
    }

    /** A PNG of {@code image} with one {@code tEXt} chunk. */
    static byte[] pngWithText(BufferedImage image, String keyword, String value) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
        try {
            IIOMetadata metadata = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(image), null);
            IIOMetadataNode root = new IIOMetadataNode("javax_imageio_png_1.0");
            IIOMetadataNode text = new IIOMetadataNode("tEXt");
            IIOMetadataNode entry = new IIOMetadataNode("tEXtEntry");
            entry.setAttribute("keyword", keyword);
            entry.setAttribute("value", value);
            text.appendChild(entry);
            root.appendChild(text);
            metadata.mergeTree("javax_imageio_png_1.0", root);
            return write(writer, new IIOImage(image, null, metadata), null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
    }

    /**
     * A minimal EXIF APP1 payload: {@code Exif\0\0}, a little-endian TIFF header and one IFD holding only the
     * orientation tag (0x0112) set to {@code orientation}.
     */
    static byte[] exifWithOrientation(int orientation) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(6 + 8 + 2 + 12 + 4).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {'E', 'x', 'i', 'f', 0, 0});
        b.put(new byte[] {'I', 'I'}).putShort((short) 42).putInt(8);
        b.putShort((short) 1);
        b.putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) orientation).putShort((short) 0);
        b.putInt(0);
        return b.array();
    }

    /** A 16-bit RGB image (48 bits a pixel), as scanners and raw converters write PNGs. */
    static BufferedImage rgb16(int width, int height) {
        ComponentColorModel cm = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_sRGB), false, false,
                Transparency.OPAQUE, DataBuffer.TYPE_USHORT);
        BufferedImage image = new BufferedImage(cm, cm.createCompatibleWritableRaster(width, height), false, null);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.getRaster().setPixel(x, y, new int[] {x * 1000, y * 1000, 30_000});
            }
        }
        return image;
    }

    /** The payloads of every marker segment {@code marker} (0xC4 DHT, 0xDB DQT, 0xDD DRI, ...) before the scan data. */
    static java.util.List<byte[]> segments(byte[] jpeg, int marker) {
        java.util.List<byte[]> found = new java.util.ArrayList<>();
        int i = 2;
        while (i + 4 <= jpeg.length && (jpeg[i] & 255) == 0xFF) {
            int m = jpeg[i + 1] & 255;
            int length = (jpeg[i + 2] & 255) << 8 | (jpeg[i + 3] & 255);
            if (m == marker) {
                found.add(java.util.Arrays.copyOfRange(jpeg, i + 4, i + 2 + length));
            }
            if (m == 0xDA) {
                break; // entropy-coded data follows; progressive files have more tables later, not needed here
            }
            i += 2 + length;
        }
        return found;
    }

    /** True if the file has a marker {@code 0xFF m} anywhere, restart markers included. */
    static boolean hasMarker(byte[] jpeg, int marker) {
        for (int i = 0; i + 1 < jpeg.length; i++) {
            if ((jpeg[i] & 255) == 0xFF && (jpeg[i + 1] & 255) == marker) {
                return true;
            }
        }
        return false;
    }

    private static byte[] write(ImageWriter writer, IIOImage image, ImageWriteParam param) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.write(null, image, param);
        }
        return bytes.toByteArray();
    }
}
