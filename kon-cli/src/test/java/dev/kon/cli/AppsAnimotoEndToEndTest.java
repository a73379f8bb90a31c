package dev.kon.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.kon.apps.video.ffmpeg.VideoInfo;
import dev.kon.apps.video.ffmpeg.VideoProbe;
import dev.kon.apps.video.sample.SampleImages;
import java.awt.image.BufferedImage;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Animoto end to end: {@code kon animoto sample} serves the images as a separate process, {@code kon animoto} has
 * two {@code kon worker} processes turn each job into a video in the bucket, and the test downloads the videos
 * through the presigned URLs as anyone holding them would, then looks inside them.
 *
 * <p>The two one-minute sample videos are made once, before the tests; each test checks one promise about them.
 */
@Tag("slow")
class AppsAnimotoEndToEndTest {
    private static final Pattern SAMPLE_LINES = Pattern.compile(
            "serving sample images at (\\S+)\\R+wrote 2 jobs of 60 images: (.+?)\\R");
    private static final Pattern IMAGE_INDEX = Pattern.compile("/images/(\\d+)\\.jpg$");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @TempDir
    static Path classDir;

    private static AppsCloud cloud;
    private static KonProcess sampleServer;
    private static URI imageBase;
    private static Path jobsIndex;
    private static AppsCloud.Run sampleRun;
    /** Video name to its URL, in the order of the URL log. */
    private static Map<String, URI> urls;
    /** Video name to the HTTP status of its download through the URL. */
    private static final Map<String, Integer> downloads = new LinkedHashMap<>();
    /** Video name to the downloaded file, for the videos that downloaded. */
    private static final Map<String, Path> videos = new LinkedHashMap<>();

    @TempDir
    Path dir;

    @BeforeAll
    static void makeTheSampleVideos() throws Exception {
        cloud = AppsCloud.start(classDir, 2);
        Path jobsDir = classDir.resolve("jobs");
        sampleServer = cloud.start("sample", "animoto", "sample", "--jobs", "2", "--dir", jobsDir.toString());
        await().atMost(Duration.ofMinutes(2)).until(() -> SAMPLE_LINES.matcher(sampleServer.stdout()).find()
                || !sampleServer.process.isAlive());
        Matcher m = SAMPLE_LINES.matcher(sampleServer.stdout());
        assertThat(m.find()).as("the sample server's announcement; stderr: " + sampleServer.stderr()).isTrue();
        imageBase = URI.create(m.group(1));
        jobsIndex = Path.of(m.group(2).strip());

        Path log = classDir.resolve("urls.txt");
        sampleRun = cloud.run(300, "animoto", "animoto", jobsIndex.toString(), "--log", log.toString(), "-q",
                "--timeout", "4m");
        urls = Files.exists(log) ? urlLog(log) : Map.of();
        for (Map.Entry<String, URI> e : urls.entrySet()) {
            Path file = classDir.resolve(e.getKey() + ".mp4");
            HttpResponse<Path> response = HTTP.send(HttpRequest.newBuilder(e.getValue()).build(),
                    HttpResponse.BodyHandlers.ofFile(file));
            downloads.put(e.getKey(), response.statusCode());
            if (response.statusCode() == 200) {
                videos.put(e.getKey(), file);
            }
        }
    }

    @AfterAll
    static void stopEverything() throws Exception {
        try {
            if (sampleServer != null) {
                sampleServer.process.destroy();
                sampleServer.waitFor(30);
            }
        } finally {
            if (cloud != null) {
                cloud.close();
            }
        }
    }

    @Test
    void animoto_ofTwoSampleJobs_exitsZeroAndLogsOnePresignedUrlPerJob() {
        assertThat(sampleRun.exit()).as(sampleRun.said()).isZero();
        assertThat(sampleRun.stdout()).contains("2 of 2 videos made");
        assertThat(urls.keySet()).containsExactly("job-0001", "job-0002");
        // Attempt 1 of each: the key names the attempt that wrote it.
        assertThat(urls.values()).allSatisfy(url -> assertThat(url.toString()).matches("http://127\\.0\\.0\\.1:\\d+"
                + "/kon-blobs/videos/job-000[12]\\.a1\\.mp4\\?.*X-Amz-Signature=[0-9a-f]{64}.*"));
        assertThat(downloads).as("HTTP status of each download").containsOnly(
                Map.entry("job-0001", 200), Map.entry("job-0002", 200));
    }

