package dev.sqo.optimize;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The HPA's behavior semantics applied to a raw replica recommendation: stabilization over past recommendations,
 * then the rate limits of the scaling policies, then the replica bounds. Pure: history and time are passed in.
 */
public record ReplicaBehavior(ScalingRules scaleUp, ScalingRules scaleDown, int minReplicas, int maxReplicas) {

    /** The most replicas the API allows; as a maximum it means the user set none. */
    public static final int UNBOUNDED = 10000;

    public static ReplicaBehavior defaults(int minReplicas, int maxReplicas) {
        return new ReplicaBehavior(ScalingRules.DEFAULT_SCALE_UP, ScalingRules.DEFAULT_SCALE_DOWN, minReplicas, maxReplicas);
    }

    /**
     * @param history past unstabilized recommendations (this one is not among them)
     * @param events  applied scale changes, for the policies' periods
     */
    public int normalize(int current, int desired, List<ReplicaRecommendation> history, List<ScaleEvent> events, Instant now) {
        int stabilized = stabilize(current, desired, history, now);
        return clamp(rateLimit(current, stabilized, events, now));
    }

    /** clamp(current, lowest recommendation in the scale-up window, highest in the scale-down window). */
    int stabilize(int current, int desired, List<ReplicaRecommendation> history, Instant now) {
        int upLimit = desired;
        int downLimit = desired;
        Instant upCutoff = now.minus(scaleUp.stabilizationWindow());
        Instant downCutoff = now.minus(scaleDown.stabilizationWindow());
        for (ReplicaRecommendation r : history) {
            if (r.time().isAfter(upCutoff)) {
                upLimit = Math.min(upLimit, r.replicas());
            }
            if (r.time().isAfter(downCutoff)) {
                downLimit = Math.max(downLimit, r.replicas());
            }
        }
        return Math.min(Math.max(current, upLimit), downLimit);
    }

    int rateLimit(int current, int desired, List<ScaleEvent> events, Instant now) {
        if (desired > current) {
            int limit = Math.max(current, scaleUpLimit(current, events, now));
            return Math.min(desired, Math.min(maxReplicas, limit));
        }
        if (desired < current) {
            int limit = Math.min(current, scaleDownLimit(current, events, now));
            return Math.max(desired, Math.max(minReplicas, limit));
        }
        return desired;
    }

    private int scaleUpLimit(int current, List<ScaleEvent> events, Instant now) {
        if (scaleUp.selectPolicy() == ScalingRules.SelectPolicy.DISABLED) {
            return current;
        }
        boolean smallest = scaleUp.selectPolicy() == ScalingRules.SelectPolicy.MIN;
        int result = smallest ? Integer.MAX_VALUE : Integer.MIN_VALUE;
        for (ScalingPolicy p : scaleUp.policies()) {
            int start = periodStart(current, events, p.period(), now);
            // Rounded up: a percentage that rounds to no new pod would never scale up.
            int proposed = p.type() == ScalingPolicy.Type.PODS ? start + p.value()
                    : (int) Math.ceil(start * (1 + p.value() / 100.0));
            result = smallest ? Math.min(result, proposed) : Math.max(result, proposed);
        }
        return result;
    }

    private int scaleDownLimit(int current, List<ScaleEvent> events, Instant now) {
        if (scaleDown.selectPolicy() == ScalingRules.SelectPolicy.DISABLED) {
            return current;
        }
        boolean smallest = scaleDown.selectPolicy() == ScalingRules.SelectPolicy.MIN;
        int result = smallest ? Integer.MIN_VALUE : Integer.MAX_VALUE;
        for (ScalingPolicy p : scaleDown.policies()) {
            int start = periodStart(current, events, p.period(), now);
            int proposed = p.type() == ScalingPolicy.Type.PODS ? start - p.value()
                    : (int) (start * (1 - p.value() / 100.0));
            result = smallest ? Math.max(result, proposed) : Math.min(result, proposed);
        }
        return result;
    }

    /** The replica count at the start of the policy's period: current minus scale-ups plus scale-downs in it. */
    private static int periodStart(int current, List<ScaleEvent> events, Duration period, Instant now) {
        Instant cutoff = now.minus(period);
        int start = current;
        for (ScaleEvent e : events) {
            if (e.time().isAfter(cutoff)) {
                start -= e.change();
            }
        }
        return start;
    }

    private int clamp(int replicas) {
        return Math.max(minReplicas, Math.min(maxReplicas, replicas));
    }
}
