package dev.sqo.optimize;

import dev.sqo.slo.AlertLevel;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole decision, as the operator, sqo evaluate and sqo simulate run it: validations and holds, HPA floors,
 * one action per cycle.
 */
class DecisionCycleTest {

    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
    private static final TriggerRule CPU_OUT = new TriggerRule("cpu", TriggerRule.Action.SCALE_OUT, 80.0, Duration.ofMinutes(5), null,
            0, 70, 50, null);
    private static final TriggerRule BURN = new TriggerRule("burn", TriggerRule.Action.SCALE_OUT, null, Duration.ZERO, null, 0, 0, 50,
            AlertLevel.PAGE);

    private static OptimizationPolicy triggers(TriggerRule... rules) {
        return new OptimizationPolicy(List.of(rules), ReplicaBehavior.defaults(1, 10), 0.10, Duration.ofMinutes(5), Duration.ofMinutes(10),
                false, false, Set.of(), ResourcePolicy.cpuDefaults(0.01, 8), ResourcePolicy.memoryDefaults(32e6, 16e9), false);
    }

    /** CPU at this utilization for the last hour, sampled every minute. */
    private static WorkloadObservation cpu(int replicas, double utilization, AlertLevel alert) {
        NavigableMap<Instant, Double> v = new TreeMap<>();
        for (Instant t = NOW.minus(Duration.ofHours(1)); !t.isAfter(NOW); t = t.plus(Duration.ofMinutes(1))) {
            v.put(t, utilization);
        }
        List<PodSample> pods = new ArrayList<>();
        for (int i = 0; i < replicas; i++) {
            pods.add(PodSample.ready("p" + i, utilization / 100, 1.0));
        }
        return new WorkloadObservation(replicas, pods, Map.of("cpu", SignalSeries.of(v)), Map.of(), List.of(), alert, 0.5, null);
    }

    private static DecisionCycle.Decision decide(DecisionCycle.Mode mode, OptimizationPolicy policy, WorkloadObservation obs,
                                                 DecisionCycle.HpaView hpa, List<Hold> holds, List<DecisionCycle.PendingAction> pending,
                                                 Instant lastAction) {
        return DecisionCycle.decide(new DecisionCycle.Inputs(mode, policy, obs, hpa, null,
                new OptimizationHistory(List.of(), List.of(), lastAction, holds), pending, List.of(), NOW));
    }

    @Test
    void aScaleOutThatDidNotRelieveItsSignalHoldsFurtherOnesForIt() {
        // Scaled out 15 minutes ago at 90% CPU; CPU is still at 90%: more replicas did not help.
        DecisionCycle.PendingAction earlier = new DecisionCycle.PendingAction("a1", ActionKind.ScaleOut, "cpu", 90.0,
                NOW.minus(Duration.ofMinutes(15)), "ScaleOut 2 -> 3");
        DecisionCycle.Decision d = decide(DecisionCycle.Mode.AUTO, triggers(CPU_OUT), cpu(3, 90, AlertLevel.NONE), null, List.of(),
                List.of(earlier), NOW.minus(Duration.ofMinutes(15)));

        assertEquals(ActionValidator.Verdict.INEFFECTIVE, d.verdicts().get(0).verdict());
        assertEquals(List.of(new Hold(ActionKind.ScaleOut, "cpu")), d.holds());
        assertTrue(d.newHolds().get(0).reason().startsWith("Action a1 (ScaleOut 2 -> 3) was ineffective"), d.newHolds().get(0).reason());
        assertNull(d.action(), "held in this very decision");
    }

    @Test
    void aHoldEndsWhenItsSignalRecovers() {
        DecisionCycle.Decision d = decide(DecisionCycle.Mode.AUTO, triggers(CPU_OUT), cpu(3, 50, AlertLevel.NONE), null,
                List.of(new Hold(ActionKind.ScaleOut, "cpu")), List.of(), null);
        assertEquals(List.of(), d.holds());
    }

    @Test
    void aScaleOutForLoadIsNotJudgedAgainstASignal() {
        DecisionCycle.PendingAction forLoad = new DecisionCycle.PendingAction("a2", ActionKind.ScaleOut, OptimizationPlanner.LOAD, 400.0,
                NOW.minus(Duration.ofMinutes(15)), "ScaleOut 4 -> 6");
        DecisionCycle.Decision d = decide(DecisionCycle.Mode.AUTO, triggers(CPU_OUT), cpu(3, 50, AlertLevel.NONE), null, List.of(),
                List.of(forLoad), null);
        assertEquals(ActionValidator.Verdict.NOT_APPLICABLE, d.verdicts().get(0).verdict());
        assertEquals(List.of(), d.newHolds());
    }

