package dev.sqo.metrics;

import dev.sqo.api.HistogramSli;
import dev.sqo.api.Objective;
import dev.sqo.rules.RatioExpressions;
import dev.sqo.slo.ObjectiveEvaluator;
import dev.sqo.slo.SliceSeries;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** Observe step: the slices an objective's evaluation needs, read from Prometheus through the slice store. */
public final class SliObserver {

    private final PrometheusApi api;
    private final SliceStore store;
    private final HistogramBucketCache buckets;
    private final RecordingCoverage recordings;

    public SliObserver(PrometheusApi api) {
        this.api = api;
        this.store = new SliceStore(api);
        this.buckets = new HistogramBucketCache(api);
        this.recordings = new RecordingCoverage(api);
    }

    /** Where an observation's slices came from. */
    public enum Source {
        /** sqo's own recording rules, slo:sli_bad_events:rate5m and slo:sli_events:rate5m. */
        RECORDED("recorded"),
        /** The SLI's source series, as declared. */
        RAW("raw");

        private final String display;

        Source(String display) {
            this.display = display;
        }

        public String display() {
            return display;
        }
    }

    public record Observation(SliceSeries slices, Source source) {
    }

    /**
     * @param owner    the resource that asks: what is cached for it stays until it {@link #settle settles} without
     *                 it or is {@link #forget forgotten}
     * @param identity the objective's recorded-series labels; its recordings are read instead of the source series
     *                 when they cover the whole window
     */
    public Observation observe(String owner, PrometheusEndpoint endpoint, Map<String, String> identity, Objective objective,
                               Duration period, Instant at) throws PrometheusQueryException, SliPlanException {
        long endIndex = SliceSeries.indexAt(at);
        long firstIndex = endIndex - ObjectiveEvaluator.slicesNeeded(period);
        boolean recorded = recordings.cover(owner, endpoint, identity, SliceSeries.startOf(firstIndex + 1), at);
        SliQuery query = recorded ? SliQueryPlanner.recorded(identity) : SliQueryPlanner.plan(objective, buckets.at(owner, endpoint, at));
        return new Observation(store.slices(owner, endpoint, query, firstIndex, endIndex, at), recorded ? Source.RECORDED : Source.RAW);
    }

    /**
     * The owner's cycle at {@code cycle} observed every objective it has: what it did not read in that cycle (an
     * objective or a query edited away) is no longer kept for it.
     */
    public void settle(String owner, Instant cycle) {
        store.settle(owner, cycle);
        buckets.settle(owner, cycle);
        recordings.settle(owner, cycle);
    }

    /** The owner was deleted: nothing is kept for it any more. */
    public void forget(String owner) {
        store.forget(owner);
        buckets.forget(owner);
        recordings.forget(owner);
    }

    /** Entries over all caches, for tests. */
    int cachedEntries() {
        return store.size() + buckets.size() + recordings.size();
    }

    /**
     * Why an objective has no data, named as the user wrote it: which of its expressions returns no series. For a
     * message only; a failing query here says nothing new, and the generic reason stands.
     */
    public String whyNoData(PrometheusEndpoint endpoint, Objective objective, Instant at) {
        try {
            if (objective.ratio != null) {
                RatioExpressions ratio = new RatioExpressions(objective.ratio);
                if (!hasValue(endpoint, ratio.total(SliQueryPlanner.SLICE_RANGE), at)) {
                    return "no traffic: total returns no series (" + objective.ratio.total + ")";
                }
                String field = objective.ratio.errors != null ? "errors" : "good";
                String expression = objective.ratio.errors != null ? objective.ratio.errors : objective.ratio.good;
                if (!hasValue(endpoint, ratio.part(expression, SliQueryPlanner.SLICE_RANGE), at)) {
                    return "total counts events, but " + field + " returns no series (" + expression + "). It reads other metrics "
                            + "than total, so sqo cannot tell none counted yet from not scraped: make it return 0 when there are "
                            + "none, e.g. append: or on() 0 * " + ratio.total();
                }
                return null;
            }
            HistogramSli h = objective.latency != null ? objective.latency : objective.apdex != null ? objective.apdex
                    : objective.latencyPercentile;
            String count = h.series("_count", "");
            return hasValue(endpoint, "sum(" + count + ")", at) ? null : "no traffic: " + count + " has no series";
        } catch (PrometheusQueryException e) {
            return null;
        }
    }

    private boolean hasValue(PrometheusEndpoint endpoint, String promql, Instant at) throws PrometheusQueryException {
        return api.query(endpoint, promql, at).stream().anyMatch(s -> s.values().length > 0 && !Double.isNaN(s.values()[s.values().length - 1]));
    }

    public void evictIdle(Instant now) {
        store.evictIdle(now);
    }
}
