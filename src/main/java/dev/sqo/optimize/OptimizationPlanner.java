package dev.sqo.optimize;

import dev.sqo.slo.AlertLevel;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * One decision: which triggers fire, the replica count they propose (the highest, like the HPA) after behavior and
 * guard rails, the container resources usage asks for, and the single action to take now, if any. Pure.
 */
public final class OptimizationPlanner {

    private static final ReplicaCalculator HPA = new ReplicaCalculator(ReplicaCalculator.DEFAULT_TOLERANCE);

    /**
     * @param desiredReplicas the unstabilized proposal, to remember for the stabilization windows
     * @param replicas        the recommendation after behavior, bounds and guard rails
     * @param action          the action to take now, or null
     */
    public record Plan(int desiredReplicas, int replicas, List<ContainerChange> resources, List<Firing> firing,
                       List<Firing> investigations, PlannedAction action, List<String> reasons) {
    }

    private OptimizationPlanner() {
    }

    public static Plan plan(OptimizationPolicy policy, WorkloadObservation obs, OptimizationHistory history, Instant now) {
        List<Firing> firing = TriggerEvaluator.firing(policy.triggers(), obs.signals(), obs.alert(), now);
        List<String> reasons = new ArrayList<>();
        firing.forEach(f -> reasons.add(f.rule().action().display() + ": " + f.detail()));
        obs.failedSignals().forEach((signal, why) -> reasons.add("no data for " + signal + ": " + why));

        int current = obs.currentReplicas();
        Optional<Proposal> proposal = firing.stream()
                .filter(f -> f.action() == TriggerRule.Action.SCALE_OUT || f.action() == TriggerRule.Action.SCALE_IN)
                .filter(f -> {
                    boolean held = history.held(f.action().display(), f.signal());
                    if (held) {
                        reasons.add(f.action().display() + " for " + f.signal() + " is held: an earlier one did not improve it");
                    }
                    return !held;
                })
                .map(f -> new Proposal(f, replicasFor(f, obs)))
                .max(Comparator.comparingInt(Proposal::replicas));
        int desired = proposal.map(Proposal::replicas).orElse(current);
        ReplicaBehavior behavior = policy.behavior();
        int normalized = behavior.normalize(current, desired, history.recommendations(), history.scaleEvents(), now);
        ScalingGuard.Decision scaling = ScalingGuard.decide(normalized, new ScalingGuard.Context(current, behavior.minReplicas(),
                behavior.maxReplicas(), obs.alert(), obs.budgetRemaining(), policy.budgetFloor(), !obs.failedSignals().isEmpty(),
                history.lastAction(), policy.cooldown(), now));
        String scalingReason = desired != normalized ? scaling.reason() + " (proposed " + desired + "; the stabilization window, "
                + "rate limits and bounds " + behavior.minReplicas() + ".." + behavior.maxReplicas() + " allow " + normalized + ")"
                : scaling.reason();
        if (desired != current || scaling.act()) {
            reasons.add(scalingReason);
        }

        List<ContainerChange> resources = new ArrayList<>();
        List<Firing> memoryFirings = new ArrayList<>();
        for (ContainerState c : obs.containers()) {
            if (policy.resizes(c.name())) {
                ResourcePlanner.plan(policy, c, firing, history, obs, reasons).ifPresent(change -> {
                    resources.add(change);
                    firing.stream().filter(f -> f.signal().equals(TriggerEvaluator.MEMORY + ":" + c.name())).forEach(memoryFirings::add);
                });
            }
        }

        List<Firing> investigations = firing.stream().filter(f -> f.action() == TriggerRule.Action.INVESTIGATE).toList();
        ScalingGuard.Decision explained = new ScalingGuard.Decision(scaling.replicas(), scaling.act(), scalingReason);
        PlannedAction action = choose(explained, proposal, resources, memoryFirings, obs, history, policy, now, reasons);
        return new Plan(desired, scaling.replicas(), resources, firing, investigations, action, reasons);
    }

    /** One action per decision: relief first (scale out, then raising resources), savings after. */
    private static PlannedAction choose(ScalingGuard.Decision scaling, Optional<Proposal> proposal, List<ContainerChange> resources,
                                        List<Firing> memoryFirings, WorkloadObservation obs, OptimizationHistory history,
                                        OptimizationPolicy policy, Instant now, List<String> reasons) {
        int current = obs.currentReplicas();
        String signal = proposal.map(p -> p.firing().signal()).orElse("bounds");
        Double value = proposal.map(p -> p.firing().value()).orElse(null);
        if (scaling.act() && scaling.replicas() > current) {
            return new PlannedAction("ScaleOut", signal, value, current, scaling.replicas(), List.of(), scaling.reason());
        }
        if (!resources.isEmpty()) {
            if (history.lastAction() != null && now.isBefore(history.lastAction().plus(policy.cooldown()))) {
                reasons.add("resize held: cooling down until " + history.lastAction().plus(policy.cooldown()));
                return null;
            }
            Firing memory = memoryFirings.isEmpty() ? null : memoryFirings.get(0);
            return new PlannedAction("Resize", memory != null ? memory.signal() : "rightsizing", memory != null ? memory.value() : null,
                    current, current, resources, memory != null ? "memory raised: " + memory.detail() : "requests follow usage");
        }
        if (scaling.act()) {
            return new PlannedAction(scaling.replicas() < current ? "ScaleIn" : "ScaleOut", signal, value, current,
                    scaling.replicas(), List.of(), scaling.reason());
        }
        return null;
    }

    private static int replicasFor(Firing f, WorkloadObservation obs) {
        int current = obs.currentReplicas();
        if (f.signal().equals("cpu")) {
            int hpa = HPA.forUtilization(obs.cpuPods(), current, f.rule().target(), true);
            return f.action() == TriggerRule.Action.SCALE_OUT ? Math.max(current, hpa) : Math.min(current, hpa);
        }
        return current + Math.max(1, (int) Math.ceil(current * f.rule().scaleOutPercent() / 100.0));
    }

    private record Proposal(Firing firing, int replicas) {
    }

    static boolean burning(WorkloadObservation obs, OptimizationPolicy policy) {
        return obs.alert() != AlertLevel.NONE || obs.budgetRemaining() == null || obs.budgetRemaining() < policy.budgetFloor();
    }
}
