package dev.kon.fleet.ec2;

import dev.kon.KonException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceInterruptionBehavior;
import software.amazon.awssdk.services.ec2.model.MarketType;
import software.amazon.awssdk.services.ec2.model.Reservation;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.RunInstancesRequest;
import software.amazon.awssdk.services.ec2.model.ShutdownBehavior;
import software.amazon.awssdk.services.ec2.model.SpotInstanceType;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

/**
 * A fleet's instances on EC2: launched with RunInstances (idempotent through its client token), found with
 * DescribeInstances by the {@value #FLEET_TAG} tag, ended with TerminateInstances. Terminating shuts the instance's
 * operating system down, which stops the {@code kon-worker} service with SIGTERM: the worker finishes the bundles in
 * hand (its unit allows it {@link UserData#STOP_TIMEOUT_SECONDS} s); whatever a shutdown cuts short comes back to the
 * queue after its lease.
 *
 * <p>With {@code dryRun} every call is sent with EC2's own DryRun flag: EC2 checks permissions and parameters and
 * answers DryRunOperation instead of acting, which is reported as {@link DryRunPassed}.
 *
 * <p>Errors: EC2's error codes become {@link KonException}s that say what to do
 * ({@code InsufficientInstanceCapacity}, {@code UnauthorizedOperation}, ...); throttling
 * ({@code RequestLimitExceeded}) is retried by the SDK with backoff first.
 *
 * <p>Thread-safety: safe for concurrent use, as the SDK client is.
 */
public final class Ec2Fleet {
    public static final String FLEET_TAG = "kon:fleet";
    public static final String QUEUE_TAG = "kon:queue";
    static final List<String> LIVE_STATES = List.of("pending", "running", "shutting-down", "stopping", "stopped");

    private final Ec2Client ec2;
    private final Supplier<String> image;
    private final Supplier<URI> artifact;
    private final boolean dryRun;

    /** Thrown when a DryRun request would have succeeded. */
    public static final class DryRunPassed extends KonException {
        public DryRunPassed(String action) {
            super("dry run: " + action + " would have succeeded (EC2 answered DryRunOperation)");
        }
    }

    /**
     * @param image    the AMI to launch when the spec names none (asked for only then)
     * @param artifact the presigned URL of the worker artifact (asked for at each launch, so it is fresh)
     */
    public Ec2Fleet(Ec2Client ec2, Supplier<String> image, Supplier<URI> artifact, boolean dryRun) {
        this.ec2 = Objects.requireNonNull(ec2, "ec2");
        this.image = image;
        this.artifact = artifact;
        this.dryRun = dryRun;
    }

    /**
     * Starts {@code count} instances of {@code spec}. A request sent again with the same {@code clientToken} (a
     * retry after a lost answer) starts nothing more: EC2 answers with the instances of the first.
     *
     * @return the new instances' ids
     */
    public List<String> launch(FleetSpec spec, int count, String clientToken) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be >= 1, was " + count);
        }
        String ami = spec.image() != null ? spec.image() : image.get();
        URI url = dryRun ? URI.create("https://example.invalid/dry-run") : artifact.get();
        String script = UserData.script(url, spec);
        List<Tag> tags = List.of(tag("Name", "kon-worker-" + spec.fleet()), tag(FLEET_TAG, spec.fleet()),
                tag(QUEUE_TAG, spec.queue()));
        RunInstancesRequest.Builder b = RunInstancesRequest.builder().imageId(ami).instanceType(spec.instanceType())
                .minCount(count).maxCount(count).clientToken(clientToken).dryRun(dryRun)
                .iamInstanceProfile(p -> p.name(spec.instanceProfile()))
                .instanceInitiatedShutdownBehavior(ShutdownBehavior.TERMINATE)
                .userData(Base64.getEncoder().encodeToString(script.getBytes(StandardCharsets.UTF_8)))
                .tagSpecifications(TagSpecification.builder().resourceType(ResourceType.INSTANCE).tags(tags).build(),
                        TagSpecification.builder().resourceType(ResourceType.VOLUME).tags(tags).build());
        if (spec.subnet() != null) {
            b.subnetId(spec.subnet());
        }
        if (spec.spot()) {
            b.instanceMarketOptions(m -> m.marketType(MarketType.SPOT).spotOptions(
                    s -> s.spotInstanceType(SpotInstanceType.ONE_TIME)
                            .instanceInterruptionBehavior(InstanceInterruptionBehavior.TERMINATE)));
        }
        try {
            return ec2.runInstances(b.build()).instances().stream().map(Instance::instanceId).toList();
        } catch (Ec2Exception e) {
            throw Ec2Errors.explain("RunInstances", e, spec);
        }
    }

    /** The fleet's instances that are not terminated, oldest first. */
    public List<FleetInstance> list(String fleet) {
        List<FleetInstance> all = new ArrayList<>();
        try {
            for (var page : ec2.describeInstancesPaginator(r -> r.dryRun(dryRun).filters(
                    Filter.builder().name("tag:" + FLEET_TAG).values(fleet).build(),
                    Filter.builder().name("instance-state-name").values(LIVE_STATES).build()))) {
                for (Reservation res : page.reservations()) {
                    for (Instance i : res.instances()) {
                        all.add(new FleetInstance(i.instanceId(), i.state().nameAsString(), i.instanceTypeAsString(),
                                i.launchTime(), tagValue(i, QUEUE_TAG),
                                i.privateIpAddress() == null ? "" : i.privateIpAddress(),
                                i.instanceLifecycleAsString() != null && i.instanceLifecycleAsString().equals("spot")));
                    }
                }
            }
        } catch (Ec2Exception e) {
            throw Ec2Errors.explain("DescribeInstances", e, null);
        }
        all.sort(java.util.Comparator.comparing(FleetInstance::launched));
        return all;
    }

    /** Terminates the instances; answers their ids with the state each moved to. */
    public List<String> terminate(List<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        try {
            return ec2.terminateInstances(r -> r.instanceIds(ids).dryRun(dryRun)).terminatingInstances().stream()
                    .map(c -> c.instanceId() + " " + c.currentState().nameAsString()).toList();
        } catch (Ec2Exception e) {
            throw Ec2Errors.explain("TerminateInstances", e, null);
        }
    }

    private static Tag tag(String key, String value) {
        return Tag.builder().key(key).value(value).build();
    }

    private static String tagValue(Instance i, String key) {
        return i.tags().stream().filter(t -> t.key().equals(key)).map(Tag::value).findFirst().orElse("");
    }
}
