package dev.sqo.simulate;

/** A way of choosing the replica count, compared with others on the same simulated traffic. */
interface ReplicaPolicy {

    String name();

    /** Whether new replicas of this policy serve at once (the oracle's privilege) instead of after the start-up delay. */
    default boolean instantStart() {
        return false;
    }

    /** The replicas wanted now, or the current count for no change. */
    int decide(SimulationState state);
}
