package dev.sqo.reconcile;

import dev.sqo.actuate.ActionEvents;
import dev.sqo.actuate.HpaFloor;
import dev.sqo.actuate.WorkloadActuator;
import dev.sqo.actuate.WorkloadReader;
import dev.sqo.actuate.WorkloadShape;
import dev.sqo.api.ActionHold;
import dev.sqo.api.ActionRecord;
import dev.sqo.api.CpuPinning;
import dev.sqo.api.NodeTuningProfile;
import dev.sqo.api.Optimization;
import dev.sqo.api.RecommendationStatus;
import dev.sqo.api.ServiceQuality;
import dev.sqo.api.ServiceQualityStatus;
import dev.sqo.api.SqoApi;
import dev.sqo.optimize.ActionKind;
import dev.sqo.optimize.ActionValidator;
import dev.sqo.optimize.Firing;
import dev.sqo.optimize.Hold;
import dev.sqo.optimize.OptimizationHistory;
import dev.sqo.optimize.OptimizationPlanner;
import dev.sqo.optimize.OptimizationPolicy;
import dev.sqo.optimize.PinningPlanner;
import dev.sqo.optimize.PlannedAction;
import dev.sqo.optimize.ReplicaRecommendation;
import dev.sqo.optimize.SignalSeries;
import dev.sqo.optimize.TriggerEvaluator;
import dev.sqo.optimize.WorkloadObservation;
import dev.sqo.slo.AlertLevel;
import io.fabric8.kubernetes.client.KubernetesClientException;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Decide and act for one ServiceQuality in the cluster: read the workload, collect its signals, validate earlier
 * actions, plan, and in Auto mode apply the one action of the decision. Every action is journaled on the object it
 * changes and recorded in the status and as events; a restarted operator reads them back and never repeats one.
 */
public final class WorkloadOptimizer {

    static final int KEPT_ACTIONS = 20;
    /** Unstabilized recommendations older than every stabilization window the API allows are of no use. */
    private static final Duration RECOMMENDATION_MEMORY = Duration.ofHours(1);

    private final Optimization.Mode whenAbsent;
    private final WorkloadReader reader;
    private final WorkloadActuator actuator;
    private final HpaFloor hpas;
    private final ActionEvents events;
    private final SignalCollector collector;
    private final ActionCounter counter;
    private final Function<String, NodeTuningProfile> profiles;
    /** Unstabilized recommendations per resource uid; like the HPA's, they live in memory. */
    private final Map<String, List<ReplicaRecommendation>> recommendations = new ConcurrentHashMap<>();

    /**
     * @param whenAbsent the mode of ServiceQualities without spec.optimization (Off or Recommend, from configuration)
     * @param profiles   looks up a NodeTuningProfile by name, null when there is none
     */
    public WorkloadOptimizer(WorkloadReader reader, WorkloadActuator actuator, HpaFloor hpas, ActionEvents events,
                             SignalCollector collector, ActionCounter counter, Optimization.Mode whenAbsent,
                             Function<String, NodeTuningProfile> profiles) {
        this.whenAbsent = whenAbsent;
        this.profiles = profiles;
        this.reader = reader;
        this.actuator = actuator;
        this.hpas = hpas;
        this.events = events;
        this.collector = collector;
        this.counter = counter;
    }

