package dev.sqo.rules;

import dev.sqo.api.HistogramSli;
import dev.sqo.api.Objective;
import dev.sqo.promql.Expr;
import dev.sqo.promql.Exprs;
import dev.sqo.promql.PromQL;
import dev.sqo.promql.PromQLSyntaxException;
import dev.sqo.slo.PromDuration;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;

/**
 * The PromQL of one objective's SLI over a window, for rules. Counter-based SLIs (ratio, latency, apdex) are read
 * from their source series for each short window; the percentile SLI is a series of 5-minute slices, so every
 * window of it is derived from the 5-minute recording.
 */
public final class SliRuleExpressions {

    private final Objective objective;

    SliRuleExpressions(Objective objective) {
        this.objective = objective;
    }

    /**
     * The objective's error ratio over a short window, read from its source series, for the ErrorRatio trigger; null
     * for the percentile SLI, whose events are whole slices rather than requests.
     */
    public static String errorRatio(Objective objective, Duration window) {
        SliRuleExpressions e = new SliRuleExpressions(objective);
        return e.fromSource() ? "(" + e.bad(window) + " / " + e.events(window) + ")" : null;
    }

    /**
     * The workload's requests per second over the window, from the first objective that counts requests: a histogram's
     * {@code _count} before a ratio's total (a histogram counts every request; a ratio may count a subset). A total
     * written with increase() is divided by the window, so that every window reads in the same unit. Null when no
     * objective counts requests.
     */
    public static String requestRate(List<Objective> objectives, Duration window) {
        String w = PromDuration.format(window);
        for (Objective o : objectives) {
            HistogramSli h = o.latency != null ? o.latency : o.latencyPercentile != null ? o.latencyPercentile : o.apdex;
            if (h != null) {
                return "sum(rate(" + h.series("_count", "") + "[" + w + "]))";
            }
        }
        for (Objective o : objectives) {
            if (o.ratio != null) {
                String total = new RatioExpressions(o.ratio).total(w);
                return countsOverWindow(total) ? "(" + total + " / " + window.toSeconds() + ")" : total;
            }
        }
        return null;
    }

    /**
     * The latency a latency objective promises at its quantile, in seconds over the window; null for objectives that
     * promise no latency at a quantile (ratio, apdex).
     */
    public static String latencyAtQuantile(Objective objective, Duration window) {
        HistogramSli h = objective.latency != null ? objective.latency : objective.latencyPercentile;
        if (h == null) {
            return null;
        }
        double q = objective.latencyPercentile != null ? objective.latencyPercentile.percentile / 100 : objective.target / 100;
        return "histogram_quantile(" + number(BigDecimal.valueOf(q)) + ", sum by (le) (rate(" + h.series("_bucket", "") + "["
                + PromDuration.format(window) + "])))";
    }

    /**
     * How hard load presses on a latency objective over the window, 1 at its limit: for a latency SLI the share of
     * requests over the threshold per share the target allows (its burn rate), for a percentile SLI the percentile over
     * the threshold. Null for objectives that promise no latency (ratio, apdex).
     */
    public static String strain(Objective objective, Duration window) {
        if (objective.latency != null) {
            return "(" + errorRatio(objective, window) + " / " + number(BigDecimal.valueOf(100 - objective.target).movePointLeft(2)) + ")";
        }
        if (objective.latencyPercentile != null) {
            return "(" + latencyAtQuantile(objective, window) + " / " + seconds(objective.latencyPercentile.threshold) + ")";
        }
        return null;
    }

    private static boolean countsOverWindow(String expression) {
        try {
            Expr e = PromQL.parse(expression);
            return Exprs.calls(e, "increase") || Exprs.calls(e, "count_over_time") || Exprs.calls(e, "sum_over_time");
        } catch (PromQLSyntaxException e) {
            return false; // admission refuses what does not parse; nothing is read from it
        }
    }

    /** Whether windows other than 5m can be read from the source series. */
    boolean fromSource() {
        return objective.latencyPercentile == null;
    }

    /** Events over the window: a per-second rate, or a count when a ratio SLI's total uses increase(). */
    String events(Duration window) {
        String w = PromDuration.format(window);
        if (objective.ratio != null) {
            return new RatioExpressions(objective.ratio).total(w);
        }
        if (objective.latencyPercentile != null) {
            return enoughRequests(objective.latencyPercentile, w);
        }
        return "sum(rate(" + histogram().series("_count", "") + "[" + w + "]))";
    }

    /** Bad events over the window, in the same unit as {@link #events}. */
    String bad(Duration window) {
        String w = PromDuration.format(window);
        if (objective.ratio != null) {
            return new RatioExpressions(objective.ratio).bad(w);
        }
        if (objective.latency != null) {
            return "(" + events(window) + " - " + underThreshold(objective.latency, objective.latency.threshold, 1, w) + ")";
        }
        if (objective.apdex != null) {
            return "(" + events(window) + " - (" + underThreshold(objective.apdex, objective.apdex.threshold, 1, w) + " + "
                    + underThreshold(objective.apdex, objective.apdex.threshold, 4, w) + ") / 2)";
        }
        var p = objective.latencyPercentile;
        // A slice is bad when its percentile is over the threshold and it saw enough requests to count at all.
        return "((histogram_quantile(" + number(BigDecimal.valueOf(p.percentile).movePointLeft(2)) + ", sum by (le) (rate("
                + p.series("_bucket", "") + "[" + w + "]))) > bool " + seconds(p.threshold) + ") * " + enoughRequests(p, w) + ")";
    }

    /** 1 for a slice with at least the SLI's minimum of requests, else 0: the percentile SLI's events. */
    private static String enoughRequests(dev.sqo.api.LatencyPercentileSli p, String w) {
        return "(sum(increase(" + p.series("_count", "") + "[" + w + "])) >= bool " + p.minimumRequests + ")";
    }

    /** Factor from {@link #events} to a count of events in the window. */
    long eventsPerValue(Duration window) {
        boolean counts = objective.ratio != null && objective.ratio.total.contains("increase(");
        return counts ? 1 : window.toSeconds();
    }

    private HistogramSli histogram() {
        return objective.latency != null ? objective.latency : objective.apdex;
    }

    private static String underThreshold(HistogramSli h, String threshold, int multiple, String w) {
        return "sum(rate(" + h.series("_bucket", "le=~\"" + leRegex(PromDuration.parse(threshold).toMillis() / 1000.0 * multiple) + "\"") + "[" + w + "]))";
    }

    /**
     * Matches the bucket bound however the client library spelled it ("0.3", "0.30", "1", "1.0"): rules are
     * rendered without asking Prometheus, unlike the operator's own queries.
     */
    static String leRegex(double bound) {
        String plain = number(bound);
        String escaped = plain.replace(".", "\\\\.");
        return plain.contains(".") ? escaped + "0*" : escaped + "(\\\\.0*)?";
    }

    static String seconds(String duration) {
        return number(PromDuration.parse(duration).toMillis() / 1000.0);
    }

    /** A number as PromQL reads it, without float noise: 0.001, 14.4, 1. */
    static String number(double v) {
        return number(new BigDecimal(Double.toString(v)));
    }

    static String number(BigDecimal v) {
        return v.stripTrailingZeros().toPlainString();
    }
}