    @Test
    void videoUrl_downloadsAOneMinuteFullHdH264VideoWithOneFramePerImage() {
        assertThat(videos).as(sampleRun.said()).hasSize(2);
        for (Path video : videos.values()) {
            VideoInfo info = VideoProbe.probe(video);

            assertThat(info.durationSeconds()).as("duration of " + video).isCloseTo(60.0, within(0.1));
            assertThat(info.frames()).isEqualTo(60);
            assertThat(info.width()).isEqualTo(1920);
            assertThat(info.height()).isEqualTo(1080);
            assertThat(info.codec()).isEqualTo("h264");
        }
    }

    @Test
    void videoFrameTen_showsTheJobsEleventhImage() throws Exception {
        assertThat(videos).as(sampleRun.said()).hasSize(2);
        for (Map.Entry<String, Path> e : videos.entrySet()) {
            List<String> jobUrls = Files.readAllLines(jobsIndex.resolveSibling(e.getKey() + ".txt")).stream()
                    .filter(l -> l.startsWith("http")).toList();
            Matcher m = IMAGE_INDEX.matcher(jobUrls.get(10));
            assertThat(m.find()).as(jobUrls.get(10)).isTrue();
            int index = Integer.parseInt(m.group(1));

            BufferedImage frame = VideoProbe.frame(e.getValue(), 10);

            double same = meanAbsoluteDifference(frame, SampleImages.render(index));
            double neighbour = meanAbsoluteDifference(frame, SampleImages.render(index + 1));
            assertThat(same).as("%s frame 10 vs image %d", e.getKey(), index).isLessThan(6.0);
            assertThat(neighbour).as("%s frame 10 vs image %d", e.getKey(), index + 1).isGreaterThan(30.0);
        }
    }

    @Test
    void videoUrl_withOneSignatureCharacterChanged_isRefused() throws Exception {
        URI url = urls.get("job-0001");
        assertThat(url).as(sampleRun.said()).isNotNull();
        Matcher sig = Pattern.compile("X-Amz-Signature=([0-9a-f]{64})").matcher(url.toString());
        assertThat(sig.find()).isTrue();
        char first = sig.group(1).charAt(0);
        String tampered = url.toString().substring(0, sig.start(1)) + (first == '0' ? '1' : '0')
                + url.toString().substring(sig.start(1) + 1);

        HttpResponse<String> refused = get(URI.create(tampered));

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
        assertThat(refused.body()).contains("<Code>SignatureDoesNotMatch</Code>");
        assertThat(get(url).statusCode()).as("the untouched URL").isEqualTo(200);
    }

    @Test
    void videoUrl_pastItsExpiry_isRefused() throws Exception {
        Path jobs = Files.createDirectories(dir.resolve("jobs"));
        Files.write(jobs.resolve("short.txt"), List.of(sampleUrl(3), sampleUrl(4)));
        Path log = dir.resolve("short-urls.txt");

        AppsCloud.Run run = cloud.run(180, "animoto-expiry", "animoto", jobs.toString(), "--log", log.toString(),
                "--expiry", "2s", "-q", "--timeout", "2m");

        assertThat(run.exit()).as(run.said()).isZero();
        URI url = urlLog(log).get("short");
        assertThat(url.getRawQuery()).containsPattern("X-Amz-Expires=2(&|$)");
        Instant expires = expiryOf(url);
        assertThat(expires).as("X-Amz-Date + X-Amz-Expires of " + url)
                .isBetween(Instant.now().minusSeconds(180), Instant.now().plusSeconds(3));
        // Past the expiry by more than the one-second resolution of the signed date.
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                .until(() -> Instant.now().isAfter(expires.plusSeconds(1)));
        HttpResponse<String> refused = get(url);
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
        assertThat(refused.body()).contains("<Code>AccessDenied</Code>").contains("Request has expired");
    }

