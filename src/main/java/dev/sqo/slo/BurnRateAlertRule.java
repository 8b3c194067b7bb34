package dev.sqo.slo;

import java.time.Duration;

/**
 * One row of the multi-window multi-burn-rate table: fires when both windows burn faster than
 * factor = budget spent x period / long window.
 */
public record BurnRateAlertRule(AlertLevel level, double budgetSpent, Duration longWindow, Duration shortWindow) {

    public double factor(Duration period) {
        return budgetSpent * period.toSeconds() / longWindow.toSeconds();
    }

    /**
     * How long a constant error ratio takes to push the long window's burn rate over the factor, starting from a
     * clean window: factor x budget / error ratio x long window. A full outage of a 99.9% SLO pages in 52 s.
     */
    public Duration detectionTime(double errorRatio, double targetPercent, Duration period) {
        double share = factor(period) * ErrorBudget.budgetRatio(targetPercent) / errorRatio;
        return Duration.ofMillis(Math.round(share * longWindow.toMillis()));
    }

    /** A window without data cannot fire: "no data" is never read as a burn. */
    public boolean fires(Double longBurn, Double shortBurn, Duration period) {
        double f = factor(period);
        return longBurn != null && shortBurn != null && longBurn > f && shortBurn > f;
    }
}
