package dev.sqo.metrics;

import dev.sqo.api.Objective;
import dev.sqo.slo.ObjectiveEvaluator;
import dev.sqo.slo.SliceSeries;

import java.time.Duration;
import java.time.Instant;

/** Observe step: the slices an objective's evaluation needs, read from Prometheus through the slice store. */
public final class SliObserver {

    private final SliceStore store;
    private final HistogramBucketCache buckets;

    public SliObserver(PrometheusApi api) {
        this.store = new SliceStore(api);
        this.buckets = new HistogramBucketCache(api);
    }

    public SliceSeries observe(PrometheusEndpoint endpoint, Objective objective, Duration period, Instant at)
            throws PrometheusQueryException, SliPlanException {
        SliQuery query = SliQueryPlanner.plan(objective, buckets.at(endpoint, at));
        long endIndex = SliceSeries.indexAt(at);
        return store.slices(endpoint, query, endIndex - ObjectiveEvaluator.slicesNeeded(period), endIndex, at);
    }

    public void evictIdle(Instant now) {
        store.evictIdle(now);
    }
}
