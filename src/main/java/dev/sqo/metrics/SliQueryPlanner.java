package dev.sqo.metrics;

import dev.sqo.api.ApdexSli;
import dev.sqo.api.HistogramSli;
import dev.sqo.api.LatencyPercentileSli;
import dev.sqo.api.LatencySli;
import dev.sqo.api.Objective;
import dev.sqo.api.RatioSli;
import dev.sqo.rules.RatioExpressions;
import dev.sqo.rules.SloSeries;
import dev.sqo.slo.PromDuration;
import dev.sqo.slo.SliceSeries;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Builds the per-slice query of an objective's SLI. */
public final class SliQueryPlanner {

    static final String SLICE_RANGE = PromDuration.format(SliceSeries.SLICE);

    /** The {@code le} label values a histogram has; empty when it has no series. */
    public interface BucketSource {
        List<String> leValues(HistogramSli histogram) throws PrometheusQueryException;
    }

    private SliQueryPlanner() {
    }

    /** @throws SliPlanException when the SLI cannot be measured as declared; the message says how to fix it */
    public static SliQuery plan(Objective objective, BucketSource buckets) throws SliPlanException, PrometheusQueryException {
        if (objective.ratio != null) {
            return ratio(objective.ratio);
        }
        if (objective.latency != null) {
            LatencySli l = objective.latency;
            String good = bucketMatcher(objective, l, l.threshold, 1, buckets);
            return new SliQuery(SliQuery.part(increase(bucket(l, good)), "good") + " or "
                    + SliQuery.part(increase(l.series("_count", "")), "total"),
                    parts -> goodOfTotal(parts.get("good"), parts.get("total")));
        }
        if (objective.apdex != null) {
            ApdexSli a = objective.apdex;
            String satisfied = bucketMatcher(objective, a, a.threshold, 1, buckets);
            String tolerating = bucketMatcher(objective, a, a.threshold, 4, buckets);
            return new SliQuery(SliQuery.part(increase(bucket(a, satisfied)), "satisfied") + " or "
                    + SliQuery.part(increase(bucket(a, tolerating)), "tolerating") + " or "
                    + SliQuery.part(increase(a.series("_count", "")), "total"),
                    SliQueryPlanner::apdex);
        }
        if (objective.latencyPercentile != null) {
            LatencyPercentileSli p = objective.latencyPercentile;
            double threshold = seconds(p.threshold);
            requireBelowHighestBound(objective, p, threshold, buckets);
            String quantile = "histogram_quantile(" + p.percentile / 100.0 + ", sum by (le) ("
                    + increase(p.series("_bucket", "")) + "))";
            long minimum = p.minimumRequests;
            return new SliQuery("label_replace(" + quantile + ", \"" + SliQuery.PART_LABEL + "\", \"quantile\", \"\", \"\") or "
                    + SliQuery.part(increase(p.series("_count", "")), "requests"),
                    parts -> slowSlice(parts.get("quantile"), parts.get("requests"), minimum, threshold));
        }
        throw new SliPlanException("objective " + objective.name + " has no SLI");
    }

    /**
     * The slices from sqo's own 5-minute recordings of an objective: per-second rates whose ratio per slice is the
     * same as that of the source counters, read with one cheap query instead of the SLI's own.
     */
    public static SliQuery recorded(Map<String, String> identity) {
        String selector = SloSeries.selector(identity);
        return new SliQuery("label_replace(" + SloSeries.BAD_EVENTS + "5m" + selector + ", \"" + SliQuery.PART_LABEL
                + "\", \"bad\", \"\", \"\") or label_replace(" + SloSeries.EVENTS + "5m" + selector + ", \"" + SliQuery.PART_LABEL
                + "\", \"total\", \"\", \"\")",
                parts -> both(parts.get("bad"), parts.get("total")) ? new double[]{parts.get("bad"), parts.get("total")} : null);
    }

