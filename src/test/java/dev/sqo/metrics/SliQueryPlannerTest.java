package dev.sqo.metrics;

import dev.sqo.api.ApdexSli;
import dev.sqo.api.LatencySli;
import dev.sqo.api.Objective;
import dev.sqo.api.RatioSli;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SliQueryPlannerTest {

    private static final SliQueryPlanner.BucketSource BUCKETS = h -> List.of("0.1", "0.3", "1.2", "+Inf");

    @Test
    void everySpellingOfTheBoundCounts() throws Exception {
        Objective o = new Objective();
        o.name = "latency";
        o.latency = new LatencySli();
        o.latency.metric = "h";
        o.latency.threshold = "1s";
        SliQuery q = SliQueryPlanner.plan(o, h -> List.of("0.5", "1", "1.0", "+Inf"));
        assertTrue(q.promql().contains("h_bucket{le=~\"1|1\\\\.0\"}"), q.promql());
    }

    @Test
    void percentileThresholdMustBeBelowTheHighestFiniteBound() {
        Objective o = new Objective();
        o.name = "p99";
        o.latencyPercentile = new dev.sqo.api.LatencyPercentileSli();
        o.latencyPercentile.metric = "h";
        o.latencyPercentile.percentile = 99;
        o.latencyPercentile.threshold = "2s";
        SliPlanException e = assertThrows(SliPlanException.class, () -> SliQueryPlanner.plan(o, BUCKETS));
        assertTrue(e.getMessage().contains("must be below the highest finite bucket bound of h (1.2s)"), e.getMessage());
    }

    @Test
    void ratioIsOneQueryWithBothParts() throws Exception {
        Objective o = new Objective();
        o.name = "availability";
        o.ratio = new RatioSli();
        o.ratio.errors = "sum(rate(x{code=~\"5..\"}[{{window}}]))";
        o.ratio.total = "sum(rate(x[{{window}}]))";
        SliQuery q = SliQueryPlanner.plan(o, BUCKETS);
        assertEquals("label_replace(sum(rate(x{code=~\"5..\"}[5m])), \"sqo_part\", \"errors\", \"\", \"\")"
                + " or label_replace(sum(rate(x[5m])), \"sqo_part\", \"total\", \"\", \"\")", q.promql());
        assertArrayEquals(new double[]{2, 100}, q.decoder().decode(Map.of("errors", 2.0, "total", 100.0)));
        // Errors of the metric total counts: a 5xx counter not created yet reads 0 while total has a value.
        assertArrayEquals(new double[]{0, 100}, q.decoder().decode(Map.of("total", 100.0)));
        assertNull(q.decoder().decode(Map.of("errors", 2.0)), "without total, no data");
    }

    @Test
    void errorsOfAnotherMetricAreNeverFilledIn() throws Exception {
        Objective o = new Objective();
        o.name = "availability";
        o.ratio = new RatioSli();
        o.ratio.errors = "rate(failures_total[{{window}}])";
        o.ratio.total = "rate(requests_total[{{window}}])";
        SliQuery q = SliQueryPlanner.plan(o, BUCKETS);
        assertNull(q.decoder().decode(Map.of("total", 100.0)), "sqo cannot tell a counter not yet created from a target not scraped");
    }

    @Test
    void latencyUsesTheBucketLabelAsPrometheusSpellsIt() throws Exception {
        Objective o = new Objective();
        o.name = "latency";
        o.latency = new LatencySli();
        o.latency.metric = "http_request_duration_seconds";
        o.latency.selector = "job=\"checkout\", ";
        o.latency.threshold = "300ms";
        SliQuery q = SliQueryPlanner.plan(o, BUCKETS);
        assertTrue(q.promql().contains("http_request_duration_seconds_bucket{job=\"checkout\",le=~\"0\\\\.3\"}[5m]"), q.promql());
        assertTrue(q.promql().contains("http_request_duration_seconds_count{job=\"checkout\"}[5m]"), q.promql());
        assertArrayEquals(new double[]{10, 100}, q.decoder().decode(Map.of("good", 90.0, "total", 100.0)));
    }

    @Test
    void apdexIsSatisfiedPlusHalfTolerating() throws Exception {
        Objective o = new Objective();
        o.name = "apdex";
        o.apdex = new ApdexSli();
        o.apdex.metric = "h";
        o.apdex.threshold = "300ms";
        SliQuery q = SliQueryPlanner.plan(o, BUCKETS);
        // 60 satisfied (<= T), 30 tolerating (T < x <= 4T), 10 frustrated: Apdex = (60 + 30/2) / 100 = 0.75.
        double[] badTotal = q.decoder().decode(Map.of("satisfied", 60.0, "tolerating", 90.0, "total", 100.0));
        assertEquals(0.75, 1 - badTotal[0] / badTotal[1], 1e-12);
    }

    @Test
    void thresholdOffTheBucketsIsExplained() {
        Objective o = new Objective();
        o.name = "latency";
        o.latency = new LatencySli();
        o.latency.metric = "h";
        o.latency.threshold = "250ms";
        SliPlanException e = assertThrows(SliPlanException.class, () -> SliQueryPlanner.plan(o, BUCKETS));
        assertEquals("objective latency: threshold 250ms (0.25s) is not a bucket bound of h; its buckets are le=0.1, 0.3, 1.2, +Inf",
                e.getMessage());
    }

    @Test
    void histogramWithoutSeriesIsExplained() {
        Objective o = new Objective();
        o.name = "latency";
        o.latency = new LatencySli();
        o.latency.metric = "h";
        o.latency.threshold = "300ms";
        SliPlanException e = assertThrows(SliPlanException.class, () -> SliQueryPlanner.plan(o, h -> List.of()));
        assertTrue(e.getMessage().contains("no series h_bucket{} found"), e.getMessage());
    }
}
