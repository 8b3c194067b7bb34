package dev.sqo.reconcile;

import dev.sqo.api.Optimization;
import dev.sqo.api.ResourceSizing;
import dev.sqo.api.RightSizing;
import dev.sqo.api.ServiceQuality;
import dev.sqo.api.Trigger;
import dev.sqo.optimize.OptimizationPolicy;
import dev.sqo.optimize.ScalingRules;
import dev.sqo.optimize.TriggerRule;
import dev.sqo.slo.AlertLevel;
import dev.sqo.testing.Fixtures;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** spec.optimization as the planner gets it: the seed defaults of the issue and the user's bounds, never crossed. */
class OptimizationPoliciesTest {

    private static final ServiceQuality SCENARIO = Fixtures.serviceQuality("scenario.yaml");

    private static TriggerRule rule(OptimizationPolicy p, String signal, TriggerRule.Action action) {
        return p.triggers().stream().filter(r -> r.signal().equals(signal) && r.action() == action).findFirst()
                .orElseThrow(() -> new AssertionError(signal + " " + action + " in " + p.triggers()));
    }

    @Test
    void withoutTriggersTheObjectivesDecideReplicasBesideMemoryRaisesAndErrorInvestigations() {
        OptimizationPolicy p = OptimizationPolicies.resolve(new Optimization(), SCENARIO.getSpec().objectives);

        assertTrue(p.objectiveControl());
        assertEquals(85.0, rule(p, "memory", TriggerRule.Action.RAISE_MEMORY).threshold());
        TriggerRule errors = rule(p, "errors:availability", TriggerRule.Action.INVESTIGATE);
        assertNull(errors.threshold());
        assertEquals(2.0, errors.baselineFactor());
        assertEquals(0.001, errors.floor(), 1e-12, "what 99.9% allows");
        assertTrue(p.triggers().stream().noneMatch(r -> r.action() == TriggerRule.Action.SCALE_OUT || r.action() == TriggerRule.Action.SCALE_IN),
                "no trigger scales: replicas are the objective control's");
        assertEquals(2, p.triggers().size());

        assertEquals(ScalingRules.DEFAULT_SCALE_UP, p.behavior().scaleUp());
        assertEquals(ScalingRules.DEFAULT_SCALE_DOWN, p.behavior().scaleDown());
        assertFalse(p.managesResources(), "no resources block: sqo never touches container resources");
    }

    @Test
    void theSeedRulesListedExplicitlyDecideAloneWithTheirDefaults() {
        Optimization o = new Optimization();
        o.triggers = new java.util.ArrayList<>();
        for (Trigger.Kind kind : Trigger.Kind.values()) {
            Trigger t = new Trigger();
            t.kind = kind;
            o.triggers.add(t);
        }
        Trigger below = new Trigger();
        below.kind = Trigger.Kind.CpuUtilization;
        below.below = 20.0;
        o.triggers.get(0).above = 80.0;
        o.triggers.get(1).above = 85.0;
        o.triggers.add(below);
        OptimizationPolicy p = OptimizationPolicies.resolve(o, SCENARIO.getSpec().objectives);

        assertFalse(p.objectiveControl(), "a trigger that scales is the user's choice of control");
        TriggerRule out = rule(p, "cpu", TriggerRule.Action.SCALE_OUT);
        assertEquals(80.0, out.threshold());
        assertEquals(Duration.ofMinutes(5), out.duration());
        assertEquals(70.0, out.target());
        TriggerRule in = rule(p, "cpu", TriggerRule.Action.SCALE_IN);
        assertEquals(20.0, in.threshold());
        assertEquals(Duration.ofMinutes(15), in.duration());
        // latency (99% under 300ms) and p99 (under 500ms) promise a latency; availability and apdex do not.
        TriggerRule latency = rule(p, "latency:latency", TriggerRule.Action.SCALE_OUT);
        assertEquals(300.0, latency.threshold());
        assertEquals(1.5, latency.baselineFactor());
        assertEquals(Duration.ofMinutes(15), latency.duration());
        assertEquals(500.0, rule(p, "latency:p99", TriggerRule.Action.SCALE_OUT).threshold());
        assertEquals(AlertLevel.PAGE, rule(p, "burn", TriggerRule.Action.SCALE_OUT).level());
    }

    @Test
    void aTargetDefaultsBelowALowerThreshold() {
        Optimization o = new Optimization();
        Trigger cpu = new Trigger();
        cpu.kind = Trigger.Kind.CpuUtilization;
        cpu.above = 60.0;
        o.triggers = List.of(cpu);
        assertEquals(50.0, OptimizationPolicies.resolve(o, SCENARIO.getSpec().objectives).triggers().get(0).target());
    }

    @Test
    void defaultBoundsGiveWayToTheUsersOwn() {
        Optimization o = new Optimization();
        o.resources = new RightSizing();
        o.resources.memory = new ResourceSizing();
        o.resources.memory.max = "16Mi";
        o.resources.cpu = new ResourceSizing();
        o.resources.cpu.min = "10";
        OptimizationPolicy p = OptimizationPolicies.resolve(o, SCENARIO.getSpec().objectives);
        assertEquals(16.0 * 1024 * 1024, p.memory().max());
        assertEquals(16.0 * 1024 * 1024, p.memory().min(), "the 32Mi default minimum would cross the user's 16Mi maximum");
        assertEquals(10.0, p.cpu().min());
        assertEquals(10.0, p.cpu().max(), "the 8-core default maximum would cross the user's 10-core minimum");
    }

    @Test
    void cpuRequestsAreSizedToTheScaleOutTargetSoTheyDoNotChaseTheReplicaCount() {
        Optimization o = new Optimization();
        o.resources = new RightSizing();
        OptimizationPolicy p = OptimizationPolicies.resolve(o, SCENARIO.getSpec().objectives);
        assertEquals(100 / 70.0 - 1, p.cpu().margin(), 1e-9, "p90 of usage lands at 70% of the request");
        assertEquals(0.15, p.memory().margin());
    }
}
