package dev.kon.apps.enhance;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOInvalidTreeException;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.plugins.jpeg.JPEGImageWriteParam;
import org.w3c.dom.Node;

/**
 * How an enhanced image is encoded: fresh encoder settings and tables for the new pixels, plus the parts of the
 * input's metadata that stay true of them.
 *
 * <p>JPEG: baseline, quality {@value #JPEG_QUALITY} (javax.imageio's scale, the IJG tables scaled as libjpeg's
 * quality 90), the standard Huffman tables of the JPEG specification (Annex K). The input's quantisation and
 * Huffman tables are never reused: optimized Huffman tables hold codes only for the symbols of the original
 * pixels, so the new pixels written with them are garbage to every decoder; and the input's quantisation says how
 * the original was compressed, not how this output should be. Kept from the input: its APP1 segments (EXIF,
 * including the orientation, and XMP), its JFIF pixel density, and its chroma subsampling (4:4:4 stays 4:4:4).
 * Dropped: restart intervals, progressive scans, comments, other application segments, JFIF thumbnails, and the
 * input's ICC profile: javax.imageio decodes a JPEG with an embedded profile to sRGB (converting the pixels, or
 * ignoring a profile it cannot use), so that profile no longer describes them.
 *
 * <p>PNG: the writer's defaults for the enhanced image's colour type (its own palette for a palette image), plus
 * the input's text ({@code tEXt}, {@code zTXt}, {@code iTXt}), physical size ({@code pHYs}) and colour space
 * chunks ({@code gAMA}, {@code cHRM}, {@code sRGB}, {@code iCCP}): samples keep their meaning, only their values
 * change. Other formats: the writer's defaults.
 *
 * <p>Stateless.
 */
final class OutputMetadata {
    /** JPEG quality of every enhanced JPEG, on javax.imageio's 0..1 scale. */
    static final float JPEG_QUALITY = 0.9f;

    private static final String JPEG_TREE = "javax_imageio_jpeg_image_1.0";
    private static final String PNG_TREE = "javax_imageio_png_1.0";
    private static final int APP1 = 0xE1;
    private static final Set<String> KEPT_PNG_CHUNKS = Set.of("tEXt", "zTXt", "iTXt", "pHYs", "gAMA", "cHRM",
            "sRGB", "iCCP");

    private OutputMetadata() {
    }

    /** The write parameters for {@code format}: for JPEG baseline at {@link #JPEG_QUALITY}, standard tables. */
    static ImageWriteParam param(String format, ImageWriter writer) {
        ImageWriteParam param = writer.getDefaultWriteParam();
        if (format.equals("jpeg")) {
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(JPEG_QUALITY);
            param.setProgressiveMode(ImageWriteParam.MODE_DISABLED);
            ((JPEGImageWriteParam) param).setOptimizeHuffmanTables(false);
        }
        return param;
    }

