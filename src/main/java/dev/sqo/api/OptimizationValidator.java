package dev.sqo.api;

import dev.sqo.slo.PromDuration;
import io.fabric8.kubernetes.api.model.Quantity;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** The Java mirror of spec.optimization's schema and CEL rules, plus what CEL cannot compare (quantities). */
final class OptimizationValidator {

    private static final Pattern PERIOD = Pattern.compile(Durations.PERIOD_PATTERN);
    private static final Pattern QUANTITY = Pattern.compile(ResourceSizing.QUANTITY);

    private OptimizationValidator() {
    }

    static void check(Optimization o, List<Objective> objectives, List<String> out) {
        if (o == null) {
            return;
        }
        Set<String> percentiles = objectives == null ? Set.of() : objectives.stream().filter(ob -> ob.latencyPercentile != null)
                .map(ob -> ob.name).collect(Collectors.toSet());
        String at = "spec.optimization";
        if (o.mode == null) {
            out.add(at + ".mode: must be Off, Recommend or Auto");
        }
        if (o.mode == Optimization.Mode.Auto && o.replicas == null) {
            out.add(at + ": mode Auto needs replicas.min and replicas.max: sqo never scales without bounds the user set");
        }
        if (o.replicas != null) {
            if (o.replicas.min < 1 || o.replicas.max < 1 || o.replicas.max > 10000) {
                out.add(at + ".replicas: min and max must be between 1 and 10000");
            }
            if (o.replicas.min > o.replicas.max) {
                out.add(at + ".replicas: min (" + o.replicas.min + ") must not be greater than max (" + o.replicas.max + ")");
            }
        }
        if (o.budgetFloor < 0 || o.budgetFloor > 100) {
            out.add(at + ".budgetFloor: must be a percentage from 0 to 100, got " + o.budgetFloor);
        }
        duration(o.cooldown, at + ".cooldown", out);
        duration(o.validationWindow, at + ".validationWindow", out);
        if (o.behavior != null) {
            direction(o.behavior.scaleUp, at + ".behavior.scaleUp", out);
            direction(o.behavior.scaleDown, at + ".behavior.scaleDown", out);
        }
        Set<String> names = objectives == null ? Set.of() : objectives.stream().map(ob -> ob.name).collect(Collectors.toSet());
        List<Trigger> triggers = o.triggers == null ? List.of() : o.triggers;
        for (int i = 0; i < triggers.size(); i++) {
            Trigger t = triggers.get(i);
            trigger(t, at + ".triggers[" + i + "]", names, out);
            if (t.kind == Trigger.Kind.ErrorRatio && t.objective != null && percentiles.contains(t.objective)) {
                out.add(at + ".triggers[" + i + "]: an ErrorRatio trigger needs a ratio, latency or apdex objective: "
                        + "a latencyPercentile objective counts slices, not requests");
            }
        }
        if (o.cpuPinning != null && (o.cpuPinning.profile == null || o.cpuPinning.profile.isBlank())) {
            out.add(at + ".cpuPinning.profile: is required: the NodeTuningProfile whose nodes the workload moves to");
        }
        if (o.resources != null) {
            duration(o.resources.lookback, at + ".resources.lookback", out);
            sizing(o.resources.cpu, at + ".resources.cpu", out);
            sizing(o.resources.memory, at + ".resources.memory", out);
        }
    }

