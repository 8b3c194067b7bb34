package dev.sqo.metrics;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** The two Prometheus HTTP API calls sqo needs. */
public interface PrometheusApi {

    List<PromSeries> query(PrometheusEndpoint endpoint, String promql, Instant time) throws PrometheusQueryException;

    /** The series of a range query, complete or not: for readers that keep nothing beyond the cycle. */
    default List<PromSeries> queryRange(PrometheusEndpoint endpoint, String promql, Instant start, Instant end, Duration step)
            throws PrometheusQueryException {
        return queryRangeAnswer(endpoint, promql, start, end, step).series();
    }

    /** A range query, saying whether the answer is partial: for readers that keep what they read. */
    PromAnswer queryRangeAnswer(PrometheusEndpoint endpoint, String promql, Instant start, Instant end, Duration step)
            throws PrometheusQueryException;
}
