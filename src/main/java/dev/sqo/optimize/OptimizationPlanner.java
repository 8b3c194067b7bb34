package dev.sqo.optimize;

import dev.sqo.slo.AlertLevel;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
     * @param reasons         one sentence per signal, guard rail and sizing
     * @param refusals        the reasons that stopped a change: guard rails, holds, cooldowns
     * @param unjudged        the error signals an Investigate trigger watches that have no data, with why: with
     *                        any of them, "no anomaly" cannot be said
     * @param control         the objective control's proposal (capacity, forecast, panic), or null under triggers
     */
    public record Plan(int desiredReplicas, int replicas, List<ContainerChange> resources, List<Firing> firing,
                       List<Firing> investigations, Map<String, String> unjudged, ObjectiveScaler.Proposal control,
                       PlannedAction action, List<String> reasons, List<String> refusals) {
    }

    /** The signal of the objective control's actions: the request rate, against which a scale-out is judged. */
    public static final String LOAD = "load";

    private record Proposal(Firing firing, int replicas, boolean held) {
    }

    private OptimizationPlanner() {
    }

    public static Plan plan(OptimizationPolicy policy, WorkloadObservation obs, OptimizationHistory history, Instant now) {
        List<Firing> firing = TriggerEvaluator.firing(policy.triggers(), obs.signals(), obs.alert(), now);
        Reasons reasons = new Reasons();
        firing.forEach(f -> reasons.note(f.rule().action().display() + ": " + f.detail()));
        obs.failedSignals().forEach((signal, why) -> reasons.note("no data for " + signal + ": " + why));

        int current = obs.currentReplicas();
        ObjectiveScaler.Proposal control = policy.objectiveControl()
                ? ObjectiveScaler.propose(policy, obs, history.scaleEvents(), now) : null;
        Optional<Proposal> proposal = Optional.empty();
        int desired;
        int normalized;
        String scaleInBlocker;
        ReplicaBehavior behavior = policy.behavior();
        if (control != null) {
            control.reasons().forEach(reasons::note);
            desired = control.desired();
            normalized = control.replicas();
            scaleInBlocker = control.scaleInBlocker();
        } else {
            Optional<Proposal> highest = firing.stream()
                    .filter(f -> f.action() == TriggerRule.Action.SCALE_OUT || f.action() == TriggerRule.Action.SCALE_IN)
                    .map(f -> {
                        if (history.held(f.action().kind(), f.signal())) {
                            reasons.refuse(f.action().display() + " for " + f.signal() + " is held: an earlier one did not improve it");
                            // Still a vote for the current count: a problem sqo cannot fix is no time to scale in.
                            return new Proposal(f, current, true);
                        }
                        return new Proposal(f, replicasFor(f, obs), false);
                    })
                    .max(Comparator.comparingInt(Proposal::replicas).thenComparing(p -> !p.held()));
            desired = highest.map(Proposal::replicas).orElse(current);
            proposal = highest.filter(p -> !p.held());
            normalized = behavior.normalize(current, desired, history.recommendations(), history.scaleEvents(), now);
            scaleInBlocker = ScalingGuard.triggerScaleInBlocker(!obs.failedSignals().isEmpty(), obs.alert(), obs.budgetRemaining(),
                    policy.budgetFloor());
        }
        ScalingGuard.Decision guarded = ScalingGuard.decide(normalized, new ScalingGuard.Context(current, behavior.minReplicas(),
                behavior.maxReplicas(), scaleInBlocker, history.lastAction(), policy.cooldown(), control == null, now));
        String why = desired != normalized ? guarded.reason() + " (proposed " + desired + "; the stabilization window, "
                + "rate limits and bounds " + bounds(behavior) + " allow " + normalized + ")" : guarded.reason();
        ScalingGuard.Decision scaling = new ScalingGuard.Decision(guarded.replicas(), guarded.act(), why, guarded.refused());
        if (scaling.refused()) {
            reasons.refuse(why);
        } else if (desired != current || scaling.act()) {
            reasons.note(why);
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
        PlannedAction action = choose(scaling, proposal, control, resources, memoryFirings, obs, history, policy, now, reasons);
        return new Plan(desired, scaling.replicas(), resources, firing, investigations, unjudged(policy, obs), control, action,
                reasons.all(), reasons.refusals());
    }

    private static Map<String, String> unjudged(OptimizationPolicy policy, WorkloadObservation obs) {
        Map<String, String> out = new LinkedHashMap<>();
        for (TriggerRule rule : policy.triggers()) {
            if (rule.action() == TriggerRule.Action.INVESTIGATE && (obs.failedSignals().containsKey(rule.signal())
                    || !obs.signals().containsKey(rule.signal()))) {
                out.put(rule.signal(), obs.failedSignals().getOrDefault(rule.signal(), "not read"));
            }
        }
        return out;
    }

    /** One action per decision: relief first (scale out, then raising resources), savings after. */
    private static PlannedAction choose(ScalingGuard.Decision scaling, Optional<Proposal> proposal, ObjectiveScaler.Proposal control,
                                        List<ContainerChange> resources,
                                        List<Firing> memoryFirings, WorkloadObservation obs, OptimizationHistory history,
                                        OptimizationPolicy policy, Instant now, Reasons reasons) {
        int current = obs.currentReplicas();
        String signal = control != null ? LOAD : proposal.map(p -> p.firing().signal()).orElse("bounds");
        Double value = control != null ? (Double.isNaN(control.load()) ? null : control.load())
                : proposal.map(p -> p.firing().value()).orElse(null);
        if (scaling.act() && scaling.replicas() > current) {
            return new PlannedAction(ActionKind.ScaleOut, signal, value, current, scaling.replicas(), List.of(), scaling.reason());
        }
        if (!resources.isEmpty()) {
            if (history.lastAction() != null && now.isBefore(history.lastAction().plus(policy.cooldown()))) {
                reasons.refuse("resize held: cooling down until " + history.lastAction().plus(policy.cooldown()));
                return null;
            }
            Firing memory = memoryFirings.isEmpty() ? null : memoryFirings.get(0);
            return new PlannedAction(ActionKind.Resize, memory != null ? memory.signal() : "rightsizing",
                    memory != null ? memory.value() : null, current, current, resources,
                    memory != null ? "memory raised: " + memory.detail() : "requests follow usage");
        }
        if (scaling.act()) {
            return new PlannedAction(scaling.replicas() < current ? ActionKind.ScaleIn : ActionKind.ScaleOut, signal, value, current,
                    scaling.replicas(), List.of(), scaling.reason());
        }
        return null;
    }

    /** 3..12, or 1.. when the user set no upper bound (Recommend mode without replicas). */
    private static String bounds(ReplicaBehavior behavior) {
        return behavior.minReplicas() + ".." + (behavior.maxReplicas() >= ReplicaBehavior.UNBOUNDED ? "" : behavior.maxReplicas());
    }

    private static int replicasFor(Firing f, WorkloadObservation obs) {
        int current = obs.currentReplicas();
        if (f.signal().equals("cpu")) {
            int hpa = HPA.forUtilization(obs.cpuPods(), current, f.rule().target(), true);
            return f.action() == TriggerRule.Action.SCALE_OUT ? Math.max(current, hpa) : Math.min(current, hpa);
        }
        return current + Math.max(1, (int) Math.ceil(current * f.rule().scaleOutPercent() / 100.0));
    }

    /**
     * Why lowering requests must wait, or null when it may go ahead: the budget burns, is below its floor or is
     * unknown, or a signal has no data.
     */
    static String savingsBlocker(WorkloadObservation obs, OptimizationPolicy policy) {
        if (obs.alert() != AlertLevel.NONE) {
            return "the error budget is burning (" + obs.alert().display() + ")";
        }
        if (obs.budgetRemaining() == null || !Double.isFinite(obs.budgetRemaining())) {
            return "the remaining error budget is unknown";
        }
        if (obs.budgetRemaining() < policy.budgetFloor()) {
            return String.format(Locale.ROOT, "the remaining error budget %.0f%% is below the floor of %.0f%%",
                    obs.budgetRemaining() * 100, policy.budgetFloor() * 100);
        }
        if (!obs.failedSignals().isEmpty()) {
            return "a signal has missing data (" + String.join(", ", obs.failedSignals().keySet()) + ")";
        }
        return null;
    }
}
