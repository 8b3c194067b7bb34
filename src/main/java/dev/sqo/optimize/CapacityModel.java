package dev.sqo.optimize;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;

/**
 * Learns a ready pod's capacity from the workload's own history: the highest load per pod it has served with its
 * latency objectives' strain at most {@link #LATENCY_MARGIN} and CPU under {@link #CPU_CEILING}. Pure.
 *
 * <p>Capacity only grows by evidence: sqo may run a little beyond the proven load ({@link #PROBE} at most, less as
 * latency nears its margin), and once the workload has served that load well it is proven too. So sqo starts where
 * the workload ran before (under an HPA, about 70% CPU) and moves towards the load the objectives allow, at the
 * pace of evidence. Strain at a lower load than the proven one (a slower release) lowers capacity at once.
 */
public final class CapacityModel {

    /**
     * A bucket is healthy when its latency strain is at most this: slow requests at half the rate the objective allows
     * (so the peaks spend the budget at half its pace), or a percentile at half its threshold.
     */
    static final double LATENCY_MARGIN = 0.5;
    /** ... and CPU at most this share of its request. */
    static final double CPU_CEILING = 0.9;
    /** Without a latency objective, CPU alone says healthy, at most this share of the request. */
    static final double CPU_ONLY_CEILING = 0.8;
    /** Strained: latency beyond the objective's limit (strain over 1), or CPU at the request. */
    static final double CPU_STRAINED = 0.97;
    /** Without history, capacity is the load that puts CPU here, where an HPA on CPU would put it. */
    public static final double BOOTSTRAP_UTILIZATION = 0.7;
    static final Duration LEARNING_WINDOW = Duration.ofDays(7);
    static final Duration STRAIN_MEMORY = Duration.ofDays(1);
    /** Buckets (5 minutes each) at a load before it counts as proven: one odd bucket proves nothing. */
    static final int EVIDENCE = 3;
    /** The share of strained buckets at a load that makes it a limit. */
    static final double STRAINED_SHARE = 0.2;
    /** CPU per request may put capacity at most this many times the load a pod served well. */
    static final double CPU_REACH = 2;
    /** The most sqo runs beyond the proven load. */
    static final double PROBE = 0.10;
    /** Strain counts against capacity only near the proven load: strain at low load is not caused by load. */
    static final double STRAIN_NEAR = 0.8;

    private CapacityModel() {
    }

    /**
     * @param currentPerPod the load per ready pod now, for the bootstrap; NaN without data
     * @param currentCpu    CPU use now in fractions of the request; NaN without data
     * @return the capacity, or null when neither history nor the current CPU tells it
     */
    public static Capacity learn(ServiceHistory history, Instant now, double currentPerPod, double currentCpu) {
        int from = Math.max(0, history.index(now.minus(LEARNING_WINDOW)));
        int to = Math.min(history.size(), history.index(now));
        // The EVIDENCE highest loads per pod among healthy buckets, highest first: one pass, no sorting, as this runs
        // every cycle over a week of buckets.
        double[] top = new double[EVIDENCE];
        Arrays.fill(top, Double.NEGATIVE_INFINITY);
        int healthy = 0;
        CpuPerRequest cpuPerRequest = new CpuPerRequest();
        for (int i = from; i < to; i++) {
            double x = history.perPod(i);
            if (!Double.isNaN(x) && strainShare(history, i) <= 1) {
                healthy++;
                if (!Double.isNaN(history.cpu()[i])) {
                    cpuPerRequest.add(x, history.cpu()[i]);
                }
                insert(top, x, true);
            }
        }
        if (healthy < EVIDENCE) {
            return bootstrap(currentPerPod, currentCpu, healthy);
        }
        double seen = top[EVIDENCE - 1];
        // Where CPU would be at the HPA's usual target, from CPU per request: a workload that only ever ran cool has
        // not shown its capacity, but its CPU tells the load that is safe to start from.
        // Where CPU would be at the HPA's usual target, from CPU per request: a workload that only ever ran cool has
        // not shown its capacity, but its CPU tells where to look. At most twice the load a pod served well, though:
        // for a service that latency rather than CPU limits, the extrapolation promises loads it never served, and
        // strain at twice the evidence brings capacity back within a few buckets.
        double atTarget = cpuPerRequest.loadAt(BOOTSTRAP_UTILIZATION);
        double cpuBased = Math.min(atTarget, seen * CPU_REACH);
        double proven = Math.max(seen, cpuBased);
        if (!(proven > 0) || Double.isInfinite(proven)) {
            // A week without load proves no capacity: planning with zero would ask for every replica allowed.
            return bootstrap(currentPerPod, currentCpu, 0);
        }
        // How close to its margin latency runs at the proven load decides how far beyond it sqo may go.
        double nearTop = 0;
        // The EVIDENCE lowest loads per pod that strained the workload near the proven load in the last day: one
        // strained bucket on a ramp (pods still starting within it) is no slower release.
        double[] lowest = new double[EVIDENCE];
        Arrays.fill(lowest, Double.POSITIVE_INFINITY);
        int strainFrom = history.index(now.minus(STRAIN_MEMORY));
        for (int i = from; i < to; i++) {
            double x = history.perPod(i);
            if (Double.isNaN(x)) {
                continue;
            }
            double share = strainShare(history, i);
            if (share <= 1 && x >= proven * 0.95) {
                nearTop = Math.max(nearTop, share);
            } else if (i >= strainFrom && strained(history, i) && x >= Math.min(seen, proven) * STRAIN_NEAR) {
                insert(lowest, x, false);
            }
        }
        double limit = outweighed(history, from, to, strainFrom, lowest[EVIDENCE - 1]) ? lowest[EVIDENCE - 1] * 0.95
                : Double.POSITIVE_INFINITY;
        double probe = PROBE * Math.max(0, Math.min(1, (1 - nearTop) / 0.1));
        String reason = seen >= cpuBased
                ? String.format(Locale.ROOT, "a ready pod served %.1f requests/s with latency and CPU inside their margins "
                + "(%d healthy buckets of 5 minutes in the last %d days)", proven, healthy, LEARNING_WINDOW.toDays())
                : atTarget <= seen * CPU_REACH
                ? String.format(Locale.ROOT, "%.1f requests/s per ready pod would put CPU at %.0f%% of its request (CPU per request "
                + "from %d healthy buckets; the most a pod served yet is %.1f)", proven, BOOTSTRAP_UTILIZATION * 100, healthy, seen)
                : String.format(Locale.ROOT, "%.1f requests/s per ready pod: twice the most a pod served yet (%.1f; %d healthy "
                + "buckets), on the way to the %.1f that would put CPU at %.0f%% of its request", proven, seen, healthy, atTarget,
                BOOTSTRAP_UTILIZATION * 100);
        if (limit < proven) {
            reason += String.format(Locale.ROOT, "; but it was strained at %.1f requests/s in %d buckets of the last day", limit / 0.95,
                    EVIDENCE);
        }
        return new Capacity(proven, probe, limit, Capacity.Basis.Learned, reason);
    }

