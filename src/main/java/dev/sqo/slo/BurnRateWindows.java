package dev.sqo.slo;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The fixed windows burn rates are reported for; the alert table's long and short windows are among them. */
public final class BurnRateWindows {

    public static final Duration M5 = Duration.ofMinutes(5);
    public static final Duration M30 = Duration.ofMinutes(30);
    public static final Duration H1 = Duration.ofHours(1);
    public static final Duration H2 = Duration.ofHours(2);
    public static final Duration H6 = Duration.ofHours(6);
    public static final Duration D1 = Duration.ofDays(1);
    public static final Duration D3 = Duration.ofDays(3);

    public static final List<Duration> ALL = List.of(M5, M30, H1, H2, H6, D1, D3);

    private BurnRateWindows() {
    }

    /**
     * How fast the budget burns now: the faster of the 5- and 30-minute burn rates (between two bursts of an incident
     * the last five minutes may look calm); null when either is unknown.
     */
    public static Double now(Map<Duration, Double> burnRates) {
        Double five = burnRates.get(M5);
        Double thirty = burnRates.get(M30);
        return five == null || thirty == null ? null : Math.max(five, thirty);
    }
}
