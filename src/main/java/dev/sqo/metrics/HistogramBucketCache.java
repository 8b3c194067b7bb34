package dev.sqo.metrics;

import dev.sqo.api.HistogramSli;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The bucket bounds of histograms, looked up again only every few minutes: they change with deployments, rarely. */
final class HistogramBucketCache {

    private static final Duration TTL = Duration.ofMinutes(10);

    private record Key(String endpoint, String series) {
    }

    private record Known(List<String> leValues, Instant fetched) {
    }

    private final PrometheusApi api;
    private final Map<Key, Known> known = new ConcurrentHashMap<>();

    HistogramBucketCache(PrometheusApi api) {
        this.api = api;
    }

    SliQueryPlanner.BucketSource at(PrometheusEndpoint endpoint, Instant time) {
        return histogram -> leValues(endpoint, histogram, time);
    }

    private List<String> leValues(PrometheusEndpoint endpoint, HistogramSli h, Instant time) throws PrometheusQueryException {
        String series = h.series("_bucket", "");
        Key key = new Key(endpoint.cacheKey(), series);
        Known k = known.get(key);
        if (k != null && !k.fetched().plus(TTL).isBefore(time) && !k.fetched().isAfter(time)) {
            return k.leValues();
        }
        // last_over_time: a histogram that saw no sample in the last scrape interval still has its buckets.
        List<String> les = api.query(endpoint, "count by (le) (last_over_time(" + series + "[1h]))", time).stream()
                .map(s -> s.label("le")).filter(le -> le != null).sorted(HistogramBucketCache::byBound).toList();
        known.put(key, new Known(les, time));
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
