package dev.kon.fleet;

import java.util.List;

/**
 * Where a fleet's workers come from: processes on this machine ({@link LocalProvider}) or EC2 instances
 * ({@link dev.kon.fleet.ec2.Ec2Provider}). The autoscaler calls it from one thread.
 *
 * <p>Failure behaviour: a launch or drain the provider cannot do throws a {@link dev.kon.KonException} subclass;
 * the autoscaler logs it and tries again at its next tick.
 */
public interface WorkerProvider extends AutoCloseable {
    /** The provider's name for the log: {@code local}, {@code ec2}. */
    String name();

    /** The members that have not gone yet, oldest first. */
    List<FleetMember> members();

    /** Starts {@code count} workers. */
    void launch(int count);

    /**
     * Makes the member stop taking bundles, finish those in hand and exit (SIGTERM to a {@code kon worker}); its
     * work is never cut short by the provider before the worker's own stop time.
     */
    void drain(FleetMember member);

    /** Releases what the provider holds for itself; the local provider also drains and ends its processes. */
    @Override
    default void close() {
    }
}
