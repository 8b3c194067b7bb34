package dev.sqo.metrics;

import dev.sqo.api.HistogramSli;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** The bucket bounds of histograms, looked up again only every few minutes: they change with deployments, rarely. */
final class HistogramBucketCache {

    private static final Duration TTL = Duration.ofMinutes(10);
    static final int MAX_HISTOGRAMS = 4096;

    private record Key(String endpoint, String series) {
    }

    private record Known(List<String> leValues, Instant fetched) {
    }

    private final PrometheusApi api;
    private final OwnedCache<Key, Known> known = new OwnedCache<>(MAX_HISTOGRAMS);

    HistogramBucketCache(PrometheusApi api) {
        this.api = api;
    }

    /** @param owner the resource that asks, see {@link OwnedCache} */
    SliQueryPlanner.BucketSource at(String owner, PrometheusEndpoint endpoint, Instant time) {
        return histogram -> leValues(owner, endpoint, histogram, time);
    }

    void settle(String owner, Instant cycle) {
        known.settle(owner, cycle);
    }

    void forget(String owner) {
        known.forget(owner);
    }

    int size() {
        return known.size();
    }

    private List<String> leValues(String owner, PrometheusEndpoint endpoint, HistogramSli h, Instant time) throws PrometheusQueryException {
        String series = h.series("_bucket", "");
        Key key = new Key(endpoint.cacheKey(), series);
        Known k = known.get(owner, key, time);
        if (k != null && !k.fetched().plus(TTL).isBefore(time) && !k.fetched().isAfter(time)) {
            return k.leValues();
        }
        // last_over_time: a histogram that saw no sample in the last scrape interval still has its buckets.
        List<String> les = api.query(endpoint, "count by (le) (last_over_time(" + series + "[1h]))", time).stream()
                .map(s -> s.label("le")).filter(le -> le != null).sorted(HistogramBucketCache::byBound).toList();
        known.put(owner, key, new Known(les, time), time);
        return les;
    }

    private static int byBound(String a, String b) {
        return Double.compare(bound(a), bound(b));
    }

    private static double bound(String le) {
        try {
            return Double.parseDouble(le);
        } catch (NumberFormatException e) {
            return Double.POSITIVE_INFINITY;
        }
    }
}
