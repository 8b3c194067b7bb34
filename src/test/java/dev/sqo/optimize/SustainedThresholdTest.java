package dev.sqo.optimize;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.NavigableMap;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SustainedThresholdTest {

    private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");
    private static final Duration STEP = Duration.ofMinutes(1);
    private static final SustainedThreshold CPU_HIGH = new SustainedThreshold(SustainedThreshold.Comparison.ABOVE, 0.8, Duration.ofMinutes(5));

    private static NavigableMap<Instant, Double> series(double... valuesOldestFirst) {
        NavigableMap<Instant, Double> m = new TreeMap<>();
        for (int i = 0; i < valuesOldestFirst.length; i++) {
            m.put(NOW.minus(STEP.multipliedBy(valuesOldestFirst.length - 1 - i)), valuesOldestFirst[i]);
        }
        return m;
    }

    @Test
    void holdsWhenEverySampleOfTheWindowIsOver() {
        assertTrue(CPU_HIGH.holds(series(0.85, 0.9, 0.95, 0.81, 0.9, 0.99), STEP, NOW));
    }

    @Test
    void oneSampleBelowBreaksIt() {
        assertFalse(CPU_HIGH.holds(series(0.85, 0.9, 0.7, 0.81, 0.9, 0.99), STEP, NOW));
    }

    @Test
    void tooShortAHistoryDoesNotHold() {
        assertFalse(CPU_HIGH.holds(series(0.9, 0.9, 0.9), STEP, NOW));
    }

    @Test
    void aGapIsNeverASustainedSignal() {
        NavigableMap<Instant, Double> s = series(0.9, 0.9, 0.9, 0.9, 0.9, 0.9);
        s.remove(NOW.minus(STEP.multipliedBy(2)));
        assertFalse(CPU_HIGH.holds(s, STEP, NOW));
        s.put(NOW.minus(STEP.multipliedBy(2)), Double.NaN);
        assertFalse(CPU_HIGH.holds(s, STEP, NOW));
    }

    @Test
    void belowForFifteenMinutes() {
        SustainedThreshold low = new SustainedThreshold(SustainedThreshold.Comparison.BELOW, 0.2, Duration.ofMinutes(15));
        double[] quiet = new double[16];
        java.util.Arrays.fill(quiet, 0.1);
        assertTrue(low.holds(series(quiet), STEP, NOW));
        quiet[3] = 0.5;
        assertFalse(low.holds(series(quiet), STEP, NOW));
    }
}