    public OptimizationOutcome optimize(ServiceQuality sq, EvaluationReport report, Instant now) {
        ServiceQualityStatus previous = sq.getStatus();
        Optimization spec = sq.getSpec().optimizationOr(whenAbsent);
        String namespace = sq.getMetadata().getNamespace();
        String kind = sq.getSpec().targetRef.kind;
        String name = sq.getSpec().targetRef.name;
        List<ActionRecord> actions = new ArrayList<>(previous == null ? List.of() : previous.actions);
        if (!spec.active()) {
            OptimizationOutcome off = OptimizationOutcome.idle(previous, ConditionSet.FALSE, "Off", "Optimization is off: sqo changes nothing.");
            return withRelease(sq, off, actions, now);
        }
        if (!report.specProblems().isEmpty() || report.endpoint() == null) {
            return OptimizationOutcome.idle(previous, ConditionSet.FALSE, "NotEvaluated",
                    "Nothing is decided while the ServiceQuality cannot be evaluated (see Ready).");
        }
        Optional<WorkloadShape> read;
        Optional<HpaFloor.Hpa> hpa;
        try {
            read = reader.read(namespace, kind, name);
            hpa = hpas.find(namespace, kind, name);
        } catch (KubernetesClientException e) {
            return OptimizationOutcome.idle(previous, ConditionSet.FALSE, reason(e), "Cannot read " + kind + "/" + name + ": "
                    + denied(e, "get " + kind.toLowerCase() + "s, list pods and list horizontalpodautoscalers") + " Retried every cycle.");
        }
        if (read.isEmpty()) {
            return OptimizationOutcome.idle(previous, ConditionSet.FALSE, "TargetNotFound",
                    kind + "/" + name + " does not exist in namespace " + namespace + ".");
        }
        WorkloadShape workload = read.get();
        if (workload.replicas() == 0) {
            return OptimizationOutcome.idle(previous, ConditionSet.FALSE, "ScaledToZero",
                    kind + "/" + name + " is scaled to zero; sqo leaves a paused workload alone, as the HPA does.");
        }
        OptimizationPolicy policy = OptimizationPolicies.resolve(spec, sq.getSpec().objectives);
        WorkloadObservation obs = collector.collect(report, policy, OptimizationPolicies.lookback(spec), workload, false, now)
                .withHpa(hpa.map(HpaFloor.Hpa::name).orElse(null));

        recoverJournaled(workload.lastAction(), actions);
        hpa.ifPresent(h -> recoverJournaled(h.lastAction(), actions));
        String clearedBy = previous == null ? null : previous.holdsClearedBy;
        List<ActionHold> holds = new ArrayList<>(previous == null ? List.of() : previous.holds);
        String clear = sq.getMetadata().getAnnotations() == null ? null
                : sq.getMetadata().getAnnotations().get(SqoApi.CLEAR_HOLDS_ANNOTATION);
        if (clear != null && !clear.equals(clearedBy)) {
            holds.clear();
            clearedBy = clear;
        }
        List<ReplicaRecommendation> past = recommendations.computeIfAbsent(sq.getMetadata().getUid(), k -> new CopyOnWriteArrayList<>());
        if (past.isEmpty()) {
            // After a restart nothing is remembered: start as if the current count had been recommended all along,
            // so a scale-in waits for a whole stabilization window.
            past.add(new ReplicaRecommendation(now, workload.replicas()));
        }
        // Validation first, so that an action found ineffective holds its kind in this very decision.
        List<Firing> firing = TriggerEvaluator.firing(policy.triggers(), obs.signals(), obs.alert(), now);
        validate(sq, actions, holds, firing, obs, policy, now, kind, name);
        // A hold ends when its signal recovers: it has data again and no longer fires. Silence is not recovery.
        holds.removeIf(h -> hasData(obs, h.signal) && firing.stream().noneMatch(f -> f.signal().equals(h.signal)));
        OptimizationHistory history = ActionHistory.of(actions, holds(holds), past);
        OptimizationPlanner.Plan plan = OptimizationPlanner.plan(policy, obs, history, now);
        past.add(new ReplicaRecommendation(now, plan.desiredReplicas()));
        past.removeIf(r -> r.time().isBefore(now.minus(RECOMMENDATION_MEMORY)));

        List<String> notes = new ArrayList<>();
        PinningPlanner.Pin pin = spec.cpuPinning == null ? null : pinning(spec.cpuPinning, workload, obs, plan, policy);
        if (pin != null) {
            notes.addAll(pin.reasons());
        }
        List<OptimizationOutcome.Condition> conditions = new ArrayList<>();
        ActionRecord applied = null;
        if (spec.mode == Optimization.Mode.Auto) {
            try {
                applied = act(sq, workload, hpa, plan, pin, obs, history, policy, now, notes);
            } catch (KubernetesClientException e) {
                String message = "Could not apply the plan to " + kind + "/" + name + ": " + denied(e, "patch " + kind.toLowerCase()
                        + "s, update " + kind.toLowerCase() + "s/scale and patch horizontalpodautoscalers")
                        + " Retried after the cooldown.";
                conditions.add(new OptimizationOutcome.Condition(OptimizationOutcome.OPTIMIZING, ConditionSet.FALSE, reason(e), message));
                events.emit(sq, kind, name, "Warning", "ActionFailed", message, now);
                ActionRecord failed = record(sq, workload, plan.action(), kind + "/" + name, now);
                if (failed != null) {
                    failed.result = "Failed";
                    failed.validation = "NotApplicable";
                    actions.add(failed);
                    counter.count(namespace, failed.kind, failed.result);
                }
            }
        } else {
            applied = releaseHpaFloor(sq, hpa, now, "optimization is no longer in Auto mode");
            hpa.ifPresent(h -> notes.add("HorizontalPodAutoscaler " + h.name() + " owns the replicas: "
                    + "in Auto mode sqo raises its minReplicas while the budget burns"));
        }
        if (applied != null) {
            actions.add(applied);
            announce(sq, applied, now);
        }
        while (actions.size() > KEPT_ACTIONS) {
            actions.remove(0);
        }
        RecommendationStatus recommendation = RecommendationRenderer.render(workload, plan, notes);
        if (pin != null) {
            recommendation.cpuPinning = pin.refusal() != null ? "Refused" : pin.needed() ? "Planned" : "Pinned";
            if ("Pinned".equals(recommendation.cpuPinning) && workload.podQosClasses().stream().anyMatch(q -> !"Guaranteed".equals(q))) {
                // The template is right but the pods are not: something adds containers at admission.
                recommendation.cpuPinning = "NotGuaranteed";
                recommendation.reasons.add("the template is pinned but pods run as " + String.join(", ", workload.podQosClasses())
                        + ": an admission webhook (a sidecar injector?) adds containers without equal requests and limits");
            }
            if (pin.needed()) {
                recommendation.resources = RecommendationRenderer.resources(pin.resources());
            }
        }
        if (conditions.isEmpty()) {
            conditions.add(optimizing(spec.mode, applied, plan, workload));
        }
        conditions.add(investigate(sq, plan, previous, now, kind, name));
        return new OptimizationOutcome(recommendation, actions, holds, clearedBy, conditions);
    }

