package dev.kon.cli;

import dev.kon.aws.queue.SqsQueueService;
import dev.kon.web.KonWeb;
import dev.kon.web.WebCloud;
import dev.kon.web.WebConfig;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code kon web}: the dashboard, CloudCal, CloudPic, Animoto and submit pages, and their JSON API. */
@Command(name = "web", mixinStandardHelpOptions = true,
        description = {"Serve Kon's web pages and JSON API: a live dashboard of queues, workers and runs; CloudCal, "
                + "CloudPic and Animoto in the browser; submitting workloads. Ctrl-C stops it.",
            "It binds 127.0.0.1 unless --bind names another address, which needs an access token (--token, or one "
                    + "generated and printed in the URL)."})
final class WebCommand implements Callable<Integer> {
    @Option(names = "--port", paramLabel = "PORT", defaultValue = "8080",
            description = "Port to serve on (default: ${DEFAULT-VALUE}; 0 for any free port).")
    int port;

    @Option(names = "--bind", paramLabel = "ADDRESS", defaultValue = WebConfig.DEFAULT_HOST,
            description = "Address to bind (default: ${DEFAULT-VALUE}); another needs an access token.")
    String bind;

    @Option(names = "--token", paramLabel = "TOKEN",
            description = "Access token every request must carry (at least 16 characters; default: generated when "
                    + "--bind is not loopback, none on loopback).")
    String token;

    @Option(names = "--max-upload", paramLabel = "MB", defaultValue = "100",
            description = "Largest workload file accepted, in MB (default: ${DEFAULT-VALUE}); images: 25 MB.")
    long maxUploadMb;

    @Mixin
    CloudOptions cloud = new CloudOptions();

    @Override
    public Integer call() throws InterruptedException {
        if (maxUploadMb < 1) {
            throw new IllegalArgumentException("--max-upload must be at least 1 MB, was " + maxUploadMb);
        }
        String access = token != null || WebConfig.isLoopback(bind) ? token : generatedToken();
        WebConfig config = WebConfig.defaults().withPort(port).withHostAndToken(bind, access)
                .withMaxWorkloadBytes(maxUploadMb * 1000 * 1000);
        try (CloudContext ctx = CloudContext.open(cloud);
                KonWeb web = KonWeb.start(config, webCloud(ctx))) {
            System.out.println("kon web: serving " + web.url());
            System.out.println("  queue " + ctx.names.taskQueue() + ", table " + ctx.names.ledgerTable() + ", bucket "
                    + ctx.names.bucket() + "; Ctrl-C stops");
            System.out.flush();
            CountDownLatch stop = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
            stop.await();
        }
        return ExitCodes.OK;
    }

    /** What the server reads, on the command's cloud. */
    static WebCloud webCloud(CloudContext ctx) {
        SqsQueueService queues = new SqsQueueService(ctx.clients.sqs());
        return new WebCloud(ctx.backend, ctx.names.taskQueue(), ctx.names.deadLetterQueue(),
                queues::namesStartingWith, Clock.systemUTC());
    }

    private static String generatedToken() {
        byte[] b = new byte[18];
        new SecureRandom().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
