package dev.sqo.slo;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * All maintenance windows of a ServiceQuality. Exclusions apply per 5-minute slice: a slice that overlaps a
 * window is left out entirely, so requests inside a window count neither as good nor as bad.
 */
public final class ExclusionSchedule {

    public static final ExclusionSchedule NONE = new ExclusionSchedule(List.of());

    /**
     * How often all windows together may open or extend in a year, so that no spec costs the operator more than a few
     * thousand schedule lookups per evaluation: an hourly window fits, one opened every few minutes does not.
     */
    public static final int STEPS_PER_YEAR = 10_000;
    /**
     * An evaluation reads at most 121 days (a 90-day period and a 31-day window reaching into it); twice a year's
     * allowance leaves room for a year with more of some weekday than the one {@link #tooCostly()} looks at.
     */
    private static final int STEPS_PER_COMPUTATION = 2 * STEPS_PER_YEAR;
    /** A leap year, so that a window on 29 February counts too. */
    private static final Instant YEAR = Instant.parse("2028-01-01T00:00:00Z");

    private final List<ExclusionWindow> windows;

    public ExclusionSchedule(List<ExclusionWindow> windows) {
        this.windows = List.copyOf(windows);
    }

    /**
     * For slices firstIndex .. firstIndex + count - 1: true where the slice is excluded.
     *
     * @throws ExclusionWindow.TooManySteps for windows that {@link #tooCostly()} refuses
     */
    public boolean[] excludedSlices(long firstIndex, int count) {
        return excludedSlices(firstIndex, count, new ExclusionWindow.Steps(STEPS_PER_COMPUTATION));
    }

    private boolean[] excludedSlices(long firstIndex, int count, ExclusionWindow.Steps steps) {
        boolean[] excluded = new boolean[count];
        Instant from = SliceSeries.startOf(firstIndex);
        Instant to = SliceSeries.startOf(firstIndex + count);
        for (ExclusionWindow w : windows) {
            // Bridged at a slice: the mask stays exact and a dense schedule gives at most one interval per slice.
            for (ExclusionWindow.Interval i : w.intervalsOverlapping(from, to, SliceSeries.SLICE, steps)) {
                long first = Math.max(firstIndex, SliceSeries.indexAt(i.start()));
                // The slice holding the end is excluded only if the window reaches into it.
                long lastExclusive = Math.min(firstIndex + count, ceilIndex(i.end()));
                for (long s = first; s < lastExclusive; s++) {
                    excluded[(int) (s - firstIndex)] = true;
                }
            }
        }
        return excluded;
    }

    /**
     * Why these windows cost too much to evaluate, or empty: judged on a whole year, once per spec, so that an
     * evaluation never meets its own limit.
     */
    public Optional<String> tooCostly() {
        long first = SliceSeries.indexAt(YEAR);
        int slices = (int) (Duration.ofDays(366).toSeconds() / SliceSeries.SLICE_SECONDS);
        try {
            excludedSlices(first, slices, new ExclusionWindow.Steps(STEPS_PER_YEAR));
            return Optional.empty();
        } catch (ExclusionWindow.TooManySteps e) {
            return Optional.of(e.getMessage() + " a year (a window opened every few minutes, or one that occurrences"
                    + " closer than 5 minutes keep extending): use fewer, longer windows");
        }
    }

    /** The same windows, each ending {@code lag} later. */
    public ExclusionSchedule endingLater(Duration lag) {
        return new ExclusionSchedule(windows.stream().<ExclusionWindow>map(w -> new ExclusionWindow.Lagging(w, lag)).toList());
    }

    /** Names of the windows active at {@code t}. */
    public List<String> activeAt(Instant t) {
        Instant after = t.plusMillis(1);
        return windows.stream()
                .filter(w -> !w.intervalsOverlapping(t, after, Duration.ZERO, new ExclusionWindow.Steps(STEPS_PER_COMPUTATION)).isEmpty())
                .map(ExclusionWindow::name).toList();
    }

    private static long ceilIndex(Instant t) {
        return Math.floorDiv(t.getEpochSecond() + SliceSeries.SLICE_SECONDS - 1, SliceSeries.SLICE_SECONDS);
    }
}
