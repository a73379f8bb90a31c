package dev.kon.cli;

import dev.kon.fleet.ec2.Ec2Fleet;
import dev.kon.fleet.ec2.FleetClients;
import dev.kon.fleet.ec2.FleetInstance;
import dev.kon.fleet.ec2.FleetSpec;
import dev.kon.workers.WorkerRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code kon fleet}: workers as EC2 instances. */
@Command(name = "fleet", mixinStandardHelpOptions = true,
        description = "Workers as EC2 instances: launch, list, terminate. Instances run 'kon worker' as a systemd "
                + "service under the role 'kon cloud provision --fleet' creates.",
        subcommands = {FleetCommand.Launch.class, FleetCommand.ListInstances.class, FleetCommand.Terminate.class})
final class FleetCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "launch", mixinStandardHelpOptions = true,
            description = "Put the worker artifact in the bucket and start COUNT instances running 'kon worker' on "
                    + "this queue, table and bucket.")
    static final class Launch implements Callable<Integer> {
        @Mixin
        CloudOptions cloud = new CloudOptions();

        @Mixin
        FleetOptions fleet = new FleetOptions();

        @Option(names = "--count", paramLabel = "N", required = true, description = "Instances to start.")
        int count;

        @Option(names = {"-t", "--threads"}, paramLabel = "N", defaultValue = "1",
                description = "Task threads per worker (default: ${DEFAULT-VALUE}).")
        int threads;

        @Option(names = "--client-token", paramLabel = "TOKEN",
                description = "RunInstances client token: the same token again starts nothing more (default: a new "
                        + "one each time).")
        String clientToken;

        @Option(names = "--dry-run", description = "Send the request with EC2's DryRun flag: checks permissions and "
                + "parameters, starts nothing.")
        boolean dryRun;

        @Override
        public Integer call() {
            if (count < 1) {
                throw new IllegalArgumentException("--count must be >= 1, was " + count);
            }
            try (CloudContext ctx = CloudContext.open(cloud); FleetClients fc = fleet.clients(cloud)) {
                FleetSpec s = fleet.spec(cloud, ctx.clients.settings().region(), threads);
                Ec2Fleet f = fleet.fleet(fc, ctx.clients, cloud.bucket, dryRun);
                String token = clientToken != null ? clientToken : "kon-" + UUID.randomUUID();
                try {
                    List<String> ids = f.launch(s, count, token);
                    System.out.println("launched " + ids.size() + " " + s.instanceType() + " instance(s) in fleet "
                            + s.fleet() + " on queue " + s.queue() + " (client token " + token + "):");
                    ids.forEach(id -> System.out.println("  " + id));
                } catch (Ec2Fleet.DryRunPassed ok) {
                    System.out.println(ok.getMessage());
                }
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "The fleet's instances that are not terminated, with the worker each runs when the worker "
                    + "registry knows it.")
    static final class ListInstances implements Callable<Integer> {
        @Mixin
        CloudOptions cloud = new CloudOptions();

        @Mixin
        FleetOptions fleet = new FleetOptions();

        @Override
        public Integer call() {
            try (CloudContext ctx = CloudContext.open(cloud); FleetClients fc = fleet.clients(cloud)) {
                List<FleetInstance> instances = fleet.fleet(fc, ctx.clients, cloud.bucket, false).list(fleet.fleet);
                List<WorkerRecord> workers = workers(ctx);
                System.out.printf("%-20s %-14s %-10s %-21s %-15s %s%n", "INSTANCE", "STATE", "TYPE", "LAUNCHED",
                        "ADDRESS", "WORKER");
                Instant now = Instant.now();
                for (FleetInstance i : instances) {
                    String worker = workerOf(i, workers).map(w -> w.workerId() + " " + (w.liveAt(now)
                            ? w.status().name().toLowerCase(java.util.Locale.ROOT) : "lost") + ", "
                            + w.tasksDone() + " tasks").orElse("-");
                    System.out.printf("%-20s %-14s %-10s %-21s %-15s %s%n", i.id(), i.state() + (i.spot() ? " spot"
                            : ""), i.type(), i.launched(), i.address(), worker);
                }
                System.out.println(instances.size() + " instance(s) in fleet " + fleet.fleet);
            }
            return ExitCodes.OK;
        }

        /** The registry's records, or none when it cannot be read: the instances are still worth listing. */
        private static List<WorkerRecord> workers(CloudContext ctx) {
            try {
                return ctx.backend.workers().all();
            } catch (RuntimeException e) {
                System.err.println("kon: the worker registry cannot be read (" + e.getMessage() + "); listing "
                        + "instances only");
                return List.of();
            }
        }

        /** An EC2 host is named after its private address: ip-10-0-0-5(.region.compute.internal). */
        private static Optional<WorkerRecord> workerOf(FleetInstance i, List<WorkerRecord> workers) {
            if (i.address().isEmpty()) {
                return Optional.empty();
            }
            String host = "ip-" + i.address().replace('.', '-');
            return workers.stream().filter(w -> w.host().equals(host) || w.host().startsWith(host + "."))
                    .max(java.util.Comparator.comparing(WorkerRecord::lastSeen));
        }
    }

    @Command(name = "terminate", mixinStandardHelpOptions = true,
            description = "Terminate instances of the fleet: each worker gets SIGTERM as its instance shuts down and "
                    + "finishes the bundles in hand. Only instances of the fleet are terminated.")
    static final class Terminate implements Callable<Integer> {
        @Mixin
        CloudOptions cloud = new CloudOptions();

        @Mixin
        FleetOptions fleet = new FleetOptions();

        @Option(names = "--all", description = "Every instance of the fleet.")
        boolean all;

        @Option(names = "--dry-run", description = "Send the request with EC2's DryRun flag.")
        boolean dryRun;

        @Parameters(paramLabel = "ID", arity = "0..*", description = "Instance ids.")
        List<String> ids = new ArrayList<>();

        @Override
        public Integer call() {
            if (all == !ids.isEmpty()) {
                throw new IllegalArgumentException("give --all or instance ids, not both and not neither");
            }
            try (CloudContext ctx = CloudContext.open(cloud); FleetClients fc = fleet.clients(cloud)) {
                Ec2Fleet listing = fleet.fleet(fc, ctx.clients, cloud.bucket, false);
                Set<String> members = listing.list(fleet.fleet).stream().map(FleetInstance::id)
                        .collect(Collectors.toSet());
                List<String> others = ids.stream().filter(id -> !members.contains(id)).toList();
                if (!others.isEmpty()) {
                    throw new IllegalArgumentException("not instances of fleet " + fleet.fleet + " (or terminated "
                            + "already): " + dev.kon.task.UserText.excerpt(String.join(" ", others)));
                }
                List<String> chosen = all ? List.copyOf(members) : ids;
                if (chosen.isEmpty()) {
                    System.out.println("fleet " + fleet.fleet + " has no instances");
                    return ExitCodes.OK;
                }
                try {
                    fleet.fleet(fc, ctx.clients, cloud.bucket, dryRun).terminate(chosen)
                            .forEach(line -> System.out.println("  " + line));
                    System.out.println("terminating " + chosen.size() + " instance(s) of fleet " + fleet.fleet);
                } catch (Ec2Fleet.DryRunPassed ok) {
                    System.out.println(ok.getMessage());
                }
            }
            return ExitCodes.OK;
        }
    }
}
