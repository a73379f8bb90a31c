package dev.kon.bench;

import dev.kon.aws.AwsSettings;
import dev.kon.aws.CloudNames;
import java.util.Objects;

/**
 * Where cloud mode runs. Immutable; make one with {@link #localCloud} or {@link #external}.
 *
 * <p>Local cloud: the benchmark starts ElasticMQ, DynamoDB Local and s3proxy on 127.0.0.1 (free ports), provisions
 * a queue per cell and a table and bucket with unique names, starts one worker process per worker for each cell,
 * and tears everything down at the end.
 *
 * <p>External: existing resources (real AWS, or any endpoint) with workers someone else runs; the benchmark starts
 * no workers and provisions nothing, so every cell has {@code externalWorkers} workers.
 *
 * @param external        where the services are, or null for a local cloud
 * @param names           the existing queue, table and bucket (external only, else null)
 * @param externalWorkers workers already polling {@code names.taskQueue()} (external only, else 0)
 * @param launch          how to start worker processes (local cloud only, else null)
 */
public record CloudTarget(AwsSettings external, CloudNames names, int externalWorkers, WorkerLaunch launch) {
    public CloudTarget {
        if (external != null) {
            Objects.requireNonNull(names, "names");
            if (externalWorkers < 1) {
                throw new IllegalArgumentException("externalWorkers must be >= 1 with external services, was "
                        + externalWorkers);
            }
        } else {
            Objects.requireNonNull(launch, "launch");
            if (externalWorkers != 0 || names != null) {
                throw new IllegalArgumentException("externalWorkers and names are for external services only");
            }
        }
    }

    /** A local cloud started by the benchmark, with workers started as {@code launch} says. */
    public static CloudTarget localCloud(WorkerLaunch launch) {
        return new CloudTarget(null, null, 0, launch);
    }

    /** Existing services and {@code workers} workers already polling {@code names.taskQueue()}. */
    public static CloudTarget external(AwsSettings settings, CloudNames names, int workers) {
        return new CloudTarget(Objects.requireNonNull(settings, "settings"), names, workers, null);
    }

    public boolean isLocalCloud() {
        return external == null;
    }
}
