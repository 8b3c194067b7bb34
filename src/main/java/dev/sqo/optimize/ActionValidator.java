package dev.sqo.optimize;

import java.time.Duration;
import java.time.Instant;

/**
 * Was an action worth it? After the validation window, an action meant to relieve a signal is effective when the
 * signal stopped firing or dropped by at least a tenth; otherwise it is ineffective, which points at a bottleneck
 * the action cannot reach (more replicas do not help a slow database).
 */
public final class ActionValidator {

    /** How much a signal must drop to count as improved when it still fires. */
    static final double IMPROVEMENT = 0.10;

    public enum Verdict { PENDING, EFFECTIVE, INEFFECTIVE, NOT_APPLICABLE }

    public record Validation(Verdict verdict, String message) {
    }

    private ActionValidator() {
    }

    /**
     * @param relief       whether the action was meant to relieve its signal (scale-out, memory raise)
     * @param stillFiring  whether the signal's trigger fires now
     * @param valueNow     the signal's value now, or null without data
     */
    public static Validation validate(boolean relief, String signal, Double valueAtAction, Double valueNow, boolean stillFiring,
                                      Instant actedAt, Duration window, Instant now) {
        if (!relief) {
            return new Validation(Verdict.NOT_APPLICABLE, "the action did not aim to relieve a signal");
        }
        if (now.isBefore(actedAt.plus(window))) {
            return new Validation(Verdict.PENDING, "validated at " + actedAt.plus(window));
        }
        if (valueAtAction != null && valueNow == null) {
            // Silence is not recovery: a signal without data is judged once it has data again.
            return new Validation(Verdict.PENDING, "no data for " + signal + " to validate against");
        }
        if (!stillFiring) {
            return new Validation(Verdict.EFFECTIVE, signal + " no longer fires");
        }
        if (valueAtAction == null) {
            return new Validation(Verdict.INEFFECTIVE, signal + " still fires after " + window);
        }
        String change = signal + " went from " + TriggerEvaluator.format(signal, valueAtAction) + " to "
                + TriggerEvaluator.format(signal, valueNow);
        if (valueNow <= valueAtAction * (1 - IMPROVEMENT)) {
            return new Validation(Verdict.EFFECTIVE, change);
        }
        return new Validation(Verdict.INEFFECTIVE, change + " and still fires: the bottleneck is likely elsewhere");
    }
}
