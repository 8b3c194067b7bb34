package dev.sqo.optimize;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The HorizontalPodAutoscaler's replica calculation, so that users can reason about sqo with what they know of
 * the HPA: a ratio of sums against the target, a tolerance band, and the HPA's treatment of pods without metrics
 * and pods that are not ready. Pure: no Kubernetes types, no clock.
 */
public final class ReplicaCalculator {

    public static final double DEFAULT_TOLERANCE = 0.1;

    private final double tolerance;

    public ReplicaCalculator(double tolerance) {
        this.tolerance = tolerance;
    }

    /**
     * Replicas for a resource utilization target, e.g. 70 for "CPU at 70% of requests".
     *
     * @param readinessMatters true for CPU: a running pod that is not ready counts as unready, as in the HPA
     */
    public int forUtilization(List<PodSample> pods, int currentReplicas, double targetUtilization, boolean readinessMatters) {
        return calculate(pods, currentReplicas, targetUtilization, readinessMatters, true);
    }

    /** Replicas for a per-pod average value target of a custom metric, e.g. 15 requests per second per pod. */
    public int forAverageValue(List<PodSample> pods, int currentReplicas, double targetAverage) {
        return calculate(pods, currentReplicas, targetAverage, false, false);
    }

    private int calculate(List<PodSample> pods, int currentReplicas, double target, boolean readinessMatters, boolean utilization) {
        Map<String, PodSample> measured = new LinkedHashMap<>();
        List<PodSample> unready = new ArrayList<>();
        List<PodSample> missing = new ArrayList<>();
        for (PodSample p : pods) {
            if (p.state() == PodState.PENDING || (readinessMatters && p.state() == PodState.NOT_READY && p.value() != null)) {
                unready.add(p);
            } else if (p.value() == null) {
                missing.add(p);
            } else {
                measured.put(p.name(), p);
            }
        }
        int readyCount = measured.size();
        if (readyCount == 0) {
            // Nothing to go by: keeping the current count is the only safe answer.
            return currentReplicas;
        }
        double usageRatio = ratio(measured.values(), target, utilization);
        boolean scaleUpWithUnready = !unready.isEmpty() && usageRatio > 1.0;
        if (!scaleUpWithUnready && missing.isEmpty()) {
            if (Math.abs(1.0 - usageRatio) <= tolerance) {
                return currentReplicas;
            }
            return (int) Math.ceil(usageRatio * readyCount);
        }
        List<PodSample> assumed = new ArrayList<>(measured.values());
        if (!missing.isEmpty()) {
            // Scaling down, a pod without a metric is assumed busy (at least its request); scaling up, idle.
            double fallback = usageRatio < 1.0 ? (utilization ? Math.max(100, target) / 100.0 : target) : 0;
            for (PodSample p : missing) {
                assumed.add(new PodSample(p.name(), utilization ? p.request() * fallback : fallback, p.request(), p.state()));
            }
        }
        if (scaleUpWithUnready) {
            for (PodSample p : unready) {
                assumed.add(new PodSample(p.name(), 0.0, p.request(), p.state()));
            }
        }
        double newRatio = ratio(assumed, target, utilization);
        if (Math.abs(1.0 - newRatio) <= tolerance || (usageRatio < 1.0 && newRatio > 1.0) || (usageRatio > 1.0 && newRatio < 1.0)) {
            return currentReplicas;
        }
        int replicas = (int) Math.ceil(newRatio * assumed.size());
        if ((newRatio < 1.0 && replicas > currentReplicas) || (newRatio > 1.0 && replicas < currentReplicas)) {
            return currentReplicas;
        }
        return replicas;
    }

    /** Utilization is a ratio of sums truncated to whole percent, as the HPA computes it; plain metrics average. */
    private static double ratio(Iterable<PodSample> pods, double target, boolean utilization) {
        double usage = 0;
        double requests = 0;
        int n = 0;
        for (PodSample p : pods) {
            usage += p.value();
            requests += p.request();
            n++;
        }
        if (utilization) {
            return Math.floor(usage * 100 / requests) / target;
        }
        return usage / n / target;
    }
}
