package dev.sqo.reconcile;

import dev.sqo.api.Objective;
import dev.sqo.api.ServiceQuality;
import dev.sqo.metrics.PromAnswer;
import dev.sqo.metrics.PromSeries;
import dev.sqo.metrics.PrometheusAllowlist;
import dev.sqo.metrics.PrometheusApi;
import dev.sqo.metrics.PrometheusEndpoint;
import dev.sqo.metrics.PrometheusEndpointResolver;
import dev.sqo.metrics.PrometheusQueryException;
import dev.sqo.metrics.SliObserver;
import dev.sqo.metrics.SliQuery;
import dev.sqo.testing.Fixtures;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.DoubleStream;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The slices cached for a ServiceQuality go with it when it is deleted; a cycle that Prometheus failed keeps them,
 * so that a struggling Prometheus is not asked for whole windows again.
 */
class EvaluationCacheLifecycleTest {

    private static final Instant T0 = Instant.parse("2026-11-22T12:00:00Z");

    /**
     * Answers every SLI range query with 100 requests and no errors at every step (a slice without data would be read
     * again until it heals) and counts the points asked for; fails everything while down.
     */
    private static final class CountingPrometheus implements PrometheusApi {
        final List<Long> pointsAsked = new ArrayList<>();
        boolean down;

        @Override
        public List<PromSeries> query(PrometheusEndpoint endpoint, String promql, Instant time) throws PrometheusQueryException {
            if (down) {
                throw new PrometheusQueryException("Prometheus at " + endpoint + " did not answer within 1s for query " + promql);
            }
            return List.of();
        }

        @Override
        public PromAnswer queryRangeAnswer(PrometheusEndpoint endpoint, String promql, Instant start, Instant end, Duration step)
                throws PrometheusQueryException {
            if (down) {
                throw new PrometheusQueryException("Prometheus at " + endpoint + " did not answer within 1s for query " + promql);
            }
            long points = (end.getEpochSecond() - start.getEpochSecond()) / step.toSeconds() + 1;
            pointsAsked.add(points);
            long[] times = LongStream.range(0, points).map(i -> start.getEpochSecond() + i * step.toSeconds()).toArray();
            double[] none = new double[(int) points];
            double[] hundred = DoubleStream.generate(() -> 100).limit(points).toArray();
            return new PromAnswer(List.of(new PromSeries(Map.of(SliQuery.PART_LABEL, "errors"), times, none),
                    new PromSeries(Map.of(SliQuery.PART_LABEL, "total"), times, hundred)), false);
        }

        /** Points asked for since the last call. */
        long drain() {
            long sum = pointsAsked.stream().mapToLong(Long::longValue).sum();
            pointsAsked.clear();
            return sum;
        }
    }

    private final CountingPrometheus prometheus = new CountingPrometheus();
    private final ServiceQualityEvaluator evaluator = new ServiceQualityEvaluator(new SliObserver(prometheus),
            new PrometheusEndpointResolver(PrometheusEndpoint.anonymous(URI.create("http://p:9090"), Duration.ofSeconds(1)),
                    new PrometheusAllowlist(List.of())));

    private static ServiceQuality oneRatioObjective() {
        ServiceQuality sq = Fixtures.serviceQuality("scenario.yaml");
        Objective availability = sq.getSpec().objectives.get(0);
        sq.getSpec().objectives = List.of(availability);
        return sq;
    }

    private void evaluate(ServiceQuality sq, Instant at) {
        evaluator.evaluate(sq, at, (ns, n, k) -> Optional.empty());
    }

    @Test
    void aDeletedServiceQualityReadsItsWholeWindowAgainIfItComesBack() {
        ServiceQuality sq = oneRatioObjective();
        evaluate(sq, T0);
        long window = prometheus.drain();
        evaluate(sq, T0.plusSeconds(300));
        assertTrue(prometheus.drain() < 10, "a later cycle reads only the newest slices");

        evaluator.forget(sq);
        evaluate(sq, T0.plusSeconds(600));
        assertEquals(window, prometheus.drain(), "nothing was kept for the deleted resource");
    }

    @Test
    void aCycleThatPrometheusFailedKeepsTheSlicesForTheNext() {
        ServiceQuality sq = oneRatioObjective();
        evaluate(sq, T0);
        prometheus.drain();

        // Past the ten minutes recording coverage is trusted: the failing cycle's first query is the coverage check,
        // and it never reaches the slices.
        prometheus.down = true;
        evaluate(sq, T0.plus(Duration.ofMinutes(15)));
        prometheus.down = false;
        evaluate(sq, T0.plus(Duration.ofMinutes(20)));
        assertTrue(prometheus.drain() < 10, "only the newest slices are read after Prometheus recovers");
    }
}