    @Test
    void withAnHpaTheFloorIsRaisedWhileTheBudgetBurnsAndGivenBackAfter() {
        DecisionCycle.HpaView hpa = new DecisionCycle.HpaView("web", 2, 8, null, null);
        DecisionCycle.Decision burning = decide(DecisionCycle.Mode.AUTO, triggers(BURN), cpu(4, 50, AlertLevel.PAGE), hpa, List.of(),
                List.of(), null);
        assertEquals(ActionKind.RaiseHpaFloor, burning.action().kind());
        assertEquals(6, burning.action().replicas(), "4 plus half, under the HPA's maximum");

        DecisionCycle.HpaView raised = new DecisionCycle.HpaView("web", 6, 8, 2, 6);
        DecisionCycle.Decision calm = decide(DecisionCycle.Mode.AUTO, triggers(BURN), cpu(6, 40, AlertLevel.NONE), raised, List.of(),
                List.of(), null);
        assertEquals(ActionKind.RestoreHpaFloor, calm.action().kind());
        assertEquals(2, calm.action().replicas());
    }

    @Test
    void aFloorSomeoneElseChangedWhileRaisedIsLeftAtTheirValue() {
        // sqo raised 2 to 6; someone set 4 since: giving back 2 would overwrite their edit.
        DecisionCycle.Decision calm = decide(DecisionCycle.Mode.AUTO, triggers(BURN), cpu(6, 40, AlertLevel.NONE),
                new DecisionCycle.HpaView("web", 4, 8, 2, 6), List.of(), List.of(), null);
        assertEquals(ActionKind.RestoreHpaFloor, calm.action().kind());
        assertEquals(4, calm.action().replicas(), "their value stays; only sqo's claim goes");
        assertTrue(calm.action().reason().contains("changed to 4 by someone else"), calm.action().reason());

        // Without the journal of its raise sqo cannot tell the value is its own, and leaves it too.
        assertEquals(6, DecisionCycle.release(new DecisionCycle.HpaView("web", 6, 8, 2, null), "gone").replicas());
    }

    @Test
    void anHpaFloorIsRaisedAtTheCooldownsPace() {
        DecisionCycle.Decision d = decide(DecisionCycle.Mode.AUTO, triggers(BURN), cpu(4, 50, AlertLevel.PAGE),
                new DecisionCycle.HpaView("web", 4, 8, 2, 4), List.of(), List.of(), NOW.minus(Duration.ofMinutes(1)));
        assertNull(d.action(), "raised a minute ago: the raise is judged before the next");
    }

    @Test
    void withAnHpaNothingElseTouchesTheReplicas() {
        DecisionCycle.Decision d = decide(DecisionCycle.Mode.AUTO, triggers(CPU_OUT), cpu(3, 90, AlertLevel.NONE),
                new DecisionCycle.HpaView("web", 2, 8, null, null), List.of(), List.of(), null);
        assertNull(d.action());
        assertTrue(d.notes().stream().anyMatch(n -> n.contains("owns the replicas")), d.notes().toString());
    }

    @Test
    void recommendModeChangesNothingButGivesARaisedFloorBack() {
        assertNull(decide(DecisionCycle.Mode.RECOMMEND, triggers(CPU_OUT), cpu(3, 90, AlertLevel.NONE), null, List.of(), List.of(), null)
                .action());
        DecisionCycle.Decision d = decide(DecisionCycle.Mode.RECOMMEND, triggers(CPU_OUT), cpu(3, 90, AlertLevel.NONE),
                new DecisionCycle.HpaView("web", 6, 8, 2, 6), List.of(), List.of(), null);
        assertEquals(ActionKind.RestoreHpaFloor, d.action().kind());
        assertEquals(4, d.plan().replicas(), "the plan is still shown: ceil(3 x 90 / 70)");
    }

    @Test
    void anActionOfAKindAnotherWriterKeepsUndoingIsWithheldWhatEverItsSignal() {
        List<UndoneActions.Undone> undone = List.of(
                new UndoneActions.Undone("a1", ActionKind.ScaleOut, NOW.minus(Duration.ofMinutes(10)), "ScaleOut 2 -> 3"),
                new UndoneActions.Undone("a2", ActionKind.ScaleOut, NOW.minus(Duration.ofMinutes(5)), "ScaleOut 2 -> 3"));
        DecisionCycle.Decision d = DecisionCycle.decide(new DecisionCycle.Inputs(DecisionCycle.Mode.AUTO, triggers(CPU_OUT),
                cpu(2, 90, AlertLevel.NONE), null, null, OptimizationHistory.EMPTY, List.of(), undone, NOW));

        assertNull(d.action());
        assertEquals(3, d.plan().replicas(), "the plan is still shown");
        assertTrue(d.withheld().startsWith("ScaleOut 2 -> 3 is not carried out"), d.withheld());
        assertTrue(d.holds().contains(new Hold(ActionKind.ScaleOut, Hold.ANY_SIGNAL)));
    }
}
