package dev.sqo.optimize;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The cases of shared/conformance/hpa-cases.md: sqo's replica arithmetic agrees with the HorizontalPodAutoscaler. */
class HpaConformanceTest {

    private static final ReplicaCalculator HPA = new ReplicaCalculator(ReplicaCalculator.DEFAULT_TOLERANCE);
    private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");
    private static final Duration S60 = Duration.ofSeconds(60);
    private static final Duration S120 = Duration.ofSeconds(120);

    /** CPU in millicores, requests 1000m unless given; null usage = no metric. */
    private static List<PodSample> pods(PodState first, Double... usage) {
        List<PodSample> out = new ArrayList<>();
        for (int i = 0; i < usage.length; i++) {
            out.add(new PodSample("pod-" + (i + 1), usage[i], 1000, i == 0 ? first : PodState.READY));
        }
        return out;
    }

    @Test
    void case01RatioOfSums() {
        assertEquals(5, HPA.forUtilization(pods(PodState.READY, 300.0, 500.0, 700.0), 3, 30, true));
    }

    @Test
    void case02NotReadyPodCountsAsZeroWhenScalingUp() {
        assertEquals(4, HPA.forUtilization(pods(PodState.NOT_READY, 300.0, 500.0, 700.0), 3, 30, true));
    }

    @Test
    void case03ScaleDown() {
        assertEquals(3, HPA.forUtilization(pods(PodState.READY, 100.0, 300.0, 500.0, 250.0, 250.0), 5, 50, true));
    }

    @Test
    void case04PendingPodsAreLeftOut() {
        List<PodSample> p = new ArrayList<>();
        p.add(PodSample.ready("pod-1", 100, 1000));
        for (int i = 2; i <= 5; i++) {
            p.add(new PodSample("pod-" + i, null, 1000, PodState.PENDING));
        }
        assertEquals(1, HPA.forUtilization(p, 5, 50, true));
    }

    @Test
    void case05WithinTolerance() {
        List<PodSample> p = List.of(PodSample.ready("a", 1010, 900), PodSample.ready("b", 1030, 1000), PodSample.ready("c", 1020, 1100));
        assertEquals(3, HPA.forUtilization(p, 3, 100, true));
    }

    @Test
    void case06MissingPodsCountAsBusyWhenScalingDown() {
        assertEquals(3, HPA.forUtilization(pods(PodState.READY, 400.0, 95.0, null, null), 4, 100, true));
    }

    @Test
    void case07DirectionFlipKeepsTheCount() {
        assertEquals(3, HPA.forUtilization(pods(PodState.NOT_READY, 100.0, 450.0, null), 3, 50, true));
    }

    @Test
    void case08UnreadyAndMissingCountAsIdleWhenScalingUp() {
        assertEquals(4, HPA.forUtilization(pods(PodState.NOT_READY, 100.0, 2000.0, null), 3, 50, true));
    }

    @Test
    void case09AverageValueScaleUp() {
        List<PodSample> p = List.of(PodSample.ready("a", 20, 0), PodSample.ready("b", 10, 0), PodSample.ready("c", 30, 0));
        assertEquals(4, HPA.forAverageValue(p, 3, 15));
    }

