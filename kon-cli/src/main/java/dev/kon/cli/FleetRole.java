package dev.kon.cli;

import dev.kon.aws.AwsSettings;
import dev.kon.aws.CloudNames;
import dev.kon.fleet.ec2.FleetClients;
import dev.kon.fleet.ec2.FleetIam;

/** {@code kon cloud provision --fleet}: the role and instance profile of the fleet's instances. */
final class FleetRole {
    private FleetRole() {
    }

    static void provision(CloudOptions cloud, AwsSettings settings) {
        CloudNames names = cloud.names();
        String region = settings.region();
        String partition = region.startsWith("cn-") ? "aws-cn" : region.startsWith("us-gov-") ? "aws-us-gov" : "aws";
        try (FleetClients fc = new FleetClients(settings, null)) {
            FleetIam.Scope scope = new FleetIam.Scope(partition, region, fc.account(), names.taskQueue(),
                    names.deadLetterQueue(), names.ledgerTable(), names.bucket());
            String profile = new FleetIam(fc.iam()).provision(scope);
            System.out.println("fleet role and instance profile " + profile + ": queue " + names.taskQueue() + " (and "
                    + names.deadLetterQueue() + ", kon-resp-*), tables " + names.ledgerTable() + " and "
                    + names.ledgerTable() + "-*, objects of bucket " + names.bucket());
        }
    }
}
