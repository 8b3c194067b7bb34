package dev.sqo.slo;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * The numbers of one objective at one time. Every Double is null when its window had no traffic.
 *
 * @param attainment      percent good over the period, after exclusions
 * @param budgetConsumed  fraction of the period's budget spent (may exceed 1)
 * @param budgetRemaining 1 - consumed (may be negative)
 * @param burnRates       burn rate per window of {@link BurnRateWindows#ALL}
 * @param evaluatedAt     the slice boundary the numbers are as of
 */
public record ObjectiveEvaluation(Double attainment, Double budgetConsumed, Double budgetRemaining,
                                  Map<Duration, Double> burnRates, AlertLevel alert, Instant exhaustionTime,
                                  Instant evaluatedAt) {

    public boolean hasData() {
        return attainment != null;
    }

    /** null without data. */
    public Boolean met(double targetPercent) {
        return attainment == null ? null : attainment >= targetPercent;
    }
}