    /**
     * Gives back what sqo took from an HPA when it may no longer act (mode Off or Recommend, or the ServiceQuality
     * is deleted): a raised minReplicas returns to the original. Returns the action, or null when there was none.
     */
    ActionRecord releaseHpaFloor(ServiceQuality sq, Optional<HpaFloor.Hpa> hpa, Instant now, String why) {
        if (hpa.isEmpty() || !hpa.get().raised()) {
            return null;
        }
        return restoreFloor(sq, hpa.get(), now, why);
    }

    /** Gives an HPA its original minReplicas back, journaled on the HPA in the same write. */
    private ActionRecord restoreFloor(ServiceQuality sq, HpaFloor.Hpa h, Instant now, String why) {
        ActionRecord restore = record(sq, null, new PlannedAction(ActionKind.RestoreHpaFloor, "burn", null, h.minReplicas(),
                h.originalMinReplicas(), List.of(), why + ": minReplicas of HorizontalPodAutoscaler " + h.name() + " restored to "
                + h.originalMinReplicas()), "HorizontalPodAutoscaler/" + h.name(), now);
        restore.validation = "NotApplicable";
        hpas.restore(sq.getMetadata().getNamespace(), h, restore);
        return restore;
    }

    /** On deletion of the ServiceQuality: restore a raised HPA floor, forget the memory. */
    public void release(ServiceQuality sq, Instant now) {
        recommendations.remove(sq.getMetadata().getUid());
        if (sq.getSpec() == null || sq.getSpec().targetRef == null) {
            return;
        }
        String namespace = sq.getMetadata().getNamespace();
        ActionRecord restored = releaseHpaFloor(sq, hpas.find(namespace, sq.getSpec().targetRef.kind, sq.getSpec().targetRef.name),
                now, "the ServiceQuality was deleted");
        if (restored != null) {
            announce(sq, restored, now);
        }
    }

    /** Every applied action is counted and is an event on the ServiceQuality and its target. */
    private void announce(ServiceQuality sq, ActionRecord action, Instant now) {
        counter.count(sq.getMetadata().getNamespace(), action.kind, action.result);
        events.emit(sq, sq.getSpec().targetRef.kind, sq.getSpec().targetRef.name, "Normal", action.kind,
                action.reason + " (decision " + action.id + ")", now);
    }

