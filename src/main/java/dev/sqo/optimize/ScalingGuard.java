package dev.sqo.optimize;

import dev.sqo.slo.AlertLevel;

import java.time.Duration;
import java.time.Instant;

/**
 * The guard rails between a replica proposal and an action: bounds, what forbids a scale-in now (decided by the
 * control that proposed it), and a cooldown between actions. Pure; every refusal says why.
 */
public final class ScalingGuard {

    /**
     * What the guard needs to know besides the proposal.
     *
     * @param scaleInBlocker    why no scale-in may happen now, or null
     * @param lastAction        when sqo last acted on the workload (or tried to), or null
     * @param scaleOutCoolsDown whether a scale-out waits for the cooldown too: trigger steps do, so that they are
     *                          judged before the next; the objective control's scale-outs follow the load and do not
     */
    public record Context(int current, int minReplicas, int maxReplicas, String scaleInBlocker, Instant lastAction,
                          Duration cooldown, boolean scaleOutCoolsDown, Instant now) {
    }

    /**
     * The replicas to apply (the current count when nothing is to be done) and why.
     *
     * @param refused whether a guard rail stopped a change, rather than there being none to make
     */
    public record Decision(int replicas, boolean act, String reason, boolean refused) {
    }

    private ScalingGuard() {
    }

    /**
     * Why a trigger may not scale in now, or null: missing data, a burning budget (any alert), or a remaining budget
     * under the floor or unknown.
     */
    public static String triggerScaleInBlocker(boolean anySignalFailed, AlertLevel alert, Double budgetRemaining, double budgetFloor) {
        if (anySignalFailed) {
            return "a signal has missing data";
        }
        if (alert != AlertLevel.NONE) {
            return "the error budget is burning (" + alert.display() + ")";
        }
        if (budgetRemaining == null || !(budgetRemaining >= budgetFloor)) {
            return "remaining error budget " + (budgetRemaining == null || !Double.isFinite(budgetRemaining) ? "unknown"
                    : Math.round(budgetRemaining * 100) + "%")
                    + " is below the floor of " + Math.round(budgetFloor * 100) + "%";
        }
        return null;
    }

    public static Decision decide(int proposed, Context c) {
        int bounded = Math.max(c.minReplicas(), Math.min(c.maxReplicas(), proposed));
        String bounds = bounded != proposed ? " (proposal " + proposed + " kept within " + c.minReplicas() + ".." + c.maxReplicas() + ")" : "";
        if (bounded == c.current()) {
            return new Decision(c.current(), false, "no change: " + c.current() + " replicas" + bounds, false);
        }
        if (bounded < c.current() && c.scaleInBlocker() != null) {
            return refuse(c, "scale-in to " + bounded + " refused: " + c.scaleInBlocker());
        }
        boolean waits = bounded < c.current() || c.scaleOutCoolsDown();
        if (waits && c.lastAction() != null && c.now().isBefore(c.lastAction().plus(c.cooldown()))) {
            return refuse(c, "scaling to " + bounded + " held: cooling down until " + c.lastAction().plus(c.cooldown()));
        }
        return new Decision(bounded, true, (bounded > c.current() ? "scale out" : "scale in") + " from " + c.current()
                + " to " + bounded + bounds, false);
    }

    private static Decision refuse(Context c, String why) {
        return new Decision(c.current(), false, why, true);
    }
}
