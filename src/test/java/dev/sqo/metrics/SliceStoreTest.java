package dev.sqo.metrics;

import dev.sqo.slo.SliceSeries;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongPredicate;

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
        LongPredicate missing = slice -> false;

        @Override
        public List<PromSeries> query(PrometheusEndpoint endpoint, String promql, Instant time) {
            throw new AssertionError("no instant queries expected");
        }

        @Override
        public PromAnswer queryRangeAnswer(PrometheusEndpoint endpoint, String promql, Instant start, Instant end, Duration step) {
            List<Long> ts = new ArrayList<>();
            for (long t = start.getEpochSecond(); t <= end.getEpochSecond(); t += step.toSeconds()) {
                if (!missing.test(t / 300 - 1)) {
                    ts.add(t);
                }
            }
            stepsAsked.add((end.getEpochSecond() - start.getEpochSecond()) / step.toSeconds() + 1);
            long[] times = ts.stream().mapToLong(Long::longValue).toArray();
            double[] ones = new double[times.length];
            double[] hundreds = new double[times.length];
            java.util.Arrays.fill(ones, 1);
            java.util.Arrays.fill(hundreds, 100);
            return new PromAnswer(List.of(new PromSeries(Map.of("sqo_part", "errors"), times, ones),
                    new PromSeries(Map.of("sqo_part", "total"), times, hundreds)), false);
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
        prometheus.missing = slice -> slice == end - 10;
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

    @Test
    void aServiceWithoutTrafficIsReadAFewTimesThenLeftAlone() throws Exception {
        FakePrometheus prometheus = new FakePrometheus();
        SliceStore store = new SliceStore(prometheus);
        Instant t0 = Instant.parse("2026-11-22T12:00:00Z");
        long end = SliceSeries.indexAt(t0);
        // A new service: a day of traffic, before it none; and none since two hours before the first cycle.
        prometheus.missing = slice -> slice < end - 288 || slice >= end - 24;
        SliceSeries s = store.slices(OWNER, ENDPOINT, QUERY, end - 30 * 288, end, t0);
        for (int minute = 1; minute <= 3 * 60; minute++) {
            if (minute == 2 * 60) {
                prometheus.stepsAsked.clear();
            }
            Instant at = t0.plus(Duration.ofMinutes(minute));
            long now = SliceSeries.indexAt(at);
            s = store.slices(OWNER, ENDPOINT, QUERY, now - 30 * 288, now, at);
        }
        // From two hours on, the slices without traffic have been read a few times and are left alone: only the last
        // hour is read again, in the query that reads the newest slices anyway, and a slice leaving it once more.
        assertTrue(prometheus.stepsAsked.stream().allMatch(slices -> slices <= SliceStore.RECENT_SLICES + 1),
                "no query of old quiet slices after two hours: " + prometheus.stepsAsked);
        assertEquals(1.0, s.bad(end - 100));
        assertTrue(s.isRead(end - 20 * 288), "no traffic is a complete read");
    }
}
