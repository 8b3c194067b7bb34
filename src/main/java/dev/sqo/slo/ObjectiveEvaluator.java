package dev.sqo.slo;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** Turns 5-minute slices into attainment, error budget, burn rates, alert state and exhaustion time. */
public final class ObjectiveEvaluator {

    private ObjectiveEvaluator() {
    }

    /** How many slices an evaluation of this period reads: the period or the longest burn-rate window. */
    public static int slicesNeeded(Duration period) {
        Duration longest = BurnRateWindows.ALL.get(BurnRateWindows.ALL.size() - 1);
        return (int) (Math.max(period.toSeconds(), longest.toSeconds()) / SliceSeries.SLICE_SECONDS);
    }

    /**
     * @param at evaluation time; numbers are as of the last slice boundary at or before it, because a slice still
     *           filling would read as a dip in traffic
     */
    public static ObjectiveEvaluation evaluate(SliceSeries slices, double targetPercent, Duration period,
                                               ExclusionSchedule exclusions, Instant at) {
        Instant end = SliceSeries.boundaryAtOrBefore(at);
        long endIndex = SliceSeries.indexAt(end);
        int span = slicesNeeded(period);
        long firstIndex = endIndex - span;
        boolean[] excluded = exclusions.excludedSlices(firstIndex, span);

        Map<Integer, Duration> windowAtLength = new HashMap<>();
        for (Duration w : BurnRateWindows.ALL) {
            windowAtLength.put((int) (w.toSeconds() / SliceSeries.SLICE_SECONDS), w);
        }
        int periodLength = (int) (period.toSeconds() / SliceSeries.SLICE_SECONDS);

        Map<Duration, Double> burnRates = new HashMap<>();
        Double periodErrorRatio = null;
        double bad = 0;
        double total = 0;
        int unread = 0;
        for (int length = 1; length <= span; length++) {
            long index = endIndex - length;
            boolean counted = !excluded[(int) (index - firstIndex)];
            if (counted && slices.hasData(index)) {
                bad += slices.bad(index);
                total += slices.total(index);
            }
            // An excluded slice needs no reading: its numbers count for nothing.
            if (counted && length <= periodLength && !slices.isRead(index)) {
                unread++;
            }
            Duration window = windowAtLength.get(length);
            Double ratio = errorRatio(bad, total);
            if (window != null) {
                burnRates.put(window, ratio == null ? null : ErrorBudget.burnRate(ratio, targetPercent));
            }
            if (length == periodLength) {
                periodErrorRatio = ratio;
            }
        }

        AlertLevel alert = MultiWindowAlertPolicy.evaluate(burnRates, period);
        Duration unreadPart = SliceSeries.SLICE.multipliedBy(unread);
        if (periodErrorRatio == null) {
            return new ObjectiveEvaluation(null, null, null, burnRates, alert, null, end, unreadPart);
        }
        double consumed = ErrorBudget.consumed(periodErrorRatio, targetPercent);
        double remaining = 1.0 - consumed;
        Double burn1h = burnRates.get(BurnRateWindows.H1);
        Instant exhaustion = burn1h == null ? null : ErrorBudget.exhaustionTime(remaining, burn1h, period, end);
        return new ObjectiveEvaluation(100.0 * (1.0 - periodErrorRatio), consumed, remaining, burnRates, alert,
                exhaustion, end, unreadPart);
    }

    /** null without traffic; clamped to [0, 1] because counter extrapolation can overshoot either bound slightly. */
    private static Double errorRatio(double bad, double total) {
        if (!(total > 0)) {
            return null;
        }
        return Math.min(1.0, Math.max(0.0, bad / total));
    }
}
