package dev.kon.queue;

import java.util.List;

/**
 * The answer of a batch call, per entry: the entries not listed in {@link #failures()} succeeded.
 */
public record BatchResult(List<Failure> failures) {
    private static final BatchResult OK = new BatchResult(List.of());

    public BatchResult {
        failures = List.copyOf(failures);
    }

    public static BatchResult ok() {
        return OK;
    }

    public boolean allOk() {
        return failures.isEmpty();
    }

    /**
     * @param index  the entry's index in the request
     * @param reason the backend's code or message
     */
    public record Failure(int index, String reason) {
    }
}
