package dev.sqo.optimize;

import dev.sqo.slo.AlertLevel;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Decisions over simulated time: the clock is a loop variable, signals are functions of it. */
class OptimizationPlannerTest {

    private static final Instant T0 = Instant.parse("2026-11-22T12:00:00Z");
    private static final Duration MINUTE = Duration.ofMinutes(1);

    private static final TriggerRule CPU_OUT = new TriggerRule("cpu", TriggerRule.Action.SCALE_OUT, 80.0, Duration.ofMinutes(5), null,
            0, 70, 50, null);
    private static final TriggerRule CPU_IN = new TriggerRule("cpu", TriggerRule.Action.SCALE_IN, 20.0, Duration.ofMinutes(15), null,
            0, 70, 50, null);
    private static final TriggerRule LATENCY = new TriggerRule("latency:p99", TriggerRule.Action.SCALE_OUT, 500.0, Duration.ofMinutes(15),
            1.5, 0, 0, 50, null);
    private static final TriggerRule ERRORS = new TriggerRule("errors:availability", TriggerRule.Action.INVESTIGATE, null,
            Duration.ofMinutes(5), 2.0, 0.001, 0, 50, null);
    private static final TriggerRule BURN = new TriggerRule("burn", TriggerRule.Action.SCALE_OUT, null, Duration.ZERO, null, 0, 0, 50,
            AlertLevel.PAGE);
    private static final TriggerRule MEMORY = new TriggerRule("memory", TriggerRule.Action.RAISE_MEMORY, 85.0, Duration.ofMinutes(5),
            null, 0, 70, 50, null);

    private static OptimizationPolicy policy(int min, int max, TriggerRule... rules) {
        return new OptimizationPolicy(List.of(rules), ReplicaBehavior.defaults(min, max), 0.10, Duration.ofMinutes(5),
                Duration.ofMinutes(10), true, false, Set.of(), ResourcePolicy.cpuDefaults(0.01, 8), ResourcePolicy.memoryDefaults(32e6, 16e9), false);
    }

    /** A signal sampled every minute over the last hour, from a function of time (null for a missing sample). */
    private static SignalSeries signal(Instant now, Function<Instant, Double> value, Function<Instant, Double> baseline) {
        NavigableMap<Instant, Double> v = new TreeMap<>();
        NavigableMap<Instant, Double> b = new TreeMap<>();
        for (Instant t = now.minus(Duration.ofHours(1)); !t.isAfter(now); t = t.plus(MINUTE)) {
            if (value.apply(t) != null) {
                v.put(t, value.apply(t));
            }
            if (baseline != null) {
                b.put(t, baseline.apply(t));
            }
        }
        return new SignalSeries(v, b);
    }

