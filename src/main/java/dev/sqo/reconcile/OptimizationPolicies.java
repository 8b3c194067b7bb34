package dev.sqo.reconcile;

import dev.sqo.api.Objective;
import dev.sqo.api.Optimization;
import dev.sqo.api.ReplicaBounds;
import dev.sqo.api.ResourceSizing;
import dev.sqo.api.RightSizing;
import dev.sqo.api.ScalingBehavior;
import dev.sqo.api.ScalingDirection;
import dev.sqo.api.ScalingPolicySpec;
import dev.sqo.api.Trigger;
import dev.sqo.optimize.CapacityModel;
import dev.sqo.optimize.OptimizationPolicy;
import dev.sqo.optimize.ReplicaBehavior;
import dev.sqo.optimize.ResourcePolicy;
import dev.sqo.optimize.ScalingPolicy;
import dev.sqo.optimize.ScalingRules;
import dev.sqo.optimize.TriggerEvaluator;
import dev.sqo.optimize.TriggerRule;
import dev.sqo.slo.AlertLevel;
import dev.sqo.slo.PromDuration;
import io.fabric8.kubernetes.api.model.Quantity;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** spec.optimization with every default resolved, as the pure planner takes it. */
public final class OptimizationPolicies {

    /** Bounds when the user sets none: wide, but still bounds. */
    static final double DEFAULT_CPU_MIN = 0.01;
    static final double DEFAULT_CPU_MAX = 8;
    static final double DEFAULT_MEMORY_MIN = 32 * 1024 * 1024;
    static final double DEFAULT_MEMORY_MAX = 16.0 * 1024 * 1024 * 1024;
    static final int BASELINE_DAYS = 7;

    private OptimizationPolicies() {
    }

    public static OptimizationPolicy resolve(Optimization o, List<Objective> objectives) {
        List<TriggerRule> rules = new ArrayList<>();
        List<Trigger> listed = o.triggers == null ? List.of() : o.triggers;
        // A trigger that scales is the user's choice of control: it decides replicas alone, as before sqo had its own.
        boolean objectiveControl = listed.stream().noneMatch(OptimizationPolicies::scales);
        List<Trigger> triggers = listed.isEmpty() ? defaults() : listed;
        for (Trigger t : triggers) {
            rules.addAll(rules(t, objectives));
        }
        ReplicaBounds bounds = o.replicas;
        ScalingBehavior b = o.behavior == null ? new ScalingBehavior() : o.behavior;
        ReplicaBehavior behavior = new ReplicaBehavior(rules(b.scaleUp, ScalingRules.DEFAULT_SCALE_UP),
                rules(b.scaleDown, ScalingRules.DEFAULT_SCALE_DOWN), bounds == null ? 1 : bounds.min,
                bounds == null ? ReplicaBehavior.UNBOUNDED : bounds.max);
        RightSizing r = o.resources;
        double minimumChange = r == null ? 0.10 : r.minimumChange / 100;
        ResourcePolicy cpu = sizing(r == null ? null : r.cpu, 90, DEFAULT_CPU_MIN, DEFAULT_CPU_MAX, minimumChange);
        // The CPU request is the yardstick of CPU utilization: sized to the usage percentile plus a small margin it
        // would sit above the scale-out threshold and the two would chase each other. Sized so that the percentile
        // lands on the scale-out trigger's target, the request and the replica count agree.
        // Under the objective control, the P90 lands where its capacity starts (70%), below the CPU ceiling it learns
        // under: a request that followed usage up to that ceiling would lower capacity, add replicas, lower usage and
        // lower the request again, the HPA-and-VPA fight.
        Double cpuTarget = triggers.stream().filter(t -> t.kind == Trigger.Kind.CpuUtilization && t.above != null)
                .map(OptimizationPolicies::target).findFirst()
                .orElse(objectiveControl ? CapacityModel.BOOTSTRAP_UTILIZATION * 100 : null);
        if (cpuTarget != null && (r == null || r.cpu == null || r.cpu.margin == null)) {
            cpu = new ResourcePolicy(cpu.percentile(), 100 / cpuTarget - 1, cpu.min(), cpu.max(), cpu.minimumChange());
        }
        return new OptimizationPolicy(rules, behavior, o.budgetFloor / 100, PromDuration.parse(o.cooldown),
                PromDuration.parse(o.validationWindow), r != null, r != null && r.enabled,
                r == null ? Set.of() : new HashSet<>(r.containers), cpu,
                sizing(r == null ? null : r.memory, 95, DEFAULT_MEMORY_MIN, DEFAULT_MEMORY_MAX, minimumChange), objectiveControl);
    }

    private static boolean scales(Trigger t) {
        return t.kind == Trigger.Kind.CpuUtilization || t.kind == Trigger.Kind.Latency || t.kind == Trigger.Kind.BudgetBurn;
    }

    public static Duration lookback(Optimization o) {
        return PromDuration.parse(o.resources == null ? "7d" : o.resources.lookback);
    }

    /**
     * The triggers beside the objective control when the user lists none: memory above 85% for 5m raises memory,
     * errors at twice their baseline for 5m raise Investigate. Replicas are the objective control's. The seed rules
     * that scaled (CPU 80%/20%, latency, page-level burn) are available as explicit triggers.
     */
    static List<Trigger> defaults() {
        List<Trigger> out = new ArrayList<>();
        out.add(Trigger.of(Trigger.Kind.MemoryUtilization, 85.0, null));
        out.add(Trigger.of(Trigger.Kind.ErrorRatio, null, null));
        return out;
    }

