package dev.sqo.metrics;

import dev.sqo.rules.SloSeries;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Whether sqo's recording rules have data for an objective over a whole window. Recordings that started
 * yesterday would show one day as if it were thirty, so the evaluation switches to them only when they reach back
 * to the window's first slice (after 30 days, or at once after a promtool backfill). Checked every few minutes.
 */
final class RecordingCoverage {

    private static final Duration TTL = Duration.ofMinutes(10);
    static final int MAX_OBJECTIVES = 4096;

    private record Known(boolean covered, Instant checked) {
    }

    private final PrometheusApi api;
    private final OwnedCache<String, Known> known = new OwnedCache<>(MAX_OBJECTIVES);

    RecordingCoverage(PrometheusApi api) {
        this.api = api;
    }

    /** @param owner the resource that asks, see {@link OwnedCache} */
    boolean cover(String owner, PrometheusEndpoint endpoint, Map<String, String> identity, Instant windowStart, Instant at)
            throws PrometheusQueryException {
        String selector = SloSeries.selector(identity);
        String key = endpoint.cacheKey() + "\n" + selector;
        Known k = known.get(owner, key, at);
        if (k != null && !k.checked().plus(TTL).isBefore(at) && !k.checked().isAfter(at)) {
            return k.covered();
        }
        String query = "count(" + SloSeries.EVENTS + "5m" + selector + ") and count(" + SloSeries.BAD_EVENTS + "5m" + selector + ")";
        boolean covered = !api.query(endpoint, query, at).isEmpty() && !api.query(endpoint, query, windowStart).isEmpty();
        known.put(owner, key, new Known(covered, at), at);
        return covered;
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
}
