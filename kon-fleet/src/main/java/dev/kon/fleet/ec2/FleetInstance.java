package dev.kon.fleet.ec2;

import java.time.Instant;

/**
 * One instance of a fleet as DescribeInstances shows it.
 *
 * @param id       the instance id
 * @param state    pending, running, shutting-down, stopping, stopped or terminated
 * @param type     the instance type
 * @param launched its launch time
 * @param queue    the queue it serves (its {@value Ec2Fleet#QUEUE_TAG} tag)
 * @param address  its private IP address, or "" before it has one
 * @param spot     whether it is a Spot instance
 */
public record FleetInstance(String id, String state, String type, Instant launched, String queue, String address,
        boolean spot) {
}
