package dev.kon.bench.autoscale;

/**
 * One way of sizing the fleet that the benchmark compares.
 *
 * @param kind how it is sized
 * @param size the workers of a fixed fleet; 0 for the scaled ones
 */
public record FleetPolicy(Kind kind, int size) {
    /** The autoscaler's drain-time rule, the queue-length rule (KEDA's), or a fixed number of workers. */
    public enum Kind { AUTOSCALER, QUEUE_LENGTH, FIXED }

    public FleetPolicy {
        if (kind == Kind.FIXED ? size < 1 : size != 0) {
            throw new IllegalArgumentException("size must be >= 1 for a fixed fleet and 0 otherwise, was " + size);
        }
    }

    public static FleetPolicy autoscaler() {
        return new FleetPolicy(Kind.AUTOSCALER, 0);
    }

    public static FleetPolicy queueLength() {
        return new FleetPolicy(Kind.QUEUE_LENGTH, 0);
    }

    public static FleetPolicy fixed(int workers) {
        return new FleetPolicy(Kind.FIXED, workers);
    }

    public boolean scaled() {
        return kind != Kind.FIXED;
    }

    /** The name in the table, the CSV and the chart. */
    public String label() {
        return switch (kind) {
            case AUTOSCALER -> "autoscaler";
            case QUEUE_LENGTH -> "queue-length";
            case FIXED -> "fixed " + size;
        };
    }

    /** A name fit for a file or queue name. */
    public String slug() {
        return label().replace(' ', '-');
    }
}
