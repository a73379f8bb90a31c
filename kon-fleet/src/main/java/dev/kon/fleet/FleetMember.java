package dev.kon.fleet;

import java.time.Instant;
import java.util.Objects;

/**
 * One worker of a fleet, as its provider sees it.
 *
 * @param id       the provider's id: a process id for the local provider, an instance id on EC2
 * @param state    where it is in its life
 * @param launched when it was asked for
 */
public record FleetMember(String id, State state, Instant launched) {
    /** A member's life: it starts, runs, and once chosen to go, drains; a member that has gone is not listed. */
    public enum State { STARTING, RUNNING, DRAINING }

    public FleetMember {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(launched, "launched");
    }

    /** Counted as part of the fleet's size: starting or running, not leaving. */
    public boolean active() {
        return state != State.DRAINING;
    }
}