    private OptimizationOutcome withRelease(ServiceQuality sq, OptimizationOutcome outcome, List<ActionRecord> actions, Instant now) {
        if (sq.getSpec().targetRef == null) {
            return outcome;
        }
        ActionRecord restored;
        try {
            restored = releaseHpaFloor(sq, hpas.find(sq.getMetadata().getNamespace(), sq.getSpec().targetRef.kind,
                    sq.getSpec().targetRef.name), now, "optimization is off");
        } catch (KubernetesClientException e) {
            return outcome;
        }
        if (restored == null) {
            return outcome;
        }
        actions.add(restored);
        announce(sq, restored, now);
        return new OptimizationOutcome(null, actions, outcome.holds(), outcome.holdsClearedBy(), outcome.conditions());
    }

    /** The action of the decision, or null when there is none or it must wait. */
    private ActionRecord act(ServiceQuality sq, WorkloadShape workload, Optional<HpaFloor.Hpa> hpa, OptimizationPlanner.Plan plan,
                             PinningPlanner.Pin pin, WorkloadObservation obs, OptimizationHistory history, OptimizationPolicy policy,
                             Instant now, List<String> notes) {
        String namespace = sq.getMetadata().getNamespace();
        PlannedAction action = plan.action();
        if (pin != null && pin.refusal() == null && (action == null || action.kind() != ActionKind.ScaleOut)) {
            // Pinning owns the container resources: it rounds the right-sizing recommendation to whole cores. A
            // refused pin leaves right-sizing (and memory raises) to go ahead as without it.
            action = action != null && action.kind() == ActionKind.Resize ? null : action;
            boolean cooling = history.lastAction() != null && now.isBefore(history.lastAction().plus(policy.cooldown()));
            if (pin.needed() && !cooling) {
                PlannedAction pinning = new PlannedAction(ActionKind.Pin, "pinning", null, workload.replicas(), workload.replicas(),
                        pin.resources(), "exclusive cores on the nodes of NodeTuningProfile " + pin.profile() + ": "
                        + String.join("; ", pin.reasons()));
                ActionRecord record = record(sq, workload, pinning, workload.toString(), now);
                record.validation = "NotApplicable";
                actuator.pin(namespace, workload, pin, record);
                return record;
            }
            if (pin.needed()) {
                notes.add("pinning held: cooling down until " + history.lastAction().plus(policy.cooldown()));
            }
        }
        if (hpa.isPresent()) {
            HpaFloor.Hpa h = hpa.get();
            boolean cooling = history.lastAction() != null && now.isBefore(history.lastAction().plus(policy.cooldown()));
            // Recovered means measured and calm: an objective without data is not a budget that stopped burning.
            boolean recovered = obs.alert() == AlertLevel.NONE
                    && obs.failedSignals().keySet().stream().noneMatch(s -> s.startsWith("objective:"));
            if (h.raised() && recovered && !cooling) {
                return restoreFloor(sq, h, now, "the error budget no longer burns");
            }
            if (action != null && action.kind() == ActionKind.ScaleOut && obs.alert() != AlertLevel.NONE) {
                int floor = Math.min(action.replicas(), Math.min(h.maxReplicas(), policy.behavior().maxReplicas()));
                if (floor > h.minReplicas()) {
                    ActionRecord raise = record(sq, null, new PlannedAction(ActionKind.RaiseHpaFloor, action.signal(), action.signalValue(),
                            h.minReplicas(), floor, List.of(), "the error budget burns (" + obs.alert().display() + "): minReplicas of "
                            + "HorizontalPodAutoscaler " + h.name() + " raised from " + h.minReplicas() + " to " + floor),
                            "HorizontalPodAutoscaler/" + h.name(), now);
                    hpas.raise(namespace, h, floor, raise);
                    return raise;
                }
            }
            if (action != null && action.kind() != ActionKind.Resize) {
                notes.add("HorizontalPodAutoscaler " + h.name() + " owns the replicas: sqo only raises its minReplicas while the budget burns");
                return null;
            }
        }
        if (action == null) {
            return null;
        }
        ActionRecord record = record(sq, workload, action, workload.toString(), now);
        if (action.kind() == ActionKind.Resize) {
            actuator.resize(namespace, workload, action.resources(), record);
        } else {
            actuator.scale(namespace, workload, action.replicas(), record);
        }
        return record;
    }

