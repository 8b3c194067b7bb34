package dev.sqo.slo;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ObjectiveEvaluatorTest {

    private static final Duration D30 = Duration.ofDays(30);
    private static final Instant AT = Instant.parse("2026-11-22T12:00:00Z");
    private static final long END = SliceSeries.indexAt(AT);
    private static final int SPAN = ObjectiveEvaluator.slicesNeeded(D30);

    /** 30 days of 5-minute slices of 1000 requests each, changed slice by slice before building. */
    private static final class Slices {
        final double[] bad = new double[SPAN];
        final double[] total = new double[SPAN];

        Slices(double errorRatio) {
            Arrays.fill(bad, 1000 * errorRatio);
            Arrays.fill(total, 1000);
        }

        Slices last(int count, double errorRatio) {
            for (int i = SPAN - count; i < SPAN; i++) {
                bad[i] = 1000 * errorRatio;
                total[i] = 1000;
            }
            return this;
        }

        Slices emptyLast(int count) {
            for (int i = SPAN - count; i < SPAN; i++) {
                bad[i] = 0;
                total[i] = 0;
            }
            return this;
        }

        SliceSeries build() {
            return new SliceSeries(END - SPAN, bad, total);
        }
    }

    private static SliceSeries steady(double errorRatio) {
        return new Slices(errorRatio).build();
    }

    @Test
    void steadyBurnBelowBudget() {
        ObjectiveEvaluation e = ObjectiveEvaluator.evaluate(steady(0.0005), 99.9, D30, ExclusionSchedule.NONE, AT);
        assertEquals(99.95, e.attainment(), 1e-9);
        assertEquals(0.5, e.budgetConsumed(), 1e-9);
        assertEquals(0.5, e.budgetRemaining(), 1e-9);
        for (Duration w : BurnRateWindows.ALL) {
            assertEquals(0.5, e.burnRates().get(w), 1e-9, w.toString());
        }
        assertEquals(AlertLevel.NONE, e.alert());
        assertEquals(AT.plus(D30), e.exhaustionTime(), "half the budget left at half the sustainable rate: one period");
        assertEquals(Boolean.TRUE, e.met(99.9));
    }

    @Test
    void fastBurnPages() {
        SliceSeries s = new Slices(0.0).last(12, 0.02).build();
        ObjectiveEvaluation e = ObjectiveEvaluator.evaluate(s, 99.9, D30, ExclusionSchedule.NONE, AT);
        assertEquals(20.0, e.burnRates().get(BurnRateWindows.H1), 1e-9);
        assertEquals(20.0, e.burnRates().get(BurnRateWindows.M5), 1e-9);
        assertEquals(10.0, e.burnRates().get(BurnRateWindows.H2), 1e-9);
        assertEquals(AlertLevel.PAGE, e.alert());
    }

    @Test
    void sustainedDoubleBurnTicketsButDoesNotPage() {
        SliceSeries s = new Slices(0.0).last(3 * 288, 0.002).build();
        ObjectiveEvaluation e = ObjectiveEvaluator.evaluate(s, 99.9, D30, ExclusionSchedule.NONE, AT);
        assertEquals(2.0, e.burnRates().get(BurnRateWindows.D3), 1e-9);
        assertEquals(AlertLevel.TICKET, e.alert());
    }

    @Test
    void noTrafficIsNoDataNotZero() {
        SliceSeries s = SliceSeries.empty(END - SPAN, SPAN);
        ObjectiveEvaluation e = ObjectiveEvaluator.evaluate(s, 99.9, D30, ExclusionSchedule.NONE, AT);
        assertNull(e.attainment());
        assertNull(e.budgetRemaining());
        assertNull(e.met(99.9));
        assertFalse(e.hasData());
        BurnRateWindows.ALL.forEach(w -> assertNull(e.burnRates().get(w), w.toString()));
        assertEquals(AlertLevel.NONE, e.alert());
        assertNull(e.exhaustionTime());
    }

    @Test
    void zeroTotalIsNoData() {
        SliceSeries s = new Slices(0.0).emptyLast(12).build();
        ObjectiveEvaluation e = ObjectiveEvaluator.evaluate(s, 99.9, D30, ExclusionSchedule.NONE, AT);
        assertNull(e.burnRates().get(BurnRateWindows.M5));
        assertNull(e.burnRates().get(BurnRateWindows.H1));
        assertNotNull(e.burnRates().get(BurnRateWindows.H2));
    }

    @Test
    void excludedSlicesCountNeitherGoodNorBad() {
        SliceSeries s = new Slices(0.0).last(12, 1.0).build();
        ExclusionSchedule maintenance = new ExclusionSchedule(List.of(
                new ExclusionWindow.Absolute("deploy", AT.minus(Duration.ofHours(1)), AT)));
        ObjectiveEvaluation e = ObjectiveEvaluator.evaluate(s, 99.9, D30, maintenance, AT);
        assertEquals(100.0, e.attainment(), 1e-9);
        assertNull(e.burnRates().get(BurnRateWindows.H1), "the last hour was all maintenance: no data");
        assertEquals(0.0, e.burnRates().get(BurnRateWindows.H2), 1e-9);
        assertEquals(AlertLevel.NONE, e.alert());
    }

    @Test
    void numbersAreAsOfTheLastSliceBoundary() {
        SliceSeries s = steady(0.0005);
        ObjectiveEvaluation onBoundary = ObjectiveEvaluator.evaluate(s, 99.9, D30, ExclusionSchedule.NONE, AT);
        ObjectiveEvaluation later = ObjectiveEvaluator.evaluate(s, 99.9, D30, ExclusionSchedule.NONE, AT.plusSeconds(299));
        assertEquals(onBoundary, later);
        assertEquals(AT, later.evaluatedAt());
    }

    @Test
    void shortPeriodStillReportsLongBurnWindows() {
        SliceSeries s = steady(0.001);
        ObjectiveEvaluation e = ObjectiveEvaluator.evaluate(s, 99.9, Duration.ofHours(1), ExclusionSchedule.NONE, AT);
        assertEquals(99.9, e.attainment(), 1e-9);
        assertEquals(1.0, e.burnRates().get(BurnRateWindows.D3), 1e-9);
    }

    @Test
    void aPeriodWithSlicesNotReadKeepsItsNumbersButNoBudgetToActOn() {
        BitSet lastHourPartial = new BitSet();
        lastHourPartial.set(SPAN - 12, SPAN);
        Slices slices = new Slices(0.0005);
        SliceSeries s = new SliceSeries(END - SPAN, slices.bad, slices.total, lastHourPartial);
        ObjectiveEvaluation e = ObjectiveEvaluator.evaluate(s, 99.9, D30, ExclusionSchedule.NONE, AT);
        assertEquals(0.5, e.budgetRemaining(), 1e-9, "the numbers of what was read, to show as partial");
        assertEquals(Duration.ofHours(1), e.unread());
        assertNull(e.budgetToActOn(), "the hour not read may hold the errors that spent it");

        ExclusionSchedule maintenance = new ExclusionSchedule(List.of(
                new ExclusionWindow.Absolute("deploy", AT.minus(Duration.ofHours(1)), AT)));
        ObjectiveEvaluation excluded = ObjectiveEvaluator.evaluate(s, 99.9, D30, maintenance, AT);
        assertTrue(excluded.complete(), "an excluded slice needs no reading");
        assertEquals(0.5, excluded.budgetToActOn(), 1e-9);
    }
}
