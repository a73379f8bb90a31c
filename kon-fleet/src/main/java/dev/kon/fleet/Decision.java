package dev.kon.fleet;

/**
 * One tick's decision: the fleet size wanted, what to do to get there now, and why.
 *
 * @param active  workers starting or running (not draining) when the decision was made
 * @param wanted  workers wanted, within the policy's min and max
 * @param launch  workers to start now
 * @param drain   workers to drain now (stop taking bundles, finish those in hand, exit)
 * @param reason  one line for the log
 */
public record Decision(int active, int wanted, int launch, int drain, String reason) {
    public Decision {
        if (launch < 0 || drain < 0 || launch > 0 && drain > 0) {
            throw new IllegalArgumentException("a decision launches or drains, was launch " + launch + " drain "
                    + drain);
        }
    }

    /** True when the fleet is left as it is. */
    public boolean holds() {
        return launch == 0 && drain == 0;
    }

    /** The decision as the log line says it. */
    public String describe() {
        String act = launch > 0 ? "launch " + launch : drain > 0 ? "drain " + drain : "hold";
        return act + " (active " + active + ", want " + wanted + "): " + reason;
    }
}
