package dev.sqo.optimize;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * A seasonal forecast of the load from the workload's history: the load one season ago (a day or a week, whichever
 * forecast the last hours better), times the level: the last half hour's load over the same half hour one season
 * ago, so that growth carries over. Pure.
 *
 * <p>It is only trusted when it has earned it: the season must be in the history, and its recent error (its own
 * forecasts of the last {@link #ERROR_WINDOW}, made {@code lead} ahead, against what came) must stay under
 * {@link #MAX_ERROR}. Otherwise there is no forecast and sqo reacts to the load it sees, as an HPA does.
 */
public final class SeasonalForecast {

    static final Duration DAY = Duration.ofDays(1);
    static final Duration WEEK = Duration.ofDays(7);
    static final Duration LEVEL_WINDOW = Duration.ofMinutes(30);
    static final Duration ERROR_WINDOW = Duration.ofHours(3);
    static final double MAX_ERROR = 0.15;
    /** Growth beyond this within a season is not a season any more. */
    static final double MAX_LEVEL = 2;

    /** The forecast, or why there is none. */
    public record Outcome(Forecast forecast, String reason) {
    }

    private SeasonalForecast() {
    }

    public static Outcome ahead(ServiceHistory history, Instant now, Duration lead) {
        Duration covered = history.coverage(now);
        Forecast best = null;
        String why = "history covers " + hours(covered) + "; a daily forecast needs " + hours(DAY.plus(ERROR_WINDOW).plus(LEVEL_WINDOW));
        for (Duration season : new Duration[]{DAY, WEEK}) {
            if (covered.compareTo(season.plus(ERROR_WINDOW).plus(LEVEL_WINDOW).plus(lead)) < 0) {
                continue;
            }
            double error = recentError(history, season, now, lead);
            double level = level(history, season, now);
            double load = peak(history, season, now, lead) * level;
            if (Double.isNaN(error) || Double.isNaN(load)) {
                why = "the history has gaps where a " + name(season) + " forecast needs data";
                continue;
            }
            if (best == null || error < best.recentError()) {
                best = new Forecast(load, season, lead, level, error);
            }
        }
        if (best == null) {
            return new Outcome(null, why);
        }
        if (best.recentError() > MAX_ERROR) {
            return new Outcome(null, String.format(Locale.ROOT, "the %s forecast was off by %.0f%% over the last %s: reacting only",
                    name(best.season()), best.recentError() * 100, hours(ERROR_WINDOW)));
        }
        return new Outcome(best, null);
    }

    /** The highest load of the buckets from now to now + lead, one season ago. */
    private static double peak(ServiceHistory h, Duration season, Instant now, Duration lead) {
        double peak = Double.NaN;
        int last = h.index(now.minus(season).plus(lead));
        for (int i = h.index(now.minus(season)); i <= last; i++) {
            double v = i >= 0 && i < h.size() ? h.load()[i] : Double.NaN;
            if (Double.isNaN(v)) {
                return Double.NaN;
            }
            peak = Double.isNaN(peak) ? v : Math.max(peak, v);
        }
        return peak;
    }

    /** The last half hour's load over the same half hour a season ago, within 1/MAX_LEVEL..MAX_LEVEL. */
    private static double level(ServiceHistory h, Duration season, Instant at) {
        double recent = mean(h, at.minus(LEVEL_WINDOW), at);
        double before = mean(h, at.minus(LEVEL_WINDOW).minus(season), at.minus(season));
        if (Double.isNaN(recent) || Double.isNaN(before) || before <= 0) {
            return Double.NaN;
        }
        return Math.max(1 / MAX_LEVEL, Math.min(MAX_LEVEL, recent / before));
    }

    /** Mean load of the whole buckets in [from, to). */
    private static double mean(ServiceHistory h, Instant from, Instant to) {
        double sum = 0;
        int n = 0;
        for (int i = Math.max(0, h.index(from)); i < Math.min(h.size(), h.index(to)); i++) {
            if (!Double.isNaN(h.load()[i])) {
                sum += h.load()[i];
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    /** Mean absolute error, as a share of the actual load, of the forecasts made lead ahead for the last hours' buckets. */
    private static double recentError(ServiceHistory h, Duration season, Instant now, Duration lead) {
        double error = 0;
        double actual = 0;
        int last = h.index(now) - 1;
        int first = h.index(now.minus(ERROR_WINDOW));
        for (int i = Math.max(0, first); i <= last && i < h.size(); i++) {
            Instant t = h.time(i);
            double made = level(h, season, t.minus(lead));
            double then = h.loadAt(t.minus(season));
            double was = h.load()[i];
            if (Double.isNaN(made) || Double.isNaN(then) || Double.isNaN(was)) {
                return Double.NaN;
            }
            error += Math.abs(then * made - was);
            actual += was;
        }
        return actual == 0 ? Double.NaN : error / actual;
    }

    static String name(Duration season) {
        return season.equals(WEEK) ? "weekly" : "daily";
    }

    private static String hours(Duration d) {
        return d.toHours() >= 48 ? d.toDays() + "d" : d.toHours() + "h";
    }
}
