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
 * @param unread          how much of the period has not been read whole (partial answers): the numbers cover the
 *                        rest only; zero when the whole period was read, be it with or without traffic
 */
public record ObjectiveEvaluation(Double attainment, Double budgetConsumed, Double budgetRemaining,
                                  Map<Duration, Double> burnRates, AlertLevel alert, Instant exhaustionTime,
                                  Instant evaluatedAt, Duration unread) {

    public boolean hasData() {
        return attainment != null;
    }

    /** Whether every slice of the period was read whole; slices without traffic are read too. */
    public boolean complete() {
        return unread.isZero();
    }

    /**
     * The remaining budget a guard may act on: unknown (null) until the whole period is read, because the part not
     * read may hold the errors that spent it.
     */
    public Double budgetToActOn() {
        return complete() ? budgetRemaining : null;
    }

    /** null without data. */
    public Boolean met(double targetPercent) {
        return attainment == null ? null : attainment >= targetPercent;
    }
}
