package dev.sqo.optimize;

import dev.sqo.slo.AlertLevel;

import java.time.Duration;

/**
 * A trigger with its defaults resolved: which signal it watches, what it proposes, and when it fires.
 *
 * @param signal          the signal's name: cpu, memory (every container's memory:&lt;container&gt;),
 *                        latency:&lt;objective&gt;, errors:&lt;objective&gt; or burn
 * @param threshold       fires when the value stays beyond it (above, or below for a scale-in); null when unused
 * @param duration        how long the condition must hold
 * @param baselineFactor  also fires when the value stays above this multiple of its baseline; null when unused
 * @param floor           the baseline comparison counts only above this value, so that noise at a baseline near zero
 *                        does not fire (an objective's allowed error ratio); 0 when unused
 * @param target          CPU: the utilization the replica count aims at; memory: the utilization after the raise
 * @param scaleOutPercent latency and burn: the scale-out step in percent of the current replicas, at least one pod
 * @param level           burn: the alert level that fires
 */
public record TriggerRule(String signal, Action action, Double threshold, Duration duration, Double baselineFactor,
                          double floor, double target, int scaleOutPercent, AlertLevel level) {

    public enum Action {
        SCALE_OUT(ActionKind.ScaleOut), SCALE_IN(ActionKind.ScaleIn), RAISE_MEMORY(ActionKind.Resize), INVESTIGATE(null);

        private final ActionKind kind;

        Action(ActionKind kind) {
            this.kind = kind;
        }

        /** The action kind this proposes, or null for Investigate, which changes nothing. */
        public ActionKind kind() {
            return kind;
        }

        public String display() {
            return kind != null ? kind.name() : "Investigate";
        }
    }

    /** The sustained condition on the value itself, or null when the rule only compares with the baseline. */
    public SustainedThreshold condition() {
        if (threshold == null) {
            return null;
        }
        return new SustainedThreshold(action == Action.SCALE_IN ? SustainedThreshold.Comparison.BELOW
                : SustainedThreshold.Comparison.ABOVE, threshold, duration);
    }
}
