package dev.kon.cli;

import dev.kon.apps.enhance.EnhanceAnswer;
import dev.kon.apps.enhance.EnhanceRequest;
import dev.kon.task.Task;
import dev.kon.task.TaskResult;
import dev.kon.view.PicJson;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import javax.imageio.ImageIO;
import javax.imageio.stream.ImageInputStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code kon pic}: CloudPic, contrast enhancement of an image by a worker, through the bucket. */
@Command(name = "pic", mixinStandardHelpOptions = true,
        description = "CloudPic: upload an image (JPEG or PNG), have a worker raise its contrast, download the result.")
final class PicCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "IMAGE", description = "A JPEG or PNG file.")
    Path image;

    @Option(names = "--factor", paramLabel = "FACTOR", defaultValue = "1.8",
            description = "Contrast factor: 1 keeps the image, 0 makes it flat grey (default: ${DEFAULT-VALUE}).")
    double factor;

    @Option(names = {"-o", "--out"}, paramLabel = "FILE",
            description = "Where to write the result (default: NAME-enhanced.EXT).")
    Path out;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "120s",
            description = "Wait this long for the result (" + DurationConverter.FORMATS
                    + "; default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(names = "--output", paramLabel = "FORMAT", defaultValue = "text",
            description = "text (default) or json (one object; fields in the README).")
    OutputFormat output;

    @Mixin
    CloudOptions cloud = new CloudOptions();

    @Override
    public Integer call() throws Exception {
        String format = checkImage(image);
        EnhanceRequest request = EnhanceRequest.forUpload(image.getFileName().toString(), factor);
        Path target = (out != null ? out : defaultOut(image, format)).toAbsolutePath();
        if (!Files.isDirectory(target.getParent()) || !Files.isWritable(target.getParent())) {
            throw new IllegalArgumentException("cannot write " + target + ": no such folder, or not writable; "
                    + "nothing was sent");
        }
        try (CloudContext ctx = CloudContext.open(cloud)) {
            String type = Files.probeContentType(image);
            ctx.backend.blobs().putFile(request.inputKey(), image, type == null ? "application/octet-stream" : type);
            TaskResult r = Requests.sendOne(ctx.backend, cloud.queue, new Task(1, "enhance", request.toArgs()), timeout);
            if (r == null) {
                return ExitCodes.TASKS_FAILED;
            }
            if (!r.succeeded()) {
                System.err.println("kon pic: the worker refused: " + r.output());
                return ExitCodes.TASKS_FAILED;
            }
            EnhanceAnswer answer = EnhanceAnswer.parse(r.output());
            try (InputStream in = ctx.backend.blobs().get(answer.key())) {
                Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            }
            if (output == OutputFormat.json) {
                System.out.println(PicJson.of(image.getFileName().toString(), request.factor(), answer,
                        Map.of("savedAs", target.toString())));
                return ExitCodes.OK;
            }
            System.out.printf("enhanced %s (x%s contrast, %dx%d %s)%n  in the bucket: %s%n  saved as:      %s%n",
                    image, request.toArgs().split(" ")[2], answer.width(), answer.height(), answer.format(),
                    answer.key(), target);
            return ExitCodes.OK;
        }
    }

    /**
     * Refuses, before anything is uploaded, a file that is missing or is not an image ImageIO can read; answers
     * the format its bytes are in, lower case ({@code jpeg}, {@code png}, ...), whatever its name says.
     */
    static String checkImage(Path file) throws java.io.IOException {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(file + ": no such file");
        }
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            var readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                throw new IllegalArgumentException(file + ": not an image (JPEG or PNG expected)");
            }
            return readers.next().getFormatName().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * {@code NAME-enhanced.EXT} beside the image. The worker keeps the format, so EXT is the image's own when it
     * fits the format its bytes are in, else the format's ({@code photo.jpg} holding a PNG gives
     * {@code photo-enhanced.png}).
     */
    static Path defaultOut(Path image, String format) {
        String name = image.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String base = dot > 0 ? name.substring(0, dot) : name;
        String ext = dot > 0 ? name.substring(dot + 1).toLowerCase(Locale.ROOT) : "";
        boolean fits = ext.equals(format) || (format.equals("jpeg") && (ext.equals("jpg") || ext.equals("jpe")))
                || (format.equals("tiff") && ext.equals("tif"));
        String chosen = fits ? name.substring(dot + 1) : format.equals("jpeg") ? "jpg" : format;
        return image.resolveSibling(base + "-enhanced." + chosen);
    }
}
