package dev.sqo.metrics;

import java.util.List;

/**
 * A query's series, and whether Prometheus vouched for them being whole.
 *
 * @param partial the answer came with warnings: a Thanos or Cortex partial response (a store or querier did not
 *                answer), or a Prometheus that left samples out. Such an answer may lack samples that exist, so it
 *                must not be kept as if it were complete. The warnings themselves are not kept: they may quote the
 *                backend's errors, so no message repeats them.
 */
public record PromAnswer(List<PromSeries> series, boolean partial) {
}
