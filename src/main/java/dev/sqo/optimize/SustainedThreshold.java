package dev.sqo.optimize;

import java.time.Duration;
import java.time.Instant;
import java.util.NavigableMap;

/**
 * "Above 80% for 5m": a trigger condition that must hold at every sample of its window. A missing sample breaks
 * the window, so a gap in the metrics never reads as a sustained signal.
 */
public record SustainedThreshold(Comparison comparison, double threshold, Duration duration) {

    public enum Comparison { ABOVE, BELOW }

    /**
     * @param samples values by time at a fixed step; a null value is a missing sample
     * @param step    the sampling step: the window needs a sample at every step from now - duration to now
     */
    public boolean holds(NavigableMap<Instant, Double> samples, Duration step, Instant now) {
        long needed = duration.toSeconds() / step.toSeconds() + 1;
        long seen = 0;
        for (Instant t = now.minus(duration); !t.isAfter(now); t = t.plus(step)) {
            Double v = samples.get(t);
            if (v == null || v.isNaN() || !(comparison == Comparison.ABOVE ? v > threshold : v < threshold)) {
                return false;
            }
            seen++;
        }
        return seen == needed;
    }
}
