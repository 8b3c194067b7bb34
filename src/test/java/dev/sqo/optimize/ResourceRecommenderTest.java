package dev.sqo.optimize;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ResourceRecommenderTest {

    private static final double MIB = 1024 * 1024;

    /** 100 samples: 0.01, 0.02 ... 1.00 cores. */
    private static List<Double> ramp() {
        List<Double> v = new ArrayList<>();
        for (int i = 1; i <= 100; i++) {
            v.add(i / 100.0);
        }
        return v;
    }

    @Test
    void cpuIsAHighPercentilePlusMargin() {
        ResourceRecommender.Recommendation r = ResourceRecommender.recommend(ramp(), 2.0, null,
                ResourcePolicy.cpuDefaults(0.1, 4), ResourceRecommender.Rounding.MILLICORES);
        assertEquals(1.035, r.request(), 1e-9, "p90 0.90 x 1.15, rounded up to the millicore");
        assertTrue(r.act());
        assertNull(r.limit());
        assertTrue(r.reason().startsWith("p90 of usage 900m plus 15% margin is 1035m"), r.reason());
    }

    @Test
    void limitsStayInProportion() {
        ResourceRecommender.Recommendation r = ResourceRecommender.recommend(ramp(), 2.0, 4.0,
                ResourcePolicy.cpuDefaults(0.1, 4), ResourceRecommender.Rounding.MILLICORES);
        assertEquals(2.07, r.limit(), 1e-9);
    }

    @Test
    void boundsWin() {
        ResourceRecommender.Recommendation r = ResourceRecommender.recommend(ramp(), 2.0, null,
                ResourcePolicy.cpuDefaults(1.5, 4), ResourceRecommender.Rounding.MILLICORES);
        assertEquals(1.5, r.request(), 1e-9);
        assertTrue(r.reason().endsWith("(within bounds)"), r.reason());
    }

    @Test
    void smallChangesAreNotWorthARollout() {
        ResourceRecommender.Recommendation r = ResourceRecommender.recommend(ramp(), 1.0, null,
                ResourcePolicy.cpuDefaults(0.1, 4), ResourceRecommender.Rounding.MILLICORES);
        assertFalse(r.act(), r.reason());
        assertEquals(1.0, r.request());
    }

    @Test
    void memoryFromPeaksRoundedToMebibytes() {
        List<Double> peaks = Arrays.asList(200 * MIB, 210 * MIB, 400 * MIB, 205 * MIB, 220 * MIB, 215 * MIB, 230 * MIB,
                225 * MIB, 240 * MIB, 235 * MIB, 250 * MIB, 245 * MIB, 260 * MIB, 255 * MIB, 270 * MIB, 265 * MIB, 280 * MIB,
                275 * MIB, 290 * MIB, 285 * MIB);
        ResourceRecommender.Recommendation r = ResourceRecommender.recommend(peaks, 1024 * MIB, 2048 * MIB,
                ResourcePolicy.memoryDefaults(64 * MIB, 4096 * MIB), ResourceRecommender.Rounding.MEBIBYTES);
        assertEquals(334 * MIB, r.request(), 1, "p95 of 20 samples is the 19th: 290Mi x 1.15 = 333.5Mi, up to 334Mi");
        assertEquals(668 * MIB, r.limit(), 1);
    }

    @Test
    void incompleteHistoryIsNoChange() {
        List<Double> gaps = new ArrayList<>(ramp());
        for (int i = 40; i < 46; i++) {
            gaps.set(i, null);
        }
        ResourceRecommender.Recommendation r = ResourceRecommender.recommend(gaps, 2.0, null,
                ResourcePolicy.cpuDefaults(0.1, 4), ResourceRecommender.Rounding.MILLICORES);
        assertFalse(r.act());
        assertEquals(2.0, r.request());
        assertTrue(r.reason().contains("covers 94% of the lookback"), r.reason());
        gaps.set(40, 0.4);
        assertTrue(ResourceRecommender.recommend(gaps, 2.0, null, ResourcePolicy.cpuDefaults(0.1, 4),
                ResourceRecommender.Rounding.MILLICORES).act(), "a few missing samples (5%) are tolerated");
        assertFalse(ResourceRecommender.recommend(List.of(), 2.0, null, ResourcePolicy.cpuDefaults(0.1, 4),
                ResourceRecommender.Rounding.MILLICORES).act());
    }
}
