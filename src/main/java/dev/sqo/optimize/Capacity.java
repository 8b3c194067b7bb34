package dev.sqo.optimize;

/**
 * How much load one ready pod serves while the objectives hold.
 *
 * @param proven requests per second per ready pod the workload has served with latency and CPU inside their
 *               margins, seen in at least {@link CapacityModel#EVIDENCE} buckets
 * @param probe  how far beyond it the evidence lets sqo go (a fraction): large while latency at the proven load is
 *               far under its threshold, zero near it
 * @param limit  requests per second per pod at which the workload was recently strained, or infinity
 * @param basis  Learned from the workload's history, or Bootstrap (no history yet: the load that puts CPU at
 *               {@link CapacityModel#BOOTSTRAP_UTILIZATION} of its request, where an HPA would put it)
 */
public record Capacity(double proven, double probe, double limit, Basis basis, String reason) {

    public enum Basis { Learned, Bootstrap }

    /** The capacity to plan with, given how much of the probe the budget allows (0..1) and a factor below 1 to run cooler. */
    public double operating(double probeShare, double cooler) {
        return Math.min(limit, proven * (1 + probe * probeShare) * cooler);
    }
}
