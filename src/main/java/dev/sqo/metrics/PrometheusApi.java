package dev.sqo.metrics;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** The two Prometheus HTTP API calls sqo needs. */
public interface PrometheusApi {

    List<PromSeries> query(PrometheusEndpoint endpoint, String promql, Instant time) throws PrometheusQueryException;

    List<PromSeries> queryRange(PrometheusEndpoint endpoint, String promql, Instant start, Instant end, Duration step)
            throws PrometheusQueryException;
}