    private static void trigger(Trigger t, String at, Set<String> objectives, List<String> out) {
        if (t.kind == null) {
            out.add(at + ".kind: is required");
            return;
        }
        boolean above = t.above != null;
        boolean below = t.below != null;
        switch (t.kind) {
            case CpuUtilization -> {
                if (above == below) {
                    out.add(at + ": a CpuUtilization trigger sets exactly one of above (scale out) or below (scale in)");
                }
            }
            case MemoryUtilization -> {
                if (!above || below) {
                    out.add(at + ": a MemoryUtilization trigger sets above and not below");
                }
            }
            case Latency, ErrorRatio -> {
                if (below) {
                    out.add(at + ": Latency and ErrorRatio triggers fire above their threshold or baseline; below is not allowed");
                }
            }
            default -> {
            }
        }
        boolean objectiveSignal = t.kind == Trigger.Kind.Latency || t.kind == Trigger.Kind.ErrorRatio;
        if (!objectiveSignal && (t.objective != null || t.baselineFactor != null)) {
            out.add(at + ": objective and baselineFactor apply only to Latency and ErrorRatio triggers");
        }
        if (t.objective != null && !objectives.contains(t.objective)) {
            out.add(at + ".objective: no objective is named '" + t.objective + "'");
        }
        if (t.kind != Trigger.Kind.BudgetBurn && t.level != null) {
            out.add(at + ": level applies only to BudgetBurn triggers");
        }
        if (t.level != null && !t.level.equals("Ticket") && !t.level.equals("Page")) {
            out.add(at + ".level: must be Ticket or Page, got " + t.level);
        }
        if (t.forDuration != null) {
            duration(t.forDuration, at + ".for", out);
        }
        if (below && (t.below < 0 || t.below > 100)) {
            out.add(at + ".below: must be a percentage from 0 to 100");
        }
        if (t.target != null && (t.target < 1 || t.target > 100)) {
            out.add(at + ".target: must be a percentage from 1 to 100");
        }
        if (t.target != null && above && t.target >= t.above) {
            out.add(at + ": target must be below above: an action must bring the signal under the threshold that fired it");
        }
        if (t.target != null && below && t.target <= t.below) {
            out.add(at + ": target must be above below: a scale-in must not land under the threshold that fired it");
        }
        if (t.baselineFactor != null && (t.baselineFactor < 1 || t.baselineFactor > 100)) {
            out.add(at + ".baselineFactor: must be from 1 to 100");
        }
    }

    private static void direction(ScalingDirection d, String at, List<String> out) {
        if (d == null) {
            return;
        }
        if (d.stabilizationWindowSeconds != null && (d.stabilizationWindowSeconds < 0 || d.stabilizationWindowSeconds > 3600)) {
            out.add(at + ".stabilizationWindowSeconds: must be from 0 to 3600");
        }
        if (d.selectPolicy != null && !Set.of("Max", "Min", "Disabled").contains(d.selectPolicy)) {
            out.add(at + ".selectPolicy: must be Max, Min or Disabled, got " + d.selectPolicy);
        }
        List<ScalingPolicySpec> policies = d.policies == null ? List.of() : d.policies;
        for (int i = 0; i < policies.size(); i++) {
            ScalingPolicySpec p = policies.get(i);
            if (!"Pods".equals(p.type) && !"Percent".equals(p.type)) {
                out.add(at + ".policies[" + i + "].type: must be Pods or Percent, got " + p.type);
            }
            if (p.value < 1 || p.periodSeconds < 1 || p.periodSeconds > 1800) {
                out.add(at + ".policies[" + i + "]: value must be positive and periodSeconds from 1 to 1800");
            }
        }
    }

    private static void sizing(ResourceSizing s, String at, List<String> out) {
        if (s == null) {
            return;
        }
        Double min = quantity(s.min, at + ".min", out);
        Double max = quantity(s.max, at + ".max", out);
        if (min != null && max != null && min > max) {
            out.add(at + ": min (" + s.min + ") must not be greater than max (" + s.max + ")");
        }
        if (s.percentile != null && (s.percentile < 50 || s.percentile > 100)) {
            out.add(at + ".percentile: must be from 50 to 100");
        }
        if (s.margin != null && (s.margin < 0 || s.margin > 200)) {
            out.add(at + ".margin: must be a percentage from 0 to 200");
        }
    }

    private static Double quantity(String q, String at, List<String> out) {
        if (q == null) {
            return null;
        }
        if (!QUANTITY.matcher(q).matches()) {
            out.add(at + ": '" + q + "' is not a quantity like 250m, 2 or 512Mi");
            return null;
        }
        return Quantity.getAmountInBytes(new Quantity(q)).doubleValue();
    }

    private static void duration(String d, String at, List<String> out) {
        if (d == null || !PERIOD.matcher(d).matches()) {
            out.add(at + ": '" + d + "' is not a duration like 5m or 1h");
        } else if (PromDuration.parse(d).isNegative()) {
            out.add(at + ": must not be negative");
        }
    }
}
