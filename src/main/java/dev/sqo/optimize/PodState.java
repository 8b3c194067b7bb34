package dev.sqo.optimize;

/** What the replica calculation needs to know of a pod besides its metric. */
public enum PodState {
    READY,
    /** Running but not ready (or still initialising): counted only for CPU, like the HPA. */
    NOT_READY,
    /** Not running yet: never has a meaningful metric. */
    PENDING
}
