package dev.sqo.slo;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * All maintenance windows of a ServiceQuality. Exclusions apply per 5-minute slice: a slice that overlaps a
 * window is left out entirely, so requests inside a window count neither as good nor as bad.
 */
public final class ExclusionSchedule {

    public static final ExclusionSchedule NONE = new ExclusionSchedule(List.of());

    private final List<ExclusionWindow> windows;

    public ExclusionSchedule(List<ExclusionWindow> windows) {
        this.windows = List.copyOf(windows);
    }

    /** For slices firstIndex .. firstIndex + count - 1: true where the slice is excluded. */
    public boolean[] excludedSlices(long firstIndex, int count) {
        boolean[] excluded = new boolean[count];
        Instant from = SliceSeries.startOf(firstIndex);
        Instant to = SliceSeries.startOf(firstIndex + count);
        for (ExclusionWindow w : windows) {
            for (ExclusionWindow.Interval i : w.intervalsOverlapping(from, to)) {
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

    /** The same windows, each ending {@code lag} later. */
    public ExclusionSchedule endingLater(Duration lag) {
        return new ExclusionSchedule(windows.stream().<ExclusionWindow>map(w -> new ExclusionWindow.Lagging(w, lag)).toList());
    }

    /** Names of the windows active at {@code t}. */
    public List<String> activeAt(Instant t) {
        Instant after = t.plusMillis(1);
        return windows.stream().filter(w -> !w.intervalsOverlapping(t, after).isEmpty()).map(ExclusionWindow::name).toList();
    }

    private static long ceilIndex(Instant t) {
        return Math.floorDiv(t.getEpochSecond() + SliceSeries.SLICE_SECONDS - 1, SliceSeries.SLICE_SECONDS);
    }
}