    /** The pinning plan: the profile must exist and have nodes, or the pods would never schedule. */
    private PinningPlanner.Pin pinning(CpuPinning spec, WorkloadShape workload, WorkloadObservation obs, OptimizationPlanner.Plan plan,
                                       OptimizationPolicy policy) {
        NodeTuningProfile profile = profiles.apply(spec.profile);
        String problem = null;
        if (profile == null) {
            problem = "NodeTuningProfile " + spec.profile + " does not exist";
        } else if (profile.getStatus() == null || profile.getStatus().matchedNodes == null || profile.getStatus().matchedNodes == 0) {
            problem = "no node carries NodeTuningProfile " + spec.profile + " yet, so pinned pods could not be scheduled";
        }
        PinningPlanner.Template template = new PinningPlanner.Template(obs.containers(), workload.pinnedTo(), workload.initContainers(),
                workload.priorityClassName());
        return PinningPlanner.plan(spec.profile, spec.priorityClassName, template, plan.resources(), policy.cpu(), problem);
    }

    /** Validates pending actions whose window has passed; an ineffective one holds further actions of its kind. */
    private void validate(ServiceQuality sq, List<ActionRecord> actions, List<ActionHold> holds, List<Firing> firingNow,
                          WorkloadObservation obs, OptimizationPolicy policy, Instant now, String kind, String name) {
        for (ActionRecord a : actions) {
            ActionKind k = ActionKind.of(a.kind);
            if (!"Pending".equals(a.validation) || k == null) {
                continue;
            }
            // A scale-out for load provisions capacity rather than relieving a signal: nothing to judge it by.
            boolean relief = ((k == ActionKind.ScaleOut || k == ActionKind.RaiseHpaFloor) && !OptimizationPlanner.LOAD.equals(a.signal))
                    || (k == ActionKind.Resize && a.signal != null && a.signal.startsWith(TriggerEvaluator.MEMORY + ":"));
            boolean firing = firingNow.stream().anyMatch(f -> f.signal().equals(a.signal));
            SignalSeries series = obs.signals().get(a.signal);
            ActionValidator.Validation v = ActionValidator.validate(relief, a.signal, a.signalValue, series == null ? null : series.latest(),
                    firing, Instant.parse(a.time), policy.validationWindow(), now);
            if (v.verdict() == ActionValidator.Verdict.PENDING) {
                continue;
            }
            a.validation = switch (v.verdict()) {
                case EFFECTIVE -> "Effective";
                case INEFFECTIVE -> "Ineffective";
                default -> "NotApplicable";
            };
            a.validationMessage = v.message();
            if (v.verdict() == ActionValidator.Verdict.INEFFECTIVE) {
                String heldKind = (k == ActionKind.RaiseHpaFloor ? ActionKind.ScaleOut : k).name();
                if (holds.stream().noneMatch(h -> h.kind.equals(heldKind) && h.signal.equals(a.signal))) {
                    ActionHold hold = new ActionHold();
                    hold.kind = heldKind;
                    hold.signal = a.signal;
                    hold.since = now.truncatedTo(ChronoUnit.SECONDS).toString();
                    hold.reason = "Action " + a.id + " (" + a.kind + " " + a.from + " -> " + a.to + ") was ineffective: " + v.message()
                            + ". Further " + heldKind + " actions for " + a.signal + " are held until it recovers or the annotation "
                            + SqoApi.CLEAR_HOLDS_ANNOTATION + " is set to a new value.";
                    holds.add(hold);
                }
                events.emit(sq, kind, name, "Warning", "ActionIneffective", "Action " + a.id + " (" + a.kind + ") was ineffective: "
                        + v.message(), now);
            }
        }
    }

    private static boolean hasData(WorkloadObservation obs, String signal) {
        if (TriggerEvaluator.BURN.equals(signal)) {
            return obs.failedSignals().keySet().stream().noneMatch(s -> s.startsWith("objective:"));
        }
        SignalSeries series = obs.signals().get(signal);
        return series != null && series.latest() != null && !obs.failedSignals().containsKey(signal);
    }

    /** A journaled action the status does not show (the status write was lost): the journal wins. */
    private static void recoverJournaled(String journal, List<ActionRecord> actions) {
        ActionRecord journaled = WorkloadActuator.decode(journal);
        if (journaled == null || actions.stream().anyMatch(a -> journaled.id.equals(a.id))) {
            return;
        }
        // Older than every kept action: it was trimmed from the history, not lost.
        if (!actions.isEmpty() && Instant.parse(journaled.time).isBefore(Instant.parse(actions.get(0).time))) {
            return;
        }
        actions.add(journaled);
        actions.sort(Comparator.comparing(a -> Instant.parse(a.time)));
    }