    /**
     * How much of its healthy margin bucket i used: latency over its margin, and CPU over its ceiling; at most 1 is
     * healthy. Infinity when the bucket tells nothing.
     */
    private static double strainShare(ServiceHistory h, int i) {
        double strain = h.strain()[i];
        double cpu = h.cpu()[i];
        if (!Double.isNaN(strain)) {
            double share = strain / LATENCY_MARGIN;
            return Double.isNaN(cpu) ? share : Math.max(share, cpu / CPU_CEILING);
        }
        return Double.isNaN(cpu) ? Double.POSITIVE_INFINITY : cpu / CPU_ONLY_CEILING;
    }

    private static boolean strained(ServiceHistory h, int i) {
        double strain = h.strain()[i];
        double cpu = h.cpu()[i];
        return (!Double.isNaN(strain) && strain > 1) || (!Double.isNaN(cpu) && cpu >= CPU_STRAINED);
    }

    /**
     * Whether, around load x in the last day, at least one bucket in {@link #STRAINED_SHARE} was strained: a noisy
     * workload is strained now and then at any load, and its objectives still hold while that stays the exception.
     */
    private static boolean outweighed(ServiceHistory h, int from, int to, int strainFrom, double x) {
        if (Double.isInfinite(x)) {
            return false;
        }
        int strained = 0;
        int healthy = 0;
        for (int i = Math.max(from, strainFrom); i < to; i++) {
            double y = h.perPod(i);
            if (!Double.isNaN(y) && y >= x * 0.95 && y <= x * 1.05) {
                strained += strained(h, i) ? 1 : 0;
                healthy += strainShare(h, i) <= 1 ? 1 : 0;
            }
        }
        return strained >= STRAINED_SHARE * (strained + healthy);
    }

    /**
     * CPU against load per pod, fitted by least squares: cpu = idle + perRequest x load. A pod burns CPU at no load
     * too (probes, runtimes, caches); through the origin, a week of quiet nights would make every request look
     * expensive and ask for many replicas on the first busy morning.
     */
    private static final class CpuPerRequest {
        private double n;
        private double sx;
        private double sy;
        private double sxy;
        private double sxx;

        void add(double load, double cpu) {
            n++;
            sx += load;
            sy += cpu;
            sxy += load * cpu;
            sxx += load * load;
        }

        /** The load per pod at which CPU reaches the share of its request, 0 when the history cannot tell. */
        double loadAt(double cpu) {
            double spread = n * sxx - sx * sx;
            double slope = spread > 1e-9 * n * sxx ? (n * sxy - sx * sy) / spread : Double.NaN;
            double idle = Double.isNaN(slope) ? Double.NaN : (sy - slope * sx) / n;
            if (!(slope > 0) || idle < 0 || idle >= cpu) {
                // One load level, or a fit that makes no sense: CPU per request through the origin.
                return sy > 0 ? cpu * sx / sy : 0;
            }
            return (cpu - idle) / slope;
        }
    }

    /** Keeps the array the most extreme values seen, in order: highest first, or lowest first. */
    private static void insert(double[] extremes, double x, boolean highest) {
        for (int k = 0; k < extremes.length; k++) {
            if (highest ? x > extremes[k] : x < extremes[k]) {
                System.arraycopy(extremes, k, extremes, k + 1, extremes.length - k - 1);
                extremes[k] = x;
                return;
            }
        }
    }

    private static Capacity bootstrap(double perPod, double cpu, int healthy) {
        if (Double.isNaN(perPod) || Double.isNaN(cpu) || cpu < 0.02 || perPod <= 0) {
            return null;
        }
        double capacity = perPod / cpu * BOOTSTRAP_UTILIZATION;
        return new Capacity(capacity, 0, Double.POSITIVE_INFINITY, Capacity.Basis.Bootstrap, String.format(Locale.ROOT,
                "not enough history yet (%d healthy buckets of %d): %.1f requests/s per pod would put CPU at %.0f%% of its request",
                healthy, EVIDENCE, capacity, BOOTSTRAP_UTILIZATION * 100));
    }
}
