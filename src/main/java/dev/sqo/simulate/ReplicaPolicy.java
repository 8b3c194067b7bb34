package dev.sqo.simulate;

/** A way of choosing the replica count, compared with others on the same simulated traffic. */
interface ReplicaPolicy {

    String name();

    /** Whether new replicas of this policy serve at once (the oracle's privilege) instead of after the start-up delay. */
    default boolean instantStart() {
        return false;
    }

    /**
     * The replicas wanted now, or the current count for no change.
     *
     * @param upcoming the traffic of the step about to run, which only the oracle may look at
     */
    int decide(SimulationState state, double upcoming);
}
