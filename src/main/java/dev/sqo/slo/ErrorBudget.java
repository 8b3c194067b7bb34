package dev.sqo.slo;

import java.time.Duration;
import java.time.Instant;

/** Error budget arithmetic for an objective given in percent. */
public final class ErrorBudget {

    /** Beyond this the exhaustion time says nothing useful and would overflow {@link Instant}. */
    private static final double MAX_EXHAUSTION_SECONDS = 100L * 365 * 86_400;

    private ErrorBudget() {
    }

    /** Budget as a ratio: 1 - objective. 99.9 gives 0.001. */
    public static double budgetRatio(double targetPercent) {
        return 1.0 - targetPercent / 100.0;
    }

    /** Error ratio divided by the budget ratio; 1 spends the whole budget in exactly one period. */
    public static double burnRate(double errorRatio, double targetPercent) {
        return errorRatio / budgetRatio(targetPercent);
    }

    /** Fraction of the period's budget spent; above 1 when overspent. */
    public static double consumed(double periodErrorRatio, double targetPercent) {
        return burnRate(periodErrorRatio, targetPercent);
    }

    /**
     * When the remaining budget runs out if the given burn rate holds; null when nothing is burning or the budget
     * is already spent.
     */
    public static Instant exhaustionTime(double remaining, double burnRate, Duration period, Instant at) {
        if (!(burnRate > 0) || !(remaining > 0)) {
            return null;
        }
        double seconds = Math.min(remaining * period.toSeconds() / burnRate, MAX_EXHAUSTION_SECONDS);
        return at.plusSeconds((long) Math.ceil(seconds));
    }
}
