package dev.kon.cli;

import dev.kon.aws.AwsClients;
import dev.kon.aws.CloudProvisioner;
import dev.kon.aws.CloudNames;
import dev.kon.aws.CloudStatus;
import dev.kon.aws.blob.S3BlobStore;
import dev.kon.aws.blob.S3Buckets;
import dev.kon.localcloud.LocalCloud;
import dev.kon.localcloud.LocalCloudConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;
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
        @Option(names = "--sqs-port", paramLabel = "PORT", defaultValue = "" + LocalCloudConfig.DEFAULT_SQS_PORT,
                description = "SQS port (default: ${DEFAULT-VALUE}; 0 = any free port).")
        int sqsPort;

        @Option(names = "--dynamodb-port", paramLabel = "PORT",
                defaultValue = "" + LocalCloudConfig.DEFAULT_DYNAMODB_PORT,
                description = "DynamoDB port (default: ${DEFAULT-VALUE}; 0 = any free port).")
        int dynamoDbPort;

        @Option(names = "--s3-port", paramLabel = "PORT", defaultValue = "" + LocalCloudConfig.DEFAULT_S3_PORT,
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
            List<String> exports = exportLines(cloud);
            exports.forEach(System.out::println);
            writeEnvFile(exports);
            if (provision) {
                try (AwsClients clients = AwsClients.create(LocalClouds.settings(cloud))) {
                    new CloudProvisioner(clients, CloudNames.defaults()).provision();
                }
                System.out.println("\nprovisioned the default queues, table and bucket");
            }
            System.out.println("\nCtrl-C stops it.");
            System.out.flush();
            stopped.await();
            return ExitCodes.OK;
        }

        /** The cloud's export lines, and AWS_DEFAULT_REGION: the aws CLI v1 reads that, not AWS_REGION. */
        static List<String> exportLines(LocalCloud cloud) {
            List<String> lines = new ArrayList<>(cloud.exportLines());
            lines.add("export AWS_DEFAULT_REGION=" + cloud.region());
            return lines;
        }

        private static void writeEnvFile(List<String> exports) {
            try {
                Path env = Path.of(".kon", "cloud.env");
                Files.createDirectories(env.getParent());
                Files.write(env, exports);
            } catch (IOException e) {
                System.err.println("kon: could not write .kon/cloud.env: " + e.getMessage());
            }
        }
    }

    @Command(name = "provision", mixinStandardHelpOptions = true,
            description = "Create the task queue with its dead-letter queue, the ledger, runs and workers tables "
                    + "and the bucket. Safe to repeat.")
    static final class Provision implements Callable<Integer> {
        @Mixin
        CloudOptions cloud = new CloudOptions();

        @Option(names = "--fleet", description = "Also create the IAM role and instance profile EC2 workers run as "
                + "('kon fleet launch'): this queue, table and bucket only.")
        boolean fleet;

        @Override
        public Integer call() {
            try (AwsClients clients = cloud.clients()) {
                CloudStatus s = new CloudProvisioner(clients, cloud.names()).provision();
                System.out.println("provisioned on " + clients.settings().where());
                Status.print(s);
                if (fleet) {
                    FleetRole.provision(cloud, clients.settings());
                }
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "Show what exists and how many messages wait, run, or were dead-lettered.")
    static final class Status implements Callable<Integer> {
        @Mixin
        CloudOptions cloud = new CloudOptions();

        @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "text",
                description = "text (default) or json (fields in the README).")
        OutputFormat output;

        @Override
        public Integer call() {
            try (AwsClients clients = cloud.clients()) {
                CloudStatus s = new CloudProvisioner(clients, cloud.names()).status();
                if (output == OutputFormat.json) {
                    System.out.println(CloudStatusJson.of(s));
                } else {
                    print(s);
                }
                return s.ready() ? ExitCodes.OK : ExitCodes.BACKEND;
            }
        }

        static void print(CloudStatus s) {
            queue(s.taskQueue());
            if (s.priorityQueue().exists()) {
                queue(s.priorityQueue());
            } else {
                System.out.printf("  queue  %-22s missing (requests then wait behind bulk runs on the task queue; "
                        + "'kon cloud provision' adds it)%n", s.priorityQueue().name());
            }
            queue(s.deadLetterQueue());
            System.out.printf("  table  %-22s %s%n", s.ledgerTable().name(), s.ledgerTable().exists() ? "ok" : "missing");
            System.out.printf("  table  %-22s %s (runs)%n", s.runsTable().name(),
                    s.runsTable().exists() ? "ok" : "missing");
            System.out.printf("  table  %-22s %s (workers)%n", s.workersTable().name(),
                    s.workersTable().exists() ? "ok" : "missing");
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
            description = {"Delete the queues (and every run's reply queue), the table and the bucket. Safe to repeat.",
                "A bucket that holds objects (task data, run records, results) is deleted only when you say so: "
                        + "kon asks on a terminal; elsewhere it needs --yes."})
    static final class Teardown implements Callable<Integer> {
        /** Objects counted before asking; a bucket with more is said to hold "1,000 or more". */
        static final int COUNT_LIMIT = 1000;

        @Mixin
        CloudOptions cloud = new CloudOptions();

        @Option(names = {"-y", "--yes"}, description = "Delete a bucket that holds objects without asking.")
        boolean yes;

        /** Asks a question on the terminal and answers the reply, or null when there is no terminal. */
        Function<String, String> terminal = Confirmation.TERMINAL;

        @Override
        public Integer call() {
            CloudNames names = cloud.names();
            try (AwsClients clients = cloud.clients()) {
                int objects = objectsIn(clients, names.bucket());
                if (objects > 0 && !yes && !confirmed(names.bucket(), objects, terminal, System.err)) {
                    return ExitCodes.BAD_INPUT;
                }
                new CloudProvisioner(clients, names).teardown();
                System.out.println("deleted Kon's queues, table and bucket on " + clients.settings().where());
            }
            return ExitCodes.OK;
        }

        /**
         * Asks on {@code terminal} whether to delete a bucket holding {@code objects}; says on {@code err} why not
         * when the answer is not yes, or there is no terminal to ask on.
         */
        static boolean confirmed(String bucket, int objects, Function<String, String> terminal, PrintStream err) {
            String holds = "bucket '" + bucket + "' holds " + (objects > COUNT_LIMIT
                    ? String.format("more than %,d", COUNT_LIMIT) : String.format("%,d", objects))
                    + " object" + (objects == 1 ? "" : "s");
            return Confirmation.ask(holds + "; delete them, with the queues, table and bucket? [y/N] ",
                    "kon: " + holds + "; nothing deleted: give --yes to delete it (there is no terminal to ask on)",
                    terminal, err);
        }

        /** Objects in the bucket, counted up to one more than {@link #COUNT_LIMIT}; 0 when there is no bucket. */
        private static int objectsIn(AwsClients clients, String bucket) {
            if (!S3Buckets.exists(clients.s3(), bucket)) {
                return 0;
            }
            return new S3BlobStore(clients.s3(), clients.s3Presigner(), bucket).list("", COUNT_LIMIT + 1).size();
        }
    }
}