    /**
     * The metadata to write {@code image} with: the writer's defaults for it and {@code param}, plus what is kept
     * from {@code source} (may be null). Kept parts the writer refuses are dropped: the pixels matter more.
     */
    static IIOMetadata of(String format, ImageWriter writer, BufferedImage image, ImageWriteParam param,
                          IIOMetadata source) {
        IIOMetadata fresh = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(image), param);
        if (fresh == null || source == null) {
            return fresh;
        }
        try {
            if (format.equals("jpeg") && hasTree(fresh, JPEG_TREE) && hasTree(source, JPEG_TREE)) {
                IIOMetadataNode tree = (IIOMetadataNode) fresh.getAsTree(JPEG_TREE);
                keepFromJpeg((IIOMetadataNode) source.getAsTree(JPEG_TREE), tree);
                fresh.setFromTree(JPEG_TREE, tree);
            } else if (format.equals("png") && hasTree(fresh, PNG_TREE) && hasTree(source, PNG_TREE)) {
                fresh.mergeTree(PNG_TREE, keptPngChunks((IIOMetadataNode) source.getAsTree(PNG_TREE)));
            }
            return fresh;
        } catch (IIOInvalidTreeException | RuntimeException refused) {
            return writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(image), param);
        }
    }

    private static void keepFromJpeg(IIOMetadataNode source, IIOMetadataNode out) {
        Node sourceJfif = find(child(source, "JPEGvariety"), "app0JFIF");
        Node outJfif = find(child(out, "JPEGvariety"), "app0JFIF");
        if (sourceJfif != null && outJfif != null) {
            for (String density : new String[] {"resUnits", "Xdensity", "Ydensity"}) {
                copyAttribute(sourceJfif, (IIOMetadataNode) outJfif, density);
            }
        }
        Node sourceSequence = child(source, "markerSequence");
        Node outSequence = child(out, "markerSequence");
        if (sourceSequence == null || outSequence == null) {
            return;
        }
        List<Node> sourceComponents = children(child(sourceSequence, "sof"), "componentSpec");
        List<Node> outComponents = children(child(outSequence, "sof"), "componentSpec");
        if (sourceComponents.size() == 3 && outComponents.size() == 3) {
            for (int i = 0; i < 3; i++) {
                copyAttribute(sourceComponents.get(i), (IIOMetadataNode) outComponents.get(i), "HsamplingFactor");
                copyAttribute(sourceComponents.get(i), (IIOMetadataNode) outComponents.get(i), "VsamplingFactor");
            }
        }
        // APP1 goes right after the JFIF APP0, which the writer puts first: ahead of every table.
        Node first = outSequence.getFirstChild();
        for (Node app1 : children(sourceSequence, "unknown")) {
            if (app1.getAttributes().getNamedItem("MarkerTag") != null
                    && Integer.parseInt(app1.getAttributes().getNamedItem("MarkerTag").getNodeValue()) == APP1) {
                outSequence.insertBefore(copy(app1), first);
            }
        }
    }

    private static IIOMetadataNode keptPngChunks(IIOMetadataNode source) {
        IIOMetadataNode kept = new IIOMetadataNode(PNG_TREE);
        for (Node chunk : children(source, null)) {
            if (KEPT_PNG_CHUNKS.contains(chunk.getNodeName())) {
                kept.appendChild(copy(chunk));
            }
        }
        return kept;
    }

    /** A deep copy; not {@code cloneNode}, which in javax.imageio leaves the attributes behind. */
    private static IIOMetadataNode copy(Node node) {
        IIOMetadataNode copy = new IIOMetadataNode(node.getNodeName());
        copy.setNodeValue(node.getNodeValue());
        if (node instanceof IIOMetadataNode metadataNode) {
            copy.setUserObject(metadataNode.getUserObject());
        }
        for (int i = 0; i < node.getAttributes().getLength(); i++) {
            Node attribute = node.getAttributes().item(i);
            copy.setAttribute(attribute.getNodeName(), attribute.getNodeValue());
        }
        for (Node child : children(node, null)) {
            copy.appendChild(copy(child));
        }
        return copy;
    }

    private static boolean hasTree(IIOMetadata metadata, String name) {
        return name.equals(metadata.getNativeMetadataFormatName());
    }

    private static void copyAttribute(Node from, IIOMetadataNode to, String name) {
        Node value = from.getAttributes().getNamedItem(name);
        if (value != null) {
            to.setAttribute(name, value.getNodeValue());
        }
    }

    private static Node child(Node parent, String name) {
        List<Node> found = children(parent, name);
        return found.isEmpty() ? null : found.get(0);
    }

    private static Node find(Node parent, String name) {
        return parent == null ? null : child(parent, name);
    }

    /** The children of {@code parent} named {@code name} (all of them if null), as a list taken now. */
    private static List<Node> children(Node parent, String name) {
        List<Node> found = new ArrayList<>();
        if (parent != null) {
            for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (name == null || n.getNodeName().equals(name)) {
                    found.add(n);
                }
            }
        }
        return found;
    }
}
