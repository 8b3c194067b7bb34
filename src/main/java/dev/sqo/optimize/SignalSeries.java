package dev.sqo.optimize;

import java.time.Instant;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * A signal at a fixed step, with its baseline where one is known (the same minutes on past days). A missing
 * sample is absent from the map, so it breaks any sustained condition.
 */
public record SignalSeries(NavigableMap<Instant, Double> values, NavigableMap<Instant, Double> baseline) {

    public static SignalSeries of(NavigableMap<Instant, Double> values) {
        return new SignalSeries(values, new TreeMap<>());
    }

    /** value / baseline at each step where both are known and the value is above the floor; absent otherwise. */
    public NavigableMap<Instant, Double> overBaseline(double floor) {
        NavigableMap<Instant, Double> ratio = new TreeMap<>();
        values.forEach((t, v) -> {
            Double b = baseline.get(t);
            if (v != null && b != null && v > floor) {
                // A signal rising from a baseline of zero is as far above it as it gets.
                ratio.put(t, b > 0 ? v / b : Double.POSITIVE_INFINITY);
            }
        });
        return ratio;
    }

    /** The newest value, or null without data. */
    public Double latest() {
        return values.isEmpty() ? null : values.lastEntry().getValue();
    }
}
