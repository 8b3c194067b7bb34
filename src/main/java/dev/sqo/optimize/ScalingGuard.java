package dev.sqo.optimize;

import dev.sqo.slo.AlertLevel;

import java.time.Duration;
import java.time.Instant;

/**
 * The guard rails between a replica proposal and an action: bounds, no scale-in on missing data or a burning
 * budget, and a cooldown between actions. Pure; every refusal says why.
 */
public final class ScalingGuard {

    /**
     * What the guard needs to know besides the proposal.
     *
     * @param anySignalFailed whether any signal had missing or partial data this cycle
     * @param budgetRemaining the lowest remaining error budget of the objectives, null without data
     * @param budgetFloor     scale-in is refused below this remaining budget
     * @param lastAction      when sqo last acted on the workload (or tried to), or null
     */
    public record Context(int current, int minReplicas, int maxReplicas, AlertLevel alert, Double budgetRemaining,
                          double budgetFloor, boolean anySignalFailed, Instant lastAction, Duration cooldown, Instant now) {
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

    public static Decision decide(int proposed, Context c) {
        int bounded = Math.max(c.minReplicas(), Math.min(c.maxReplicas(), proposed));
        String bounds = bounded != proposed ? " (proposal " + proposed + " kept within " + c.minReplicas() + ".." + c.maxReplicas() + ")" : "";
        if (bounded == c.current()) {
            return new Decision(c.current(), false, "no change: " + c.current() + " replicas" + bounds, false);
        }
        if (bounded < c.current()) {
            if (c.anySignalFailed()) {
                return refuse(c, "scale-in to " + bounded + " refused: a signal has missing data");
            }
            if (c.alert() != AlertLevel.NONE) {
                return refuse(c, "scale-in to " + bounded + " refused: the error budget is burning (" + c.alert().display() + ")");
            }
            if (c.budgetRemaining() == null || c.budgetRemaining() < c.budgetFloor()) {
                return refuse(c, "scale-in to " + bounded + " refused: remaining error budget "
                        + (c.budgetRemaining() == null ? "unknown" : Math.round(c.budgetRemaining() * 100) + "%")
                        + " is below the floor of " + Math.round(c.budgetFloor() * 100) + "%");
            }
        }
        if (c.lastAction() != null && c.now().isBefore(c.lastAction().plus(c.cooldown()))) {
            return refuse(c, "scaling to " + bounded + " held: cooling down until " + c.lastAction().plus(c.cooldown()));
        }
        return new Decision(bounded, true, (bounded > c.current() ? "scale out" : "scale in") + " from " + c.current()
                + " to " + bounded + bounds, false);
    }

    private static Decision refuse(Context c, String why) {
        return new Decision(c.current(), false, why, true);
    }
}
