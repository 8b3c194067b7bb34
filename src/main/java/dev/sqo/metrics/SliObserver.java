package dev.sqo.metrics;

import dev.sqo.api.Objective;
import dev.sqo.slo.ObjectiveEvaluator;
import dev.sqo.slo.SliceSeries;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** Observe step: the slices an objective's evaluation needs, read from Prometheus through the slice store. */
public final class SliObserver {

    private final SliceStore store;
    private final HistogramBucketCache buckets;
    private final RecordingCoverage recordings;

    public SliObserver(PrometheusApi api) {
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
     * @param identity the objective's recorded-series labels; its recordings are read instead of the source series
     *                 when they cover the whole window
     */
    public Observation observe(PrometheusEndpoint endpoint, Map<String, String> identity, Objective objective,
                               Duration period, Instant at) throws PrometheusQueryException, SliPlanException {
        long endIndex = SliceSeries.indexAt(at);
        long firstIndex = endIndex - ObjectiveEvaluator.slicesNeeded(period);
        boolean recorded = recordings.cover(endpoint, identity, SliceSeries.startOf(firstIndex + 1), at);
        SliQuery query = recorded ? SliQueryPlanner.recorded(identity) : SliQueryPlanner.plan(objective, buckets.at(endpoint, at));
        return new Observation(store.slices(endpoint, query, firstIndex, endIndex, at), recorded ? Source.RECORDED : Source.RAW);
    }

    public void evictIdle(Instant now) {
        store.evictIdle(now);
    }
}
