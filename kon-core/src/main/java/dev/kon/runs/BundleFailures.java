package dev.kon.runs;

import java.util.List;
import java.util.Objects;

/**
 * What one completed attempt of a bundle leaves in the run registry: its failed tasks. Written by the worker before
 * it completes the bundle's claim, and it replaces whatever an earlier attempt of the same bundle wrote, so a bundle
 * run twice is kept once, with the failures of the attempt that counted.
 *
 * @param run      the run's id
 * @param bundleId the bundle's id (unique across runs); what the failures are kept under
 * @param attempt  the attempt (ledger claim) of the bundle that ran: above 1, an earlier attempt may have kept
 *                 failures that this one replaces; at 1 nothing was kept before
 * @param failures the bundle's failed tasks; empty clears what an earlier attempt kept
 */
public record BundleFailures(String run, String bundleId, long attempt, List<FailedTask> failures) {
    public BundleFailures {
        Objects.requireNonNull(run, "run");
        Objects.requireNonNull(bundleId, "bundleId");
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt must be >= 1, was " + attempt);
        }
        failures = List.copyOf(failures);
    }
}
