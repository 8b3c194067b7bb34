package dev.sqo.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Times every query sqo sends to Prometheus, as {@code sqo_prometheus_query_duration_seconds{api, outcome}}: its
 * count is the number of queries and the failures are the ones with outcome "failure". A slow or failing
 * Prometheus is the first thing to rule out when statuses go stale.
 */
public final class TimedPrometheusApi implements PrometheusApi {

    static final String METRIC = "sqo_prometheus_query_duration";

    private final PrometheusApi api;
    private final MeterRegistry registry;

    public TimedPrometheusApi(PrometheusApi api, MeterRegistry registry) {
        this.api = api;
        this.registry = registry;
    }

    @Override
    public List<PromSeries> query(PrometheusEndpoint endpoint, String promql, Instant time) throws PrometheusQueryException {
        return timed("query", () -> api.query(endpoint, promql, time));
    }

    @Override
    public PromAnswer queryRangeAnswer(PrometheusEndpoint endpoint, String promql, Instant start, Instant end, Duration step)
            throws PrometheusQueryException {
        return timed("query_range", () -> api.queryRangeAnswer(endpoint, promql, start, end, step));
    }

    @FunctionalInterface
    private interface Query<T> {
        T run() throws PrometheusQueryException;
    }

    private <T> T timed(String kind, Query<T> query) throws PrometheusQueryException {
        Timer.Sample sample = Timer.start(registry);
        String outcome = "failure";
        try {
            T result = query.run();
            outcome = "success";
            return result;
        } finally {
            sample.stop(Timer.builder(METRIC).description("Queries sqo sent to Prometheus, by API and outcome (success or failure).")
                    .tags("api", kind, "outcome", outcome).register(registry));
        }
    }
}