    private static List<TriggerRule> rules(Trigger t, List<Objective> objectives) {
        int step = t.scaleOutPercent == null ? 50 : t.scaleOutPercent;
        return switch (t.kind) {
            case CpuUtilization -> {
                boolean in = t.below != null;
                yield List.of(new TriggerRule("cpu", in ? TriggerRule.Action.SCALE_IN : TriggerRule.Action.SCALE_OUT,
                        in ? t.below : t.above, duration(t, in ? "15m" : "5m"), null, 0, target(t), step, null));
            }
            case MemoryUtilization -> List.of(new TriggerRule(TriggerEvaluator.MEMORY, TriggerRule.Action.RAISE_MEMORY, t.above,
                    duration(t, "5m"), null, 0, target(t), step, null));
            case Latency -> objectives.stream().filter(o -> matches(t, o) && latencyThresholdMs(o) != null)
                    .map(o -> new TriggerRule("latency:" + o.name, TriggerRule.Action.SCALE_OUT,
                            t.above != null ? t.above : latencyThresholdMs(o), duration(t, "15m"),
                            t.baselineFactor != null ? t.baselineFactor : 1.5, 0, 0, step, null))
                    .toList();
            case ErrorRatio -> objectives.stream()
                    .filter(o -> t.objective != null ? t.objective.equals(o.name) : o.ratio != null)
                    .map(o -> new TriggerRule("errors:" + o.name, TriggerRule.Action.INVESTIGATE, t.above == null ? null : t.above / 100,
                            duration(t, "5m"), t.baselineFactor != null ? t.baselineFactor : 2.0, 1 - o.target / 100, 0, step, null))
                    .toList();
            case BudgetBurn -> List.of(new TriggerRule(TriggerEvaluator.BURN, TriggerRule.Action.SCALE_OUT, null, Duration.ZERO, null,
                    0, 0, step, "Ticket".equals(t.level) ? AlertLevel.TICKET : AlertLevel.PAGE));
        };
    }

    private static boolean matches(Trigger t, Objective o) {
        return t.objective == null || t.objective.equals(o.name);
    }

    /** The latency an objective promises, in milliseconds; null for objectives that promise none. */
    static Double latencyThresholdMs(Objective o) {
        if (o.latency != null) {
            return (double) PromDuration.parse(o.latency.threshold).toMillis();
        }
        if (o.latencyPercentile != null) {
            return (double) PromDuration.parse(o.latencyPercentile.threshold).toMillis();
        }
        return null;
    }

    /** The quantile an objective's latency is read at: its percentile, or its target share of fast requests. */
    public static double latencyQuantile(Objective o) {
        return o.latencyPercentile != null ? o.latencyPercentile.percentile / 100 : o.target / 100;
    }

    private static Duration duration(Trigger t, String fallback) {
        return PromDuration.parse(t.forDuration != null ? t.forDuration : fallback);
    }

    /** 70%, or 10 points under a lower threshold, so that an action always lands below the threshold that fired it. */
    private static double target(Trigger t) {
        if (t.target != null) {
            return t.target;
        }
        return t.above != null ? Math.max(1, Math.min(70, t.above - 10)) : 70;
    }

    private static ScalingRules rules(ScalingDirection d, ScalingRules defaults) {
        if (d == null) {
            return defaults;
        }
        Duration window = d.stabilizationWindowSeconds == null ? defaults.stabilizationWindow()
                : Duration.ofSeconds(d.stabilizationWindowSeconds);
        ScalingRules.SelectPolicy select = d.selectPolicy == null ? defaults.selectPolicy()
                : ScalingRules.SelectPolicy.valueOf(d.selectPolicy.toUpperCase(Locale.ROOT));
        List<ScalingPolicy> policies = d.policies == null || d.policies.isEmpty() ? defaults.policies()
                : d.policies.stream().map(OptimizationPolicies::policy).toList();
        return new ScalingRules(window, select, policies);
    }

    private static ScalingPolicy policy(ScalingPolicySpec p) {
        Duration period = Duration.ofSeconds(p.periodSeconds);
        return "Pods".equals(p.type) ? ScalingPolicy.pods(p.value, period) : ScalingPolicy.percent(p.value, period);
    }

    /** Unset bounds take the defaults, moved aside where needed so that they never cross a bound the user set. */
    private static ResourcePolicy sizing(ResourceSizing s, double percentile, double min, double max, double minimumChange) {
        if (s == null) {
            return new ResourcePolicy(percentile, 0.15, min, max, minimumChange);
        }
        Double userMin = s.min != null ? amount(s.min) : null;
        Double userMax = s.max != null ? amount(s.max) : null;
        double lower = userMin != null ? userMin : userMax != null ? Math.min(min, userMax) : min;
        double upper = userMax != null ? userMax : userMin != null ? Math.max(max, userMin) : max;
        return new ResourcePolicy(s.percentile != null ? s.percentile : percentile, s.margin != null ? s.margin / 100 : 0.15,
                lower, upper, minimumChange);
    }

    /** A quantity in base units: cores for CPU, bytes for memory. */
    static double amount(String quantity) {
        return Quantity.getAmountInBytes(new Quantity(quantity)).doubleValue();
    }
}
