package dev.sqo.slo;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The SRE-workbook alert table: two page rows and two ticket rows, factors scaled to the SLO period. */
public final class MultiWindowAlertPolicy {

    public static final List<BurnRateAlertRule> RULES = List.of(
            new BurnRateAlertRule(AlertLevel.PAGE, 0.02, BurnRateWindows.H1, BurnRateWindows.M5),
            new BurnRateAlertRule(AlertLevel.PAGE, 0.05, BurnRateWindows.H6, BurnRateWindows.M30),
            new BurnRateAlertRule(AlertLevel.TICKET, 0.10, BurnRateWindows.D1, BurnRateWindows.H2),
            new BurnRateAlertRule(AlertLevel.TICKET, 0.10, BurnRateWindows.D3, BurnRateWindows.H6));

    private MultiWindowAlertPolicy() {
    }

    /** The most severe level among the rows that fire, given burn rates by window (null = no data). */
    public static AlertLevel evaluate(Map<Duration, Double> burnRates, Duration period) {
        return firing(burnRates, period).stream().map(BurnRateAlertRule::level).reduce(AlertLevel.NONE, AlertLevel::max);
    }

    /** The rows that fire, most severe first. */
    public static List<BurnRateAlertRule> firing(Map<Duration, Double> burnRates, Duration period) {
        return applicable(period).stream()
                .filter(rule -> rule.fires(burnRates.get(rule.longWindow()), burnRates.get(rule.shortWindow()), period))
                .toList();
    }

    /**
     * The rows that make sense for a period: a long window longer than the SLO window would judge the budget by
     * errors that are no longer in it. For 30d and 28d windows that is every row.
     */
    public static List<BurnRateAlertRule> applicable(Duration period) {
        return RULES.stream().filter(rule -> rule.longWindow().compareTo(period) <= 0).toList();
    }
}
