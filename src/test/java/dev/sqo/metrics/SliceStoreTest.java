package dev.sqo.metrics;

import dev.sqo.slo.SliceSeries;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each cycle fetches only the newest slices, so its cost does not grow with the SLO window. */
class SliceStoreTest {

    private static final PrometheusEndpoint ENDPOINT = PrometheusEndpoint.anonymous(URI.create("http://p:9090"), Duration.ofSeconds(1));
    private static final String OWNER = "shop/checkout";
    private static final SliQuery QUERY = new SliQuery("q",
            parts -> parts.containsKey("total") ? new double[]{parts.get("errors"), parts.get("total")} : null);

    /** Answers every range query with errors = 1 and total = 100 at each step, and remembers what was asked. */
    private static final class FakePrometheus implements PrometheusApi {
        final List<Long> stepsAsked = new ArrayList<>();
        Long missingSlice;

        @Override
        public List<PromSeries> query(PrometheusEndpoint endpoint, String promql, Instant time) {
            throw new AssertionError("no instant queries expected");
        }

        @Override
        public List<PromSeries> queryRange(PrometheusEndpoint endpoint, String promql, Instant start, Instant end, Duration step) {
            List<Long> ts = new ArrayList<>();
            for (long t = start.getEpochSecond(); t <= end.getEpochSecond(); t += step.toSeconds()) {
                if (missingSlice == null || t / 300 - 1 != missingSlice) {
                    ts.add(t);
                }
            }
            stepsAsked.add((end.getEpochSecond() - start.getEpochSecond()) / step.toSeconds() + 1);
            long[] times = ts.stream().mapToLong(Long::longValue).toArray();
            double[] ones = new double[times.length];
            double[] hundreds = new double[times.length];
            java.util.Arrays.fill(ones, 1);
            java.util.Arrays.fill(hundreds, 100);
            return List.of(new PromSeries(Map.of("sqo_part", "errors"), times, ones),
                    new PromSeries(Map.of("sqo_part", "total"), times, hundreds));
        }
    }

    @Test
    void firstCycleFetchesTheWindowInChunksLaterCyclesOnlyTheNewest() throws Exception {
        FakePrometheus prometheus = new FakePrometheus();
        SliceStore store = new SliceStore(prometheus);
        Instant t0 = Instant.parse("2026-11-22T12:00:00Z");
        long end = SliceSeries.indexAt(t0);
        int span = 90 * 288;

        SliceSeries first = store.slices(OWNER, ENDPOINT, QUERY, end - span, end, t0);
        assertEquals(List.of(10_000L, 10_000L, 5_920L), prometheus.stepsAsked, "90 days in chunks Prometheus accepts");
        assertEquals(100.0, first.total(end - span));
        assertEquals(1.0, first.bad(end - 1));

        prometheus.stepsAsked.clear();
        SliceSeries sameSlice = store.slices(OWNER, ENDPOINT, QUERY, end - span, end, t0.plusSeconds(30));
        assertEquals(List.of((long) SliceStore.REFRESHED_SLICES), prometheus.stepsAsked, "only the recent slices again");
        assertTrue(sameSlice.hasData(end - span));

        prometheus.stepsAsked.clear();
        SliceSeries next = store.slices(OWNER, ENDPOINT, QUERY, end - span + 1, end + 1, t0.plusSeconds(300));
        assertEquals(List.of(SliceStore.REFRESHED_SLICES + 1L), prometheus.stepsAsked);
        assertEquals(span, next.size());
        assertTrue(next.hasData(end));
    }

    @Test
    void sliceWithoutSamplesStaysNoData() throws Exception {
        FakePrometheus prometheus = new FakePrometheus();
        Instant t0 = Instant.parse("2026-11-22T12:00:00Z");
        long end = SliceSeries.indexAt(t0);
        prometheus.missingSlice = end - 10;
        SliceSeries s = new SliceStore(prometheus).slices(OWNER, ENDPOINT, QUERY, end - 288, end, t0);
        assertFalse(s.hasData(end - 10));
        assertTrue(Double.isNaN(s.total(end - 10)));
        assertTrue(s.hasData(end - 11));
    }

    @Test
    void identicalQueriesShareOneEntryAndIdleOnesAreEvicted() throws Exception {
        FakePrometheus prometheus = new FakePrometheus();
        SliceStore store = new SliceStore(prometheus);
        Instant t0 = Instant.parse("2026-11-22T12:00:00Z");
        long end = SliceSeries.indexAt(t0);
        store.slices(OWNER, ENDPOINT, QUERY, end - 288, end, t0);
        store.slices(OWNER, ENDPOINT, QUERY, end - 288, end, t0);
        assertEquals(1, store.size());
        store.evictIdle(t0.plus(Duration.ofHours(2)));
        assertEquals(0, store.size());
    }

    @Test
    void resourcesWithDifferentWindowsShareWithoutRefetching() throws Exception {
        FakePrometheus prometheus = new FakePrometheus();
        SliceStore store = new SliceStore(prometheus);
        Instant t0 = Instant.parse("2026-11-22T12:00:00Z");
        long end = SliceSeries.indexAt(t0);
        store.slices(OWNER, ENDPOINT, QUERY, end - 30 * 288, end, t0);
        store.slices(OWNER, ENDPOINT, QUERY, end - 7 * 288, end, t0);
        prometheus.stepsAsked.clear();
        SliceSeries month = store.slices(OWNER, ENDPOINT, QUERY, end - 30 * 288, end, t0.plusSeconds(30));
        assertEquals(List.of((long) SliceStore.REFRESHED_SLICES), prometheus.stepsAsked, "the 7-day reader kept the 30-day slices");
        assertTrue(month.hasData(end - 30 * 288));
    }

    @Test
    void memoryDoesNotGrowAsTimeMovesOn() throws Exception {
        FakePrometheus prometheus = new FakePrometheus();
        SliceStore store = new SliceStore(prometheus);
        Instant t0 = Instant.parse("2026-11-22T12:00:00Z");
        long end = SliceSeries.indexAt(t0);
        SliceSeries s = null;
        for (int cycle = 0; cycle < 50; cycle++) {
            s = store.slices(OWNER, ENDPOINT, QUERY, end - 288 + cycle, end + cycle, t0.plusSeconds(300L * cycle));
        }
        assertEquals(288, s.size());
        assertEquals(288, store.knownSlices());
    }
}