    private static ActionRecord record(ServiceQuality sq, WorkloadShape workload, PlannedAction action, String object, Instant now) {
        if (action == null) {
            return null;
        }
        ActionRecord r = new ActionRecord();
        r.time = now.truncatedTo(ChronoUnit.SECONDS).toString();
        r.kind = action.kind().name();
        r.object = object;
        boolean template = action.kind() == ActionKind.Resize || action.kind() == ActionKind.Pin;
        r.from = workload != null && template ? RecommendationRenderer.describeCurrent(workload, action)
                : Integer.toString(action.fromReplicas());
        r.to = template ? RecommendationRenderer.describe(action.resources()) : Integer.toString(action.replicas());
        r.signal = action.signal();
        r.signalValue = action.signalValue();
        r.reason = action.reason();
        r.result = "Applied";
        r.validation = "Pending";
        r.id = DecisionIds.of(sq.getMetadata().getUid(), r.kind, r.object, r.from, r.to, r.time);
        return r;
    }

    private static OptimizationOutcome.Condition optimizing(Optimization.Mode mode, ActionRecord applied, OptimizationPlanner.Plan plan,
                                                            WorkloadShape workload) {
        if (applied != null) {
            return new OptimizationOutcome.Condition(OptimizationOutcome.OPTIMIZING, ConditionSet.TRUE, applied.kind,
                    applied.reason + " (decision " + applied.id + ").");
        }
        if (mode == Optimization.Mode.Recommend) {
            return new OptimizationOutcome.Condition(OptimizationOutcome.OPTIMIZING, ConditionSet.TRUE, "Recommending",
                    "Recommend mode: " + plan.replicas() + " replicas recommended (now " + workload.replicas()
                            + "); nothing is changed. See status.recommendation.");
        }
        if (!plan.refusals().isEmpty()) {
            return new OptimizationOutcome.Condition(OptimizationOutcome.OPTIMIZING, ConditionSet.TRUE, "ActionRefused",
                    "No action: " + String.join("; ", plan.refusals()) + ".");
        }
        String last = plan.reasons().isEmpty() ? "no trigger fires" : plan.reasons().get(plan.reasons().size() - 1);
        return new OptimizationOutcome.Condition(OptimizationOutcome.OPTIMIZING, ConditionSet.TRUE, "Steady",
                "No action needed: " + last + ".");
    }

    /** The Investigate condition, with a Warning event when it turns True. */
    private OptimizationOutcome.Condition investigate(ServiceQuality sq, OptimizationPlanner.Plan plan, ServiceQualityStatus previous,
                                                      Instant now, String kind, String name) {
        OptimizationOutcome.Condition condition = OptimizationOutcome.investigate(plan);
        boolean wasRaised = previous != null && previous.conditions.stream()
                .anyMatch(c -> OptimizationOutcome.INVESTIGATE.equals(c.type) && ConditionSet.TRUE.equals(c.status));
        if (ConditionSet.TRUE.equals(condition.status()) && !wasRaised) {
            events.emit(sq, kind, name, "Warning", "Investigate", condition.message(), now);
        }
        return condition;
    }

    /** Forgets the recommendations of resources not seen for longer than any stabilization window. */
    public void evictIdle(Instant now) {
        recommendations.values().removeIf(past -> past.isEmpty() || past.get(past.size() - 1).time().isBefore(now.minus(RECOMMENDATION_MEMORY)));
    }

    private static String reason(KubernetesClientException e) {
        return e.getCode() == 403 ? "Forbidden" : "KubernetesError";
    }

    private static String denied(KubernetesClientException e, String verbs) {
        if (e.getCode() == 403) {
            return "the operator's service account is not allowed to; grant it " + verbs + " in this namespace.";
        }
        return "the API server answered " + e.getCode() + " " + (e.getStatus() == null ? "" : e.getStatus().getReason()) + ".";
    }

    /** Held actions as the planner reads them. */
    static List<Hold> holds(List<ActionHold> holds) {
        return holds.stream().filter(h -> ActionKind.of(h.kind) != null)
                .map(h -> new Hold(ActionKind.of(h.kind), h.signal)).collect(Collectors.toList());
    }
}
