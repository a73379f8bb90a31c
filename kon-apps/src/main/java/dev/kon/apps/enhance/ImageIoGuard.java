package dev.kon.apps.enhance;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import javax.imageio.IIOException;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriter;
import javax.imageio.event.IIOReadProgressListener;
import javax.imageio.event.IIOReadWarningListener;
import javax.imageio.event.IIOWriteProgressListener;

/**
 * Watches one javax.imageio read or write on the task's thread: aborts it from its own progress callbacks once
 * {@code cancelled} answers true (the JPEG plug-ins refuse {@code abort()} from any other thread), and keeps the
 * first warning of a read, since ImageIO reports a truncated or corrupt JPEG only as a warning and fills the
 * missing part with grey.
 *
 * <p>A few warnings are about parts the worker does not use (a JFIF thumbnail, an invalid colour profile that is
 * then ignored, an unknown JFIF revision) and are let through; every other warning makes the read a failure.
 *
 * <p>Not thread-safe: one guard per read or write.
 */
final class ImageIoGuard implements IIOReadProgressListener, IIOReadWarningListener, IIOWriteProgressListener {
    private static final List<String> HARMLESS_WARNINGS = List.of(
            "JFIF markers not allowed in JFIF JPEG thumbnail",
            "Embedded color profile is invalid",
            "Warning: unknown JFIF revision number",
            "Warning: thumbnail image size does not match");

    private final BooleanSupplier cancelled;
    private boolean aborted;
    private String warning;

    ImageIoGuard(BooleanSupplier cancelled) {
        this.cancelled = Objects.requireNonNull(cancelled, "cancelled");
    }

    /** Throws {@link CancellationException} if the task was cancelled, or the read or write aborted for it. */
    void throwIfCancelled() {
        if (aborted || cancelled.getAsBoolean()) {
            throw new CancellationException("cancelled");
        }
    }

    /** Throws if a read warned of anything but the harmless warnings. */
    void throwIfCorrupt() throws IIOException {
        if (warning != null) {
            throw new IIOException("image is truncated or corrupt: " + UserText.clip(warning));
        }
    }

    @Override
    public void warningOccurred(ImageReader source, String message) {
        String text = message == null ? "a decoder warning" : message.strip();
        if (warning == null && HARMLESS_WARNINGS.stream().noneMatch(text::startsWith)) {
            warning = text;
        }
    }

    @Override
    public void imageProgress(ImageReader source, float percentageDone) {
        if (!aborted && cancelled.getAsBoolean()) {
            aborted = true;
            source.abort();
        }
    }

    @Override
    public void imageProgress(ImageWriter source, float percentageDone) {
        if (!aborted && cancelled.getAsBoolean()) {
            aborted = true;
            source.abort();
        }
    }

    @Override
    public void readAborted(ImageReader source) {
        aborted = true;
    }

    @Override
    public void writeAborted(ImageWriter source) {
        aborted = true;
    }

    @Override
    public void sequenceStarted(ImageReader source, int minIndex) {
    }

    @Override
    public void sequenceComplete(ImageReader source) {
    }

    @Override
    public void imageStarted(ImageReader source, int imageIndex) {
    }

    @Override
    public void imageComplete(ImageReader source) {
    }

    @Override
    public void thumbnailStarted(ImageReader source, int imageIndex, int thumbnailIndex) {
    }

    @Override
    public void thumbnailProgress(ImageReader source, float percentageDone) {
    }

    @Override
    public void thumbnailComplete(ImageReader source) {
    }

    @Override
    public void imageStarted(ImageWriter source, int imageIndex) {
    }

    @Override
    public void imageComplete(ImageWriter source) {
    }

    @Override
    public void thumbnailStarted(ImageWriter source, int imageIndex, int thumbnailIndex) {
    }

    @Override
    public void thumbnailProgress(ImageWriter source, float percentageDone) {
    }

    @Override
    public void thumbnailComplete(ImageWriter source) {
    }
}