    /** Pods each using cores such that utilization of a 1-core request is the given percentage. */
    private static List<PodSample> pods(int n, double utilization) {
        List<PodSample> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(PodSample.ready("p" + i, utilization / 100, 1.0));
        }
        return out;
    }

    private static WorkloadObservation observation(int replicas, double cpuNow, Map<String, SignalSeries> signals, AlertLevel alert,
                                                   Double budget) {
        return new WorkloadObservation(replicas, pods(replicas, cpuNow), signals, Map.of(), List.of(), alert, budget, null);
    }

    private static Map<String, SignalSeries> cpu(Instant now, Function<Instant, Double> utilization) {
        Map<String, SignalSeries> m = new HashMap<>();
        m.put("cpu", signal(now, utilization, null));
        return m;
    }

    @Test
    void cpuAboveTheThresholdScalesOutOnlyOnceItHeldForFiveMinutes() {
        Function<Instant, Double> cpu = t -> t.isBefore(T0) ? 50.0 : 90.0;
        for (int m = 0; m <= 5; m++) {
            Instant now = T0.plus(MINUTE.multipliedBy(m));
            OptimizationPlanner.Plan plan = OptimizationPlanner.plan(policy(1, 10, CPU_OUT), observation(4, 90, cpu(now, cpu),
                    AlertLevel.NONE, 0.9), OptimizationHistory.EMPTY, now);
            if (m < 5) {
                assertNull(plan.action(), "minute " + m);
            } else {
                // HPA: ceil(4 x 90 / 70) = 6
                assertEquals(ActionKind.ScaleOut, plan.action().kind());
                assertEquals(6, plan.action().replicas());
                assertEquals("cpu", plan.action().signal());
                assertEquals(90.0, plan.action().signalValue());
            }
        }
    }

    @Test
    void aMissingSampleIsNotASustainedSignal() {
        Function<Instant, Double> cpu = t -> t.equals(T0.plus(Duration.ofMinutes(8))) ? null : 95.0;
        Instant now = T0.plus(Duration.ofMinutes(10));
        OptimizationPlanner.Plan plan = OptimizationPlanner.plan(policy(1, 10, CPU_OUT), observation(4, 95, cpu(now, cpu), AlertLevel.NONE,
                0.9), OptimizationHistory.EMPTY, now);
        assertNull(plan.action());
        assertTrue(plan.firing().isEmpty());
    }

    @Test
    void scaleInWaitsFifteenMinutesBelowTwentyPercentThenTheStabilizationWindow() {
        Function<Instant, Double> cpu = t -> t.isBefore(T0) ? 50.0 : 10.0;
        List<ReplicaRecommendation> history = new ArrayList<>();
        Instant firstScaleIn = null;
        for (int m = 0; m <= 30 && firstScaleIn == null; m++) {
            Instant now = T0.plus(MINUTE.multipliedBy(m));
            OptimizationPlanner.Plan plan = OptimizationPlanner.plan(policy(2, 10, CPU_IN), observation(8, 10, cpu(now, cpu),
                    AlertLevel.NONE, 0.9), new OptimizationHistory(history, List.of(), null, List.of()), now);
            history.add(new ReplicaRecommendation(now, plan.desiredReplicas()));
            if (plan.action() != null) {
                firstScaleIn = now;
                // HPA: ceil(8 x 10 / 70) = 2, the lower bound
                assertEquals(ActionKind.ScaleIn, plan.action().kind());
                assertEquals(2, plan.action().replicas());
            }
        }
        // Fires at 15 minutes; as in the HPA, the 5-minute stabilization window is (now - 5m, now], so the last "8"
        // (minute 14) leaves it at minute 19.
        assertEquals(T0.plus(Duration.ofMinutes(19)), firstScaleIn);
    }

    @Test
    void neverScalesInWhileTheBudgetBurnsOrBelowItsFloorOrWithASignalMissing() {
        Instant now = T0.plus(Duration.ofMinutes(30));
        Function<Instant, Double> low = t -> 10.0;
        OptimizationHistory calm = new OptimizationHistory(List.of(), List.of(), null, List.of());
        OptimizationPolicy policy = policy(1, 10, CPU_IN);

        OptimizationPlanner.Plan burning = OptimizationPlanner.plan(policy, observation(8, 10, cpu(now, low), AlertLevel.TICKET, 0.5), calm, now);
        assertNull(burning.action());
        assertTrue(burning.reasons().stream().anyMatch(r -> r.contains("refused: the error budget is burning (Ticket)")), burning.reasons().toString());

        OptimizationPlanner.Plan floor = OptimizationPlanner.plan(policy, observation(8, 10, cpu(now, low), AlertLevel.NONE, 0.05), calm, now);
        assertNull(floor.action());
        assertTrue(floor.reasons().stream().anyMatch(r -> r.contains("below the floor of 10%")), floor.reasons().toString());

        WorkloadObservation missing = new WorkloadObservation(8, pods(8, 10), cpu(now, low), Map.of("latency:p99", "query timed out"),
                List.of(), AlertLevel.NONE, 0.9, null);
        OptimizationPlanner.Plan gap = OptimizationPlanner.plan(policy, missing, calm, now);
        assertNull(gap.action());
        assertTrue(gap.reasons().stream().anyMatch(r -> r.contains("no data for latency:p99: query timed out")), gap.reasons().toString());
        assertTrue(gap.reasons().stream().anyMatch(r -> r.contains("refused: a signal has missing data")), gap.reasons().toString());

        OptimizationPlanner.Plan fine = OptimizationPlanner.plan(policy, observation(8, 10, cpu(now, low), AlertLevel.NONE, 0.9), calm, now);
        assertEquals(ActionKind.ScaleIn, fine.action().kind(), fine.reasons().toString());
    }

    @Test
    void neverLeavesTheReplicaBounds() {
        Instant now = T0.plus(Duration.ofMinutes(10));
        OptimizationPlanner.Plan plan = OptimizationPlanner.plan(policy(1, 5, CPU_OUT), observation(4, 300, cpu(now, t -> 300.0),
                AlertLevel.NONE, 0.9), OptimizationHistory.EMPTY, now);
        assertEquals(5, plan.action().replicas(), "ceil(4 x 300 / 70) = 18, kept within 1..5");
        assertTrue(plan.action().reason().contains("proposed 18; the stabilization window, rate limits and bounds 1..5 allow 5"), plan.action().reason());
    }

    @Test
    void latencyScalesOutAboveItsThresholdOrAboveOneAndAHalfTimesItsBaseline() {
        Instant now = T0.plus(Duration.ofMinutes(20));
        Map<String, SignalSeries> slowerThanUsual = Map.of("latency:p99", signal(now, t -> 320.0, t -> 200.0));
        OptimizationPlanner.Plan plan = OptimizationPlanner.plan(policy(1, 10, LATENCY), observation(4, 50, slowerThanUsual,
                AlertLevel.NONE, 0.9), OptimizationHistory.EMPTY, now);
        assertEquals(ActionKind.ScaleOut, plan.action().kind());
        assertEquals(6, plan.action().replicas(), "4 + 50%");
        assertTrue(plan.firing().get(0).detail().contains("above 1.50x its baseline"), plan.firing().get(0).detail());

        Map<String, SignalSeries> usual = Map.of("latency:p99", signal(now, t -> 280.0, t -> 200.0));
        assertNull(OptimizationPlanner.plan(policy(1, 10, LATENCY), observation(4, 50, usual, AlertLevel.NONE, 0.9),
                OptimizationHistory.EMPTY, now).action(), "1.4x its baseline and under the threshold");

        Map<String, SignalSeries> overThreshold = Map.of("latency:p99", signal(now, t -> 600.0, null));
        assertEquals(ActionKind.ScaleOut, OptimizationPlanner.plan(policy(1, 10, LATENCY), observation(4, 50, overThreshold, AlertLevel.NONE, 0.9),
                OptimizationHistory.EMPTY, now).action().kind(), "no baseline needed above the threshold");
    }

    @Test
    void errorsAboveTheirBaselineRaiseInvestigateAndDoNotScale() {
        Instant now = T0.plus(Duration.ofMinutes(20));
        Map<String, SignalSeries> errors = Map.of("errors:availability", signal(now, t -> 0.01, t -> 0.002));
        OptimizationPlanner.Plan plan = OptimizationPlanner.plan(policy(1, 10, ERRORS), observation(4, 50, errors, AlertLevel.NONE, 0.9),
                OptimizationHistory.EMPTY, now);
        assertNull(plan.action());
        assertEquals(1, plan.investigations().size());
        assertTrue(plan.investigations().get(0).detail().startsWith("errors:availability above 2.00x its baseline"));

        // 5x a baseline of almost nothing, but within what the objective allows: noise, not an anomaly.
        Map<String, SignalSeries> noise = Map.of("errors:availability", signal(now, t -> 0.0005, t -> 0.0001));
        assertTrue(OptimizationPlanner.plan(policy(1, 10, ERRORS), observation(4, 50, noise, AlertLevel.NONE, 0.9),
                OptimizationHistory.EMPTY, now).investigations().isEmpty());
    }

    @Test
    void anErrorSignalWithoutDataLeavesTheVerdictOpen() {
        Instant now = T0.plus(Duration.ofMinutes(20));
        WorkloadObservation unreadable = new WorkloadObservation(4, pods(4, 50), Map.of(),
                Map.of("errors:availability", "Prometheus did not answer"), List.of(), AlertLevel.NONE, 0.9, null);
        OptimizationPlanner.Plan plan = OptimizationPlanner.plan(policy(1, 10, ERRORS), unreadable, OptimizationHistory.EMPTY, now);
        assertTrue(plan.investigations().isEmpty());
        assertEquals(Map.of("errors:availability", "Prometheus did not answer"), plan.unjudged());

        Map<String, SignalSeries> calm = Map.of("errors:availability", signal(now, t -> 0.0005, t -> 0.0004));
        assertEquals(Map.of(), OptimizationPlanner.plan(policy(1, 10, ERRORS), observation(4, 50, calm, AlertLevel.NONE, 0.9),
                OptimizationHistory.EMPTY, now).unjudged(), "judged: calm");
    }

    @Test
    void aPageLevelBurnScalesOutByABoundedStep() {
        Instant now = T0;
        OptimizationPlanner.Plan ticket = OptimizationPlanner.plan(policy(1, 10, BURN), observation(4, 50, Map.of(), AlertLevel.TICKET, 0.5),
                OptimizationHistory.EMPTY, now);
        assertNull(ticket.action(), "the default level is Page");
        OptimizationPlanner.Plan page = OptimizationPlanner.plan(policy(1, 10, BURN), observation(4, 50, Map.of(), AlertLevel.PAGE, 0.5),
                OptimizationHistory.EMPTY, now);
        assertEquals(6, page.action().replicas());
        assertEquals("burn", page.action().signal());
        assertNull(page.action().signalValue(), "without a 5-minute burn rate the action carries no value");

        // The action carries the burn now (the 5-minute window), which its validation compares with later.
        Map<String, SignalSeries> burnNow = Map.of("burn", SignalSeries.of(new java.util.TreeMap<>(Map.of(now, 262.0))));
        OptimizationPlanner.Plan measured = OptimizationPlanner.plan(policy(1, 10, BURN), observation(4, 50, burnNow, AlertLevel.PAGE, 0.5),
                OptimizationHistory.EMPTY, now);
        assertEquals(262.0, measured.action().signalValue());
    }

    @Test
    void aHeldSignalProposesNothingWhileOthersStillMay() {
        Instant now = T0.plus(Duration.ofMinutes(10));
        OptimizationHistory held = new OptimizationHistory(List.of(), List.of(), null, List.of(new Hold(ActionKind.ScaleOut, "cpu")));
        OptimizationPlanner.Plan plan = OptimizationPlanner.plan(policy(1, 20, CPU_OUT, BURN), observation(4, 95, cpu(now, t -> 95.0),
                AlertLevel.NONE, 0.9), held, now);
        assertNull(plan.action());
        assertTrue(plan.reasons().stream().anyMatch(r -> r.contains("ScaleOut for cpu is held")), plan.reasons().toString());

        OptimizationPlanner.Plan burning = OptimizationPlanner.plan(policy(1, 20, CPU_OUT, BURN), observation(4, 95, cpu(now, t -> 95.0),
                AlertLevel.PAGE, 0.2), held, now);
        assertEquals("burn", burning.action().signal());
    }

    @Test
    void oneActionPerDecisionScaleOutBeforeResize() {
        Instant now = T0.plus(Duration.ofMinutes(10));
        Map<String, SignalSeries> signals = new HashMap<>(cpu(now, t -> 95.0));
        signals.put("memory:app", signal(now, t -> 95.0, null));
        ContainerState app = new ContainerState("app", 1.0, null, 256.0 * 1024 * 1024, 256.0 * 1024 * 1024, List.of(), List.of());
        WorkloadObservation obs = new WorkloadObservation(4, pods(4, 95), signals, Map.of(), List.of(app), AlertLevel.NONE, 0.9, null);
        OptimizationPlanner.Plan plan = OptimizationPlanner.plan(policy(1, 20, CPU_OUT, MEMORY), obs, OptimizationHistory.EMPTY, now);
        assertEquals(ActionKind.ScaleOut, plan.action().kind(), plan.reasons().toString());
        assertEquals(1, plan.resources().size(), "the raise stays in the recommendation for the next decision");

        Instant later = now.plus(Duration.ofMinutes(6));
        OptimizationHistory scaled = new OptimizationHistory(List.of(), List.of(new ScaleEvent(now, 2)), now, List.of());
        WorkloadObservation after = new WorkloadObservation(6, pods(6, 70), Map.of("memory:app", signal(later, t -> 95.0, null)), Map.of(),
                List.of(app), AlertLevel.NONE, 0.9, null);
        OptimizationPlanner.Plan next = OptimizationPlanner.plan(policy(1, 20, CPU_OUT, MEMORY), after, scaled, later);
        assertEquals(ActionKind.Resize, next.action().kind());
        assertEquals("memory:app", next.action().signal());
        // 95% of 256Mi to sit at 70%: 256 x 95 / 70 = 347.4, rounded up to 348Mi for request and limit alike.
        assertEquals(348.0 * 1024 * 1024, next.action().resources().get(0).memoryRequest());
        assertEquals(348.0 * 1024 * 1024, next.action().resources().get(0).memoryLimit());
    }

    @Test
    void rightSizingLeavesCpuToAnHpaAndNeverLowersWhileTheBudgetBurns() {
        OptimizationPolicy sizing = new OptimizationPolicy(List.of(), ReplicaBehavior.defaults(1, 10), 0.10, Duration.ofMinutes(5),
                Duration.ofMinutes(10), true, true, Set.of(), ResourcePolicy.cpuDefaults(0.01, 8), ResourcePolicy.memoryDefaults(32e6, 16e9), false);
        List<Double> cpu = new ArrayList<>();
        List<Double> memory = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            cpu.add(0.1);
            memory.add(100.0 * 1024 * 1024);
        }
        ContainerState app = new ContainerState("app", 1.0, null, 512.0 * 1024 * 1024, null, cpu, memory);
        WorkloadObservation calm = new WorkloadObservation(3, List.of(), Map.of(), Map.of(), List.of(app), AlertLevel.NONE, 0.9, null);

        OptimizationPlanner.Plan plan = OptimizationPlanner.plan(sizing, calm, OptimizationHistory.EMPTY, T0);
        assertEquals(0.115, plan.resources().get(0).cpuRequest(), 1e-9, "0.1 cores + 15%");
        assertEquals(ActionKind.Resize, plan.action().kind());

        OptimizationPlanner.Plan withHpa = OptimizationPlanner.plan(sizing, calm.withHpa("app"), OptimizationHistory.EMPTY, T0);
        assertNull(withHpa.resources().get(0).cpuRequest());
        assertTrue(withHpa.reasons().stream().anyMatch(r -> r.contains("HorizontalPodAutoscaler app scales on utilization")));

        WorkloadObservation burning = new WorkloadObservation(3, List.of(), Map.of(), Map.of(), List.of(app), AlertLevel.TICKET, 0.5, null);
        OptimizationPlanner.Plan refused = OptimizationPlanner.plan(sizing, burning, OptimizationHistory.EMPTY, T0);
        assertTrue(refused.resources().isEmpty());
        assertNull(refused.action());
        assertTrue(refused.reasons().stream().anyMatch(r -> r.contains("lowering requests refused: the error budget is burning (Ticket)")),
                refused.reasons().toString());
    }

    @Test
    void aHeldScaleOutStillForbidsAScaleIn() {
        Instant now = T0.plus(Duration.ofMinutes(30));
        Map<String, SignalSeries> signals = new HashMap<>(cpu(now, t -> 10.0));
        signals.put("latency:p99", signal(now, t -> 900.0, null));
        OptimizationHistory held = new OptimizationHistory(List.of(), List.of(), null, List.of(new Hold(ActionKind.ScaleOut, "latency:p99")));
        OptimizationPlanner.Plan plan = OptimizationPlanner.plan(policy(1, 10, CPU_IN, LATENCY), observation(6, 10, signals,
                AlertLevel.NONE, 0.9), held, now);
        assertNull(plan.action(), "latency still fires; only the scale-out for it is held");
        assertEquals(6, plan.desiredReplicas());
        assertTrue(plan.refusals().get(0).contains("ScaleOut for latency:p99 is held"), plan.refusals().toString());
    }

    @Test
    void memoryIsRaisedOnlyWithPermissionAndWithinItsBounds() {
        Instant now = T0.plus(Duration.ofMinutes(10));
        ContainerState app = new ContainerState("app", 1.0, null, 256.0 * 1024 * 1024, null, List.of(), List.of());
        WorkloadObservation obs = new WorkloadObservation(4, List.of(), Map.of("memory:app", signal(now, t -> 95.0, null)), Map.of(),
                List.of(app), AlertLevel.NONE, 0.9, null);
        OptimizationPolicy noPermission = new OptimizationPolicy(List.of(MEMORY), ReplicaBehavior.defaults(1, 10), 0.10,
                Duration.ofMinutes(5), Duration.ofMinutes(10), false, false, Set.of(), ResourcePolicy.cpuDefaults(0.01, 8),
                ResourcePolicy.memoryDefaults(32e6, 16e9), false);
        OptimizationPlanner.Plan refused = OptimizationPlanner.plan(noPermission, obs, OptimizationHistory.EMPTY, now);
        assertNull(refused.action());
        assertTrue(refused.refusals().get(0).contains("spec.optimization.resources is not set"), refused.refusals().toString());

        OptimizationPolicy capped = new OptimizationPolicy(List.of(MEMORY), ReplicaBehavior.defaults(1, 10), 0.10, Duration.ofMinutes(5),
                Duration.ofMinutes(10), true, false, Set.of(), ResourcePolicy.cpuDefaults(0.01, 8),
                ResourcePolicy.memoryDefaults(32e6, 300.0 * 1024 * 1024), false);
        OptimizationPlanner.Plan plan = OptimizationPlanner.plan(capped, obs, OptimizationHistory.EMPTY, now);
        assertEquals(300.0 * 1024 * 1024, plan.action().resources().get(0).memoryRequest(), "348Mi wanted, 300Mi allowed");
    }

    @Test
    void aLoweredMemoryLimitNeverDropsBelowTheHighestPeakSeen() {
        OptimizationPolicy sizing = new OptimizationPolicy(List.of(), ReplicaBehavior.defaults(1, 10), 0.10, Duration.ofMinutes(5),
                Duration.ofMinutes(10), true, true, Set.of(), ResourcePolicy.cpuDefaults(0.01, 8), ResourcePolicy.memoryDefaults(32e6, 16e9), false);
        double mib = 1024 * 1024;
        List<Double> peaks = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            peaks.add(i == 42 ? 900 * mib : 200 * mib); // one spike in a week
        }
        // A Guaranteed container (limit = request): the ratio alone would put the limit at 230Mi, under the 900Mi spike.
        ContainerState app = new ContainerState("app", null, null, 1024 * mib, 1024 * mib, List.of(), peaks);
        WorkloadObservation calm = new WorkloadObservation(3, List.of(), Map.of(), Map.of(), List.of(app), AlertLevel.NONE, 0.9, null);
        ContainerChange change = OptimizationPlanner.plan(sizing, calm, OptimizationHistory.EMPTY, T0).resources().get(0);
        assertEquals(230 * mib, change.memoryRequest());
        assertEquals(1024 * mib, change.memoryLimit(), "900Mi + 15% = 1035Mi, kept at the current 1Gi");
    }
}