    @Test
    void animoto_ofADeadUrlAndATextUrl_failsBothJobsNamingTheUrlsAndTheWorkersServeTheNextJob() throws Exception {
        int deadPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            deadPort = s.getLocalPort();
        }
        HttpServer text = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
        text.createContext("/", exchange -> {
            byte[] body = "this is not a picture\n".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        text.start();
        try {
            String deadUrl = "http://127.0.0.1:" + deadPort + "/images/1.jpg";
            String textUrl = "http://127.0.0.1:" + text.getAddress().getPort() + "/notes.jpg";
            Path bad = Files.createDirectories(dir.resolve("bad"));
            Files.write(bad.resolve("dead.txt"), List.of(deadUrl));
            Files.write(bad.resolve("text.txt"), List.of(textUrl));
            Path log = dir.resolve("bad-urls.txt");

            AppsCloud.Run run = cloud.run(180, "animoto-bad", "animoto", bad.toString(), "--log", log.toString(),
                    "-q", "--timeout", "2m");

            assertThat(run.exit()).as(run.said()).isEqualTo(1);
            assertThat(run.stdout())
                    .containsPattern("(?m)^dead +FAILED: .*image 1 of 1: connection refused, 3 tries \\("
                            + Pattern.quote(deadUrl) + "\\)")
                    .containsPattern("(?m)^text +FAILED: .*image 1 of 1: not an image .*Content-Type text/plain.* \\("
                            + Pattern.quote(textUrl) + "\\)")
                    .contains("0 of 2 videos made");
            assertThat(Files.readAllLines(log)).isEmpty();
        } finally {
            text.stop(0);
        }

        Path good = Files.createDirectories(dir.resolve("good"));
        Files.write(good.resolve("after.txt"), List.of(sampleUrl(5), sampleUrl(6)));
        Path log = dir.resolve("good-urls.txt");
        AppsCloud.Run next = cloud.run(180, "animoto-next", "animoto", good.toString(), "--log", log.toString(),
                "-q", "--timeout", "2m");
        assertThat(next.exit()).as(next.said()).isZero();
        assertThat(get(urlLog(log).get("after")).statusCode()).isEqualTo(200);
    }

    @Test
    void animoto_ofAJobWithOneImageGone_failsItNamingTheImageUnlessAllowMissingLetsItBeLeftOut() throws Exception {
        Path jobs = Files.createDirectories(dir.resolve("holey"));
        String gone = imageBase.resolve("images/gone.jpg").toString();
        Files.write(jobs.resolve("holey.txt"), List.of(sampleUrl(7), gone, sampleUrl(8)));
        Path strictLog = dir.resolve("strict-urls.txt");
        Path lenientLog = dir.resolve("lenient-urls.txt");

        AppsCloud.Run strict = cloud.run(180, "animoto-strict", "animoto", jobs.toString(), "--log",
                strictLog.toString(), "-q", "--timeout", "2m");
        AppsCloud.Run lenient = cloud.run(180, "animoto-lenient", "animoto", jobs.toString(), "--log",
                lenientLog.toString(), "--allow-missing", "1", "-q", "--timeout", "2m");

        assertThat(strict.exit()).as(strict.said()).isEqualTo(1);
        assertThat(strict.stdout()).containsPattern("(?m)^holey +FAILED: .*image 2 of 3: HTTP 404 \\("
                + Pattern.quote(gone) + "\\)");
        assertThat(Files.readAllLines(strictLog)).isEmpty();
        assertThat(lenient.exit()).as(lenient.said()).isZero();
        assertThat(lenient.stdout()).containsPattern(
                "(?m)^holey +http\\S+ \\(1 of 3 images left out: image 2: HTTP 404\\)$");
        Path video = dir.resolve("holey.mp4");
        HttpResponse<Path> download = HTTP.send(HttpRequest.newBuilder(urlLog(lenientLog).get("holey")).build(),
                HttpResponse.BodyHandlers.ofFile(video));
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(VideoProbe.probe(video).frames()).isEqualTo(2);
    }

    @Test
    void animoto_ofAJobFileWithABadUrl_exitsTwoNamingFileAndLineAndSendsNothing() throws Exception {
        Path jobs = Files.createDirectories(dir.resolve("jobs"));
        Path job = jobs.resolve("typo.txt");
        Files.write(job, List.of("# one good line, one bad", sampleUrl(1), "ftp://127.0.0.1/images/2.jpg"));
        int ledger = cloud.ledgerEntries();

        AppsCloud.Run run = cloud.run(120, "animoto-typo", "animoto", jobs.toString(), "-q",
                "--log", dir.resolve("typo-urls.txt").toString());

        assertThat(run.stderr()).contains(job + ":3: 'ftp://127.0.0.1/images/2.jpg' must start with http://, https://"
                + " or s3://");
        assertThat(cloud.ledgerEntries()).as("tasks claimed").isEqualTo(ledger);
        assertThat(run.exit()).as("exit code of bad input; " + run.said()).isEqualTo(2);
    }

    @Test
    void animoto_withAMistypedExpiry_exitsTwoNamingTheOptionAndSendsNothing() throws Exception {
        Path jobs = Files.createDirectories(dir.resolve("jobs"));
        Files.write(jobs.resolve("expiry.txt"), List.of(sampleUrl(1)));
        int ledger = cloud.ledgerEntries();

        AppsCloud.Run run = cloud.run(180, "animoto-expiry-typo", "animoto", jobs.toString(), "--expiry", "10x",
                "-q", "--timeout", "2m", "--log", dir.resolve("expiry-urls.txt").toString());

        assertThat(run.exit()).as("exit code of bad input; " + run.said()).isEqualTo(2);
        assertThat(run.stderr()).contains("--expiry=10x: duration must be a whole number and a unit");
        assertThat(cloud.ledgerEntries()).as("tasks claimed").isEqualTo(ledger);
    }

    /** The URL of sample image {@code index} on the sample server. */
    private static String sampleUrl(int index) {
        return imageBase.resolve("images/" + index + ".jpg").toString();
    }

    /** The lines {@code NAME URL} of a URL log. */
    private static Map<String, URI> urlLog(Path log) throws Exception {
        Map<String, URI> urls = new LinkedHashMap<>();
        for (String line : Files.readAllLines(log)) {
            String[] parts = line.split(" ", 2);
            urls.put(parts[0], URI.create(parts[1].strip()));
        }
        return urls;
    }

    private static HttpResponse<String> get(URI url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** When a presigned URL stops being valid: its X-Amz-Date plus X-Amz-Expires seconds. */
    private static Instant expiryOf(URI url) {
        Matcher date = Pattern.compile("X-Amz-Date=(\\d{8}T\\d{6}Z)").matcher(url.getRawQuery());
        Matcher expires = Pattern.compile("X-Amz-Expires=(\\d+)").matcher(url.getRawQuery());
        assertThat(date.find() && expires.find()).as(url.toString()).isTrue();
        Instant signed = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC)
                .parse(date.group(1), Instant::from);
        return signed.plusSeconds(Long.parseLong(expires.group(1)));
    }

    /** Mean absolute difference of two images' samples, 0 (same) to 255. */
    private static double meanAbsoluteDifference(BufferedImage a, BufferedImage b) {
        assertThat(a.getWidth()).isEqualTo(b.getWidth());
        assertThat(a.getHeight()).isEqualTo(b.getHeight());
        long sum = 0;
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                int p = a.getRGB(x, y);
                int q = b.getRGB(x, y);
                sum += Math.abs((p >> 16 & 255) - (q >> 16 & 255)) + Math.abs((p >> 8 & 255) - (q >> 8 & 255))
                        + Math.abs((p & 255) - (q & 255));
            }
        }
        return sum / (3.0 * a.getWidth() * a.getHeight());
    }
}
