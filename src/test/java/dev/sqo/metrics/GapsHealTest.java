package dev.sqo.metrics;

import dev.sqo.slo.SliceSeries;
import dev.sqo.testing.GappyPrometheus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A Prometheus whose answers have gaps: a partial response (an answer with warnings, as Thanos or Cortex give when
 * a store does not answer), slices missing from a clean answer, a 503 on a second reading. What is not read whole
 * is read again in a later cycle and heals, at a bounded cost per cycle; what was read is told apart from what was
 * not.
 */
class GapsHealTest {

    private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");
    private static final long END = SliceSeries.indexAt(NOW);
    private static final int DAY = 288;
    private static final String OWNER = "shop/checkout";
    private static final SliQuery QUERY = new SliQuery(SliQuery.part("sum(increase(http_requests_total{code=~\"5..\"}[5m]))", "errors")
            + " or " + SliQuery.part("sum(increase(http_requests_total[5m]))", "total"), parts -> parts.containsKey("total")
            ? new double[]{parts.getOrDefault("errors", 0.0), parts.get("total")} : null);

    private final GappyPrometheus prometheus = GappyPrometheus.start();
    private final SliceStore store = new SliceStore(new HttpPrometheusApi());

    @AfterEach
    void stop() {
        prometheus.close();
    }

    private SliceSeries cycle(int days, Instant at) throws PrometheusQueryException {
        long end = SliceSeries.indexAt(at);
        return store.slices(OWNER, prometheus.endpoint(), QUERY, end - (long) days * DAY, end, at);
    }

    private static boolean allRead(SliceSeries s) {
        for (long i = s.firstIndex(); i < s.firstIndex() + s.size(); i++) {
            if (!s.isRead(i)) {
                return false;
            }
        }
        return true;
    }

    @Test
    void aPartialAnswerIsNotKeptAsCompleteAndHealsInTheNextCycle() throws Exception {
        long hiddenDay = END - 3 * DAY;
        // The store holding three days ago did not answer; the querier says so in a warning.
        prometheus.warnings(true).counts(slice -> slice >= hiddenDay && slice < hiddenDay + DAY ? null : new double[]{1, 100});
        SliceSeries partial = cycle(7, NOW);
        assertFalse(partial.hasData(hiddenDay + 10), "the hidden day has nothing");
        assertEquals(100.0, partial.total(END - 1), "what the answer has is kept, to be shown as partial");
        assertFalse(partial.isRead(END - 1), "but no slice of a partial answer counts as read: its sums may be short");
        assertFalse(partial.isRead(hiddenDay + 10));

        prometheus.warnings(false).counts(slice -> new double[]{1, 100});
        SliceSeries healed = cycle(7, NOW.plus(Duration.ofMinutes(5)));
        assertEquals(100.0, healed.total(hiddenDay + 10), "the hidden day is read again and heals");
        assertEquals(1.0, healed.bad(hiddenDay));
        assertTrue(allRead(healed), "the whole window is read");
    }

    @Test
    void aSliceMissingFromACleanAnswerIsReadAgainAndHeals() throws Exception {
        long scrapeGap = END - 3;
        long oldGap = END - 2 * DAY;
        prometheus.counts(slice -> slice == scrapeGap || slice == oldGap ? null : new double[]{1, 100});
        SliceSeries first = cycle(30, NOW);
        assertFalse(first.hasData(scrapeGap));
        assertTrue(first.isRead(oldGap), "a clean answer without a slice is read: no traffic is complete data");

        prometheus.counts(slice -> new double[]{1, 100});
        SliceSeries second = cycle(30, NOW.plusSeconds(30));
        assertEquals(100.0, second.total(scrapeGap), "a recent gap is read again the next cycle");
        assertFalse(second.hasData(oldGap), "an old one after a backoff");

        SliceSeries later = cycle(30, NOW.plus(Duration.ofMinutes(5)));
        assertEquals(100.0, later.total(oldGap), "and heals then");
    }

    @Test
    void aFailedSecondReadingKeepsTheCycleAndHealsLater() throws Exception {
        long oldGap = END - 2 * DAY;
        prometheus.counts(slice -> slice == oldGap ? null : new double[]{1, 100});
        cycle(30, NOW);

        prometheus.counts(slice -> new double[]{1, 100}).failing(first -> first <= oldGap).forget();
        SliceSeries failed = cycle(30, NOW.plus(Duration.ofMinutes(5)));
        assertTrue(prometheus.asked().stream().anyMatch(a -> a.first() <= oldGap), "the old gap was asked for again");
        assertEquals(100.0, failed.total(END), "the cycle still has its newest slice");
        assertFalse(failed.hasData(oldGap));

        prometheus.failing(first -> false);
        SliceSeries healed = cycle(30, NOW.plus(Duration.ofMinutes(10)));
        assertEquals(100.0, healed.total(oldGap));
    }

    @Test
    void aWholeWindowOfPartialAnswersHealsAWeekPerCycleNeverTheWindowEachCycle() throws Exception {
        prometheus.warnings(true);
        cycle(30, NOW);
        prometheus.warnings(false).forget();

        Instant at = NOW.plus(Duration.ofMinutes(5));
        SliceSeries s = cycle(30, at);
        int cycles = 1;
        while (!allRead(s)) {
            at = at.plusSeconds(30);
            s = cycle(30, at);
            cycles++;
        }
        assertEquals(5, cycles, "30 days a week at a time");
        assertTrue(prometheus.asked().stream().allMatch(a -> a.slices() <= SliceStore.REREAD_SLICES),
                "no query of more than a week while healing: " + prometheus.asked());

        prometheus.forget();
        cycle(30, at.plusSeconds(30));
        assertEquals(1, prometheus.asked().size());
        assertEquals(SliceStore.REFRESHED_SLICES, prometheus.asked().get(0).slices(), "once read, only the newest slices again");
    }

    @Test
    void infosLeaveAnAnswerWhole() throws Exception {
        prometheus.infos(true);
        assertTrue(allRead(cycle(7, NOW)), "an info comments on the query; the answer is complete");
    }
}
