package dev.kon.fleet.ec2;

import java.util.Objects;

/**
 * What instances of a fleet look like. Immutable; start from {@link #defaults(String, String, String, String)}.
 *
 * @param fleet           the fleet's name, tagged on every instance as {@value Ec2Fleet#FLEET_TAG}
 * @param queue           the task queue the workers serve (tagged as {@value Ec2Fleet#QUEUE_TAG})
 * @param table           the ledger table
 * @param bucket          the bucket, which also holds the worker artifact
 * @param region          the region the workers' clients use
 * @param instanceType    default {@value #DEFAULT_INSTANCE_TYPE}
 * @param image           an AMI id, or null for the default image ({@link DefaultImage})
 * @param threads         task threads per worker
 * @param spot            one-time Spot instances instead of On-Demand
 * @param instanceProfile the instance profile's name ({@code kon cloud provision --fleet} creates it)
 * @param subnet          a subnet id, or null for the default VPC's choice
 */
public record FleetSpec(String fleet, String queue, String table, String bucket, String region,
        String instanceType, String image, int threads, boolean spot, String instanceProfile, String subnet) {
    public static final String DEFAULT_INSTANCE_TYPE = "t2.micro";
    public static final String DEFAULT_FLEET = "kon";

    public FleetSpec {
        Objects.requireNonNull(fleet, "fleet");
        Objects.requireNonNull(queue, "queue");
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(instanceType, "instanceType");
        Objects.requireNonNull(instanceProfile, "instanceProfile");
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, was " + threads);
        }
        if (!fleet.matches("[A-Za-z0-9._-]{1,64}")) {
            throw new IllegalArgumentException("fleet must be 1-64 letters, digits, '.', '_' or '-'");
        }
    }

    /** Fleet {@value #DEFAULT_FLEET}, {@value #DEFAULT_INSTANCE_TYPE}, default image, one thread, On-Demand. */
    public static FleetSpec defaults(String queue, String table, String bucket, String region) {
        return new FleetSpec(DEFAULT_FLEET, queue, table, bucket, region, DEFAULT_INSTANCE_TYPE, null, 1, false,
                FleetIam.profileName(queue), null);
    }

    public FleetSpec withFleet(String name) {
        return new FleetSpec(name, queue, table, bucket, region, instanceType, image, threads, spot, instanceProfile,
                subnet);
    }

    public FleetSpec withInstanceType(String type) {
        return new FleetSpec(fleet, queue, table, bucket, region, type, image, threads, spot, instanceProfile, subnet);
    }

    public FleetSpec withImage(String ami) {
        return new FleetSpec(fleet, queue, table, bucket, region, instanceType, ami, threads, spot, instanceProfile,
                subnet);
    }

    public FleetSpec withThreads(int n) {
        return new FleetSpec(fleet, queue, table, bucket, region, instanceType, image, n, spot, instanceProfile,
                subnet);
    }

    public FleetSpec withSpot(boolean s) {
        return new FleetSpec(fleet, queue, table, bucket, region, instanceType, image, threads, s, instanceProfile,
                subnet);
    }

    public FleetSpec withSubnet(String id) {
        return new FleetSpec(fleet, queue, table, bucket, region, instanceType, image, threads, spot, instanceProfile,
                id);
    }
}
