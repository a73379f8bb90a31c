package dev.kon.bench;

import java.util.Locale;

/** Where a benchmark's workers run. */
public enum BenchMode {
    /** Worker threads in this JVM on the in-memory queue, ledger and blob store (the seed's local back end). */
    LOCAL,
    /** One {@code kon worker} process per worker on SQS, DynamoDB and S3 (the seed's remote back end). */
    CLOUD;

    /** The name on the command line and in results: {@code local} or {@code cloud}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