    @Test
    void case10AverageValueScaleDown() {
        List<PodSample> p = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            p.add(PodSample.ready("pod-" + i, 12, 0));
        }
        assertEquals(3, HPA.forAverageValue(p, 5, 20));
    }

    private static int behave(ScalingRules up, ScalingRules down, int max, int current, int desired, List<ScaleEvent> events) {
        return new ReplicaBehavior(up, down, 1, max).normalize(current, desired, List.of(), events, NOW);
    }

    private static ScalingRules rules(ScalingRules.SelectPolicy select, ScalingPolicy... policies) {
        return new ScalingRules(Duration.ZERO, select, List.of(policies));
    }

    private static List<ScaleEvent> events(int... changes) {
        List<ScaleEvent> out = new ArrayList<>();
        for (int i = 0; i < changes.length; i++) {
            out.add(new ScaleEvent(NOW.minusSeconds(10L * (i + 1)), changes[i]));
        }
        return out;
    }

    @Test
    void case11DefaultScaleUpIsMaxOf4PodsAnd100Percent() {
        assertEquals(20, behave(ScalingRules.DEFAULT_SCALE_UP, ScalingRules.DEFAULT_SCALE_DOWN, 1000, 10, 50, List.of()));
    }

    @Test
    void case12MaxOfPodsAndPercent() {
        ScalingRules up = rules(ScalingRules.SelectPolicy.MAX, ScalingPolicy.pods(100, S60), ScalingPolicy.percent(100, S60));
        assertEquals(110, behave(up, ScalingRules.DEFAULT_SCALE_DOWN, 1000, 10, 500, List.of()));
    }

    @Test
    void case13Percent200() {
        ScalingRules up = rules(ScalingRules.SelectPolicy.MAX, ScalingPolicy.percent(200, S60));
        assertEquals(30, behave(up, ScalingRules.DEFAULT_SCALE_DOWN, 1000, 10, 50, List.of()));
    }

    @Test
    void case14ScaleDownMaxChange() {
        ScalingRules down = rules(ScalingRules.SelectPolicy.MAX, ScalingPolicy.pods(20, S60), ScalingPolicy.percent(1, S60));
        assertEquals(80, behave(ScalingRules.DEFAULT_SCALE_UP, down, 1000, 100, 2, List.of()));
    }

    @Test
    void case15ScaleDownMaxChangeSmallPods() {
        ScalingRules down = rules(ScalingRules.SelectPolicy.MAX, ScalingPolicy.pods(2, S60), ScalingPolicy.percent(1, S60));
        assertEquals(98, behave(ScalingRules.DEFAULT_SCALE_UP, down, 1000, 100, 2, List.of()));
    }

    @Test
    void case16ScaleUpsInThePeriodCount() {
        ScalingRules up = rules(ScalingRules.SelectPolicy.MAX, ScalingPolicy.pods(150, S120));
        assertEquals(235, behave(up, ScalingRules.DEFAULT_SCALE_DOWN, 1000, 100, 500, events(1, 5, 9)));
    }

    @Test
    void case17ScaleDownsInThePeriodCount() {
        ScalingRules down = rules(ScalingRules.SelectPolicy.MAX, ScalingPolicy.percent(50, S120));
        assertEquals(56, behave(ScalingRules.DEFAULT_SCALE_UP, down, 1000, 100, 0, events(-2, -4, -6)));
    }

    @Test
    void case18LimitNeverCrossesTheCurrentCount() {
        ScalingRules down = rules(ScalingRules.SelectPolicy.MAX, ScalingPolicy.percent(10, S120));
        assertEquals(100, behave(ScalingRules.DEFAULT_SCALE_UP, down, 1000, 100, 0, events(-10, -10, -10)));
    }

    @Test
    void case19MaxReplicasApplies() {
        assertEquals(10, behave(ScalingRules.DEFAULT_SCALE_UP, ScalingRules.DEFAULT_SCALE_DOWN, 10, 20, 1000, List.of()));
    }

    @Test
    void case20SelectPolicyMin() {
        ScalingRules up = rules(ScalingRules.SelectPolicy.MIN, ScalingPolicy.pods(2, S60), ScalingPolicy.percent(50, S60));
        assertEquals(2, behave(up, ScalingRules.DEFAULT_SCALE_DOWN, 1000, 1, 1000, List.of()));
    }

    @Test
    void case21ScaleDownIsStabilizedOverItsWindow() {
        ReplicaBehavior b = ReplicaBehavior.defaults(1, 100);
        List<ReplicaRecommendation> history = List.of(new ReplicaRecommendation(NOW.minus(Duration.ofMinutes(2)), 4),
                new ReplicaRecommendation(NOW.minus(Duration.ofMinutes(1)), 5));
        assertEquals(5, b.normalize(5, 3, history, List.of(), NOW));
    }

    @Test
    void case22RecommendationsOutsideTheWindowAreForgotten() {
        ReplicaBehavior b = ReplicaBehavior.defaults(1, 100);
        List<ReplicaRecommendation> history = List.of(new ReplicaRecommendation(NOW.minus(Duration.ofMinutes(10)), 10),
                new ReplicaRecommendation(NOW.minus(Duration.ofMinutes(9)), 9));
        assertEquals(3, b.normalize(9, 3, history, List.of(), NOW));
    }

    @Test
    void disabledDirectionNeverMoves() {
        ScalingRules off = new ScalingRules(Duration.ZERO, ScalingRules.SelectPolicy.DISABLED, List.of());
        assertEquals(10, behave(off, ScalingRules.DEFAULT_SCALE_DOWN, 1000, 10, 50, List.of()));
    }

    @Test
    void noMetricAtAllKeepsTheCount() {
        assertEquals(4, HPA.forUtilization(pods(PodState.READY, null, null, null, null), 4, 50, true));
    }
}
