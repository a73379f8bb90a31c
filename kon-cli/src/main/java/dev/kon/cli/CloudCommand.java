package dev.kon.cli;

import dev.kon.aws.AwsClients;
import dev.kon.aws.CloudProvisioner;
import dev.kon.aws.CloudStatus;
import dev.kon.localcloud.LocalCloud;
import dev.kon.localcloud.LocalCloudConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code kon cloud}: the local cloud and the cloud resources (the seed's LaunchAWSServices). */
@Command(name = "cloud", mixinStandardHelpOptions = true,
        description = "Start a local cloud, and create, inspect or delete Kon's queues, table and bucket.",
        subcommands = {CloudCommand.Start.class, CloudCommand.Provision.class, CloudCommand.Status.class,
            CloudCommand.Teardown.class})
final class CloudCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "start", mixinStandardHelpOptions = true,
            description = {"Run SQS (ElasticMQ), DynamoDB (DynamoDB Local) and S3 (s3proxy) on 127.0.0.1 until "
                    + "Ctrl-C.", "Prints the export lines that point kon and the aws CLI at it, and writes them to "
                    + ".kon/cloud.env too ('source .kon/cloud.env' in other terminals)."})
    static final class Start implements Callable<Integer> {
        @Option(names = "--sqs-port", defaultValue = "" + LocalCloudConfig.DEFAULT_SQS_PORT,
                description = "SQS port (default: ${DEFAULT-VALUE}; 0 = any free port).")
        int sqsPort;

        @Option(names = "--dynamodb-port", defaultValue = "" + LocalCloudConfig.DEFAULT_DYNAMODB_PORT,
                description = "DynamoDB port (default: ${DEFAULT-VALUE}; 0 = any free port).")
        int dynamoDbPort;

        @Option(names = "--s3-port", defaultValue = "" + LocalCloudConfig.DEFAULT_S3_PORT,
                description = "S3 port (default: ${DEFAULT-VALUE}; 0 = any free port).")
        int s3Port;

        @Option(names = "--s3-dir", paramLabel = "DIR",
                description = "Keep S3 objects in this folder (default: in memory, gone at exit).")
        Path s3Dir;

        @Option(names = "--provision", description = "Also create the default queues, table and bucket.")
        boolean provision;

        @Override
        public Integer call() throws Exception {
            LocalCloudConfig cfg = LocalCloudConfig.defaults().withSqsPort(sqsPort).withDynamoDbPort(dynamoDbPort)
                    .withS3Port(s3Port);
            if (s3Dir != null) {
                cfg = cfg.withS3DataDir(s3Dir.toAbsolutePath());
            }
            LocalCloud cloud = LocalCloud.start(cfg);
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                cloud.close();
                System.err.println("local cloud stopped");
                stopped.countDown();
            }, "kon-cloud-stop"));
            System.out.printf("local cloud up in %.1f s:%n", cloud.startTime().toMillis() / 1000.0);
            System.out.println("  SQS       " + cloud.endpoints().sqs());
            System.out.println("  DynamoDB  " + cloud.endpoints().dynamodb());
            System.out.println("  S3        " + cloud.endpoints().s3());
            System.out.println();
            cloud.exportLines().forEach(System.out::println);
            writeEnvFile(cloud);
            if (provision) {
                CloudOptions options = new CloudOptions();
                options.queue = dev.kon.aws.CloudNames.DEFAULT_TASK_QUEUE;
                options.table = dev.kon.aws.CloudNames.DEFAULT_LEDGER_TABLE;
                options.bucket = dev.kon.aws.CloudNames.DEFAULT_BUCKET;
                try (AwsClients clients = AwsClients.create(LocalClouds.settings(cloud))) {
                    new CloudProvisioner(clients, options.names()).provision();
                }
                System.out.println("\nprovisioned the default queues, table and bucket");
            }
            System.out.println("\nCtrl-C stops it.");
            System.out.flush();
            stopped.await();
            return ExitCodes.OK;
        }

        private static void writeEnvFile(LocalCloud cloud) {
            try {
                Path env = Path.of(".kon", "cloud.env");
                Files.createDirectories(env.getParent());
                Files.write(env, cloud.exportLines());
            } catch (IOException e) {
                System.err.println("kon: could not write .kon/cloud.env: " + e.getMessage());
            }
        }
    }

    @Command(name = "provision", mixinStandardHelpOptions = true,
            description = "Create the task queue with its dead-letter queue, the ledger table and the bucket. "
                    + "Safe to repeat.")
    static final class Provision implements Callable<Integer> {
        @Mixin
        CloudOptions cloud = new CloudOptions();

        @Override
        public Integer call() {
            try (AwsClients clients = cloud.clients()) {
                CloudStatus s = new CloudProvisioner(clients, cloud.names()).provision();
                System.out.println("provisioned on " + clients.settings().where());
                Status.print(s);
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "Show what exists and how many messages wait, run, or were dead-lettered.")
    static final class Status implements Callable<Integer> {
        @Mixin
        CloudOptions cloud = new CloudOptions();

        @Override
        public Integer call() {
            try (AwsClients clients = cloud.clients()) {
                CloudStatus s = new CloudProvisioner(clients, cloud.names()).status();
                print(s);
                return s.ready() ? ExitCodes.OK : ExitCodes.BACKEND;
            }
        }

        static void print(CloudStatus s) {
            queue(s.taskQueue());
            queue(s.deadLetterQueue());
            System.out.printf("  table  %-22s %s%n", s.ledgerTable().name(), s.ledgerTable().exists() ? "ok" : "missing");
            System.out.printf("  bucket %-22s %s%n", s.bucket().name(), s.bucket().exists() ? "ok" : "missing");
            System.out.printf("  runs   %d reply queue(s) open%n", s.responseQueues().size());
            if (!s.ready()) {
                System.out.println("missing: " + String.join(", ", s.missing()) + "; run 'kon cloud provision'");
            }
        }

        private static void queue(CloudStatus.QueueStatus q) {
            if (q.exists()) {
                System.out.printf("  queue  %-22s %,d waiting, %,d in flight%n", q.name(), q.depth().visible(),
                        q.depth().inFlight());
            } else {
                System.out.printf("  queue  %-22s missing%n", q.name());
            }
        }
    }

    @Command(name = "teardown", mixinStandardHelpOptions = true,
            description = "Delete the queues (and every run's reply queue), the table and the bucket. Safe to repeat.")
    static final class Teardown implements Callable<Integer> {
        @Mixin
        CloudOptions cloud = new CloudOptions();

        @Override
        public Integer call() {
            try (AwsClients clients = cloud.clients()) {
                new CloudProvisioner(clients, cloud.names()).teardown();
                System.out.println("deleted Kon's queues, table and bucket on " + clients.settings().where());
            }
            return ExitCodes.OK;
        }
    }
}