    private static SliQuery ratio(RatioSli r) {
        RatioExpressions ratio = new RatioExpressions(r);
        String total = SliQuery.part(ratio.total(SLICE_RANGE), "total");
        String name = r.errors != null ? "errors" : "good";
        String expression = r.errors != null ? r.errors : r.good;
        boolean absentMeansNone = ratio.absentMeansNone(expression);
        return new SliQuery(SliQuery.part(ratio.part(expression, SLICE_RANGE), name) + " or " + total, parts -> {
            Double counted = parts.get(name);
            Double all = parts.get("total");
            if (counted == null && absentMeansNone && all != null) {
                counted = 0.0;
            }
            return r.errors != null ? (both(counted, all) ? new double[]{counted, all} : null) : goodOfTotal(counted, all);
        });
    }

    private static double[] goodOfTotal(Double good, Double total) {
        return both(good, total) ? new double[]{total - good, total} : null;
    }

    /** Apdex = (satisfied + tolerating / 2) / total, where the le=4T bucket already holds the satisfied ones. */
    private static double[] apdex(Map<String, Double> parts) {
        Double sat = parts.get("satisfied");
        Double upTo4T = parts.get("tolerating");
        Double total = parts.get("total");
        if (!both(sat, total) || upTo4T == null || Double.isNaN(upTo4T)) {
            return null;
        }
        return new double[]{total - (sat + upTo4T) / 2.0, total};
    }

    /**
     * Percentile SLIs count slices: one event per slice with at least the minimum of requests, bad when its
     * percentile is over the threshold. A quieter slice is not counted at all.
     */
    private static double[] slowSlice(Double quantile, Double requests, long minimumRequests, double threshold) {
        if (!both(quantile, requests) || requests < minimumRequests) {
            return null;
        }
        return new double[]{quantile > threshold ? 1 : 0, 1};
    }

    private static boolean both(Double a, Double b) {
        return a != null && b != null && !Double.isNaN(a) && !Double.isNaN(b);
    }

    private static String bucketMatcher(Objective objective, HistogramSli h, String threshold, int multiple,
                                      BucketSource buckets) throws SliPlanException, PrometheusQueryException {
        double bound = seconds(threshold) * multiple;
        List<String> les = existingBuckets(objective, h, buckets);
        Optional<String> le = BucketBound.matcher(les, bound);
        if (le.isEmpty()) {
            throw new SliPlanException("objective " + objective.name + ": " + (multiple == 1 ? "threshold " : "4 x threshold ")
                    + PromDuration.format(java.time.Duration.ofMillis(Math.round(bound * 1000))) + " (" + bound
                    + "s) is not a bucket bound of " + h.metric + "; its buckets are le=" + String.join(", ", les));
        }
        return le.get();
    }

    /**
     * histogram_quantile answers with the highest finite bound when the percentile lies in the +Inf bucket, so a
     * threshold at or above that bound could never see a slow slice.
     */
    private static void requireBelowHighestBound(Objective objective, HistogramSli h, double threshold, BucketSource buckets)
            throws SliPlanException, PrometheusQueryException {
        List<String> les = existingBuckets(objective, h, buckets);
        Optional<Double> highest = BucketBound.highestFinite(les);
        if (highest.isEmpty() || threshold >= highest.get()) {
            throw new SliPlanException("objective " + objective.name + ": threshold " + threshold
                    + "s must be below the highest finite bucket bound of " + h.metric + " (" + highest.map(String::valueOf).orElse("none")
                    + "s), or latencies beyond it cannot be told apart from it");
        }
    }

    private static List<String> existingBuckets(Objective objective, HistogramSli h, BucketSource buckets)
            throws SliPlanException, PrometheusQueryException {
        List<String> les = buckets.leValues(h);
        if (les.isEmpty()) {
            throw new SliPlanException("objective " + objective.name + ": no series " + h.series("_bucket", "")
                    + " found; check metric and selector");
        }
        return les;
    }

    static double seconds(String duration) {
        return PromDuration.parse(duration).toMillis() / 1000.0;
    }

    private static String increase(String selector) {
        return "increase(" + selector + "[" + SLICE_RANGE + "])";
    }

    private static String bucket(HistogramSli h, String le) {
        return h.series("_bucket", "le=~\"" + le + "\"");
    }
}
