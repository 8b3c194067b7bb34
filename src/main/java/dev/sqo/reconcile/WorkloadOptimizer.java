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
import dev.sqo.optimize.DecisionCycle;
import dev.sqo.optimize.Hold;
import dev.sqo.optimize.OptimizationHistory;
import dev.sqo.optimize.OptimizationPlanner;
import dev.sqo.optimize.OptimizationPolicy;
import dev.sqo.optimize.PinningPlanner;
import dev.sqo.optimize.PlannedAction;
import dev.sqo.optimize.ReplicaRecommendation;
import dev.sqo.optimize.WorkloadObservation;
import dev.sqo.optimize.WorkloadOwner;
import io.fabric8.kubernetes.client.KubernetesClientException;

import java.net.HttpURLConnection;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
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
    private final RecommendationMemory recommendations = new RecommendationMemory(RECOMMENDATION_MEMORY);

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

    /**
     * @param neighbours the ServiceQualities of the namespace (this one among them or not): one of them may own the
     *                   workload
     */
    public OptimizationOutcome optimize(ServiceQuality sq, List<ServiceQuality> neighbours, EvaluationReport report, Instant now) {
        ServiceQualityStatus previous = sq.getStatus();
        Optimization spec = sq.getSpec().optimizationOr(whenAbsent);
        String namespace = sq.getMetadata().getNamespace();
        String kind = sq.getSpec().targetRef.kind;
        String name = sq.getSpec().targetRef.name;
        List<ActionRecord> actions = new ArrayList<>(previous == null ? List.of() : previous.actions);
        Optional<String> owner = otherOwner(sq, neighbours);
        if (owner.isPresent()) {
            return OptimizationOutcome.idle(previous, ConditionSet.FALSE, "TargetOwnedByAnother", kind + "/" + name + " is optimized by "
                    + "ServiceQuality " + owner.get() + ", the oldest in Auto mode that targets it: two would undo each other's "
                    + "actions, so this one only evaluates its objectives. Merge their objectives into one ServiceQuality.");
        }
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
        for (ActionRecord undone : UndoneActionFinder.mark(actions, workload, hpa.orElse(null))) {
            events.emit(sq, kind, name, "Warning", "ActionUndone", "Action " + undone.id + " (" + undone.kind + " " + undone.from + " -> "
                    + undone.to + ") was " + undone.validationMessage + ". A second undo within a day and sqo leaves the field alone.", now);
        }
        String clearedBy = previous == null ? null : previous.holdsClearedBy;
        List<ActionHold> holds = new ArrayList<>(previous == null ? List.of() : previous.holds);
        String clear = sq.getMetadata().getAnnotations() == null ? null
                : sq.getMetadata().getAnnotations().get(SqoApi.CLEAR_HOLDS_ANNOTATION);
        if (clear != null && !clear.equals(clearedBy)) {
            holds.clear();
            UndoneActionFinder.forgive(actions);
            clearedBy = clear;
        }
        List<ReplicaRecommendation> past = recommendations.recall(sq.getMetadata().getUid(), now, workload.replicas());
        OptimizationHistory history = ActionHistory.of(actions, holds(holds), past);
        DecisionCycle.Decision decision = DecisionCycle.decide(new DecisionCycle.Inputs(
                spec.mode == Optimization.Mode.Auto ? DecisionCycle.Mode.AUTO : DecisionCycle.Mode.RECOMMEND, policy, obs,
                hpa.map(WorkloadOptimizer::view).orElse(null), spec.cpuPinning == null ? null : pinning(spec.cpuPinning, workload, obs),
                history, pending(actions), UndoneActionFinder.of(actions), now));
        OptimizationPlanner.Plan plan = decision.plan();
        recommendations.remember(sq.getMetadata().getUid(), new ReplicaRecommendation(now, plan.desiredReplicas()));
        judge(sq, actions, decision.verdicts(), now, kind, name);
        holds = holdsAfter(holds, decision, now);
        decision.newHolds().stream().filter(n -> n.hold().anySignal()).map(DecisionCycle.NewHold::reason).distinct()
                .forEach(reason -> events.emit(sq, kind, name, "Warning", "UndoneByAnotherWriter", reason, now));

        List<String> notes = new ArrayList<>(decision.notes());
        PinningPlanner.Pin pin = decision.pin();
        List<OptimizationOutcome.Condition> conditions = new ArrayList<>();
        ActionRecord applied = null;
        Optional<Instant> retryAt = decision.action() == null ? Optional.empty() : WriteBackoff.retryAt(actions, decision.action().kind());
        if (retryAt.isPresent() && now.isBefore(retryAt.get())) {
            ActionRecord lastFailure = WriteBackoff.lastFailure(actions, decision.action().kind());
            conditions.add(new OptimizationOutcome.Condition(OptimizationOutcome.OPTIMIZING, ConditionSet.FALSE, "RetryingLater",
                    decision.action().kind() + " could not be applied" + (lastFailure.validationMessage == null ? ""
                            : " (" + lastFailure.validationMessage + ")") + "; tried again at "
                            + retryAt.get().truncatedTo(ChronoUnit.SECONDS) + "."));
        } else if (decision.action() != null) {
            try {
                applied = carryOut(sq, workload, hpa.orElse(null), pin, decision.action(), now);
            } catch (KubernetesClientException e) {
                if (e.getCode() == HttpURLConnection.HTTP_CONFLICT) {
                    // Decided on a state that is gone: nothing was written, and the next cycle decides on what is there now.
                    conditions.add(new OptimizationOutcome.Condition(OptimizationOutcome.OPTIMIZING, ConditionSet.FALSE, "Conflict",
                            "Not applied: " + kind + "/" + name + (hpa.isPresent() ? " or its HorizontalPodAutoscaler" : "")
                                    + " changed after sqo read it, and sqo never overwrites a change it has not seen. It decides "
                                    + "again on the current state in the next cycle."));
                } else {
                    conditions.add(failed(sq, workload, hpa, decision.action(), actions, e, now));
                }
            }
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
        if (conditions.isEmpty() && decision.withheld() != null) {
            conditions.add(new OptimizationOutcome.Condition(OptimizationOutcome.OPTIMIZING, ConditionSet.FALSE, "UndoneByAnotherWriter",
                    decision.withheld() + "."));
        }
        if (conditions.isEmpty()) {
            conditions.add(optimizing(spec.mode, applied, plan, workload));
        }
        conditions.add(investigate(sq, plan, previous, now, kind, name));
        return new OptimizationOutcome(recommendation, actions, holds, clearedBy, conditions);
    }

    /**
     * Gives back what sqo took from an HPA when it may no longer act (mode Off, or the ServiceQuality is deleted): a
     * raised minReplicas returns to the original. Returns the action, or null when there was none.
     */
    ActionRecord releaseHpaFloor(ServiceQuality sq, Optional<HpaFloor.Hpa> hpa, Instant now, String why) {
        PlannedAction release = DecisionCycle.release(hpa.map(WorkloadOptimizer::view).orElse(null), why);
        return release == null ? null : carryOut(sq, null, hpa.get(), null, release, now);
    }

    /**
     * On deletion of the ServiceQuality: restore a raised HPA floor (unless another ServiceQuality owns the workload,
     * and the floor is its), forget the memory.
     */
    public void release(ServiceQuality sq, List<ServiceQuality> neighbours, Instant now) {
        recommendations.forget(sq.getMetadata().getUid());
        if (sq.getSpec() == null || sq.getSpec().targetRef == null || otherOwner(sq, neighbours).isPresent()) {
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

    /** Carries out the decision's action, journaled on the object it changes in the same write; returns its record. */
    private ActionRecord carryOut(ServiceQuality sq, WorkloadShape workload, HpaFloor.Hpa hpa, PinningPlanner.Pin pin, PlannedAction action,
                                  Instant now) {
        String namespace = sq.getMetadata().getNamespace();
        boolean onHpa = action.kind() == ActionKind.RaiseHpaFloor || action.kind() == ActionKind.RestoreHpaFloor;
        ActionRecord record = record(sq, onHpa ? null : workload, action, onHpa ? "HorizontalPodAutoscaler/" + hpa.name()
                : workload.toString(), now);
        switch (action.kind()) {
            case Pin -> {
                record.validation = "NotApplicable";
                actuator.pin(namespace, workload, pin, record);
            }
            case RaiseHpaFloor -> hpas.raise(namespace, hpa, action.replicas(), record);
            case RestoreHpaFloor -> {
                record.validation = "NotApplicable";
                hpas.restore(namespace, hpa, action.replicas(), record);
            }
            case Resize -> actuator.resize(namespace, workload, action.resources(), record);
            case ScaleOut, ScaleIn -> actuator.scale(namespace, workload, action.replicas(), record);
        }
        return record;
    }

    /** The name of another ServiceQuality that owns this one's workload, if one does. */
    private Optional<String> otherOwner(ServiceQuality sq, List<ServiceQuality> neighbours) {
        List<WorkloadOwner.Claim> claims = new ArrayList<>();
        claims.add(claim(sq));
        for (ServiceQuality n : neighbours) {
            if (!n.getMetadata().getName().equals(sq.getMetadata().getName()) && n.getSpec() != null && n.getSpec().targetRef != null
                    && sq.getSpec().targetRef.toString().equals(n.getSpec().targetRef.toString())) {
                claims.add(claim(n));
            }
        }
        return WorkloadOwner.of(claims).map(WorkloadOwner.Claim::name).filter(owner -> !owner.equals(sq.getMetadata().getName()));
    }

    /**
     * A ServiceQuality acts on its workload in Auto mode, unless it is being deleted or its last cycle could not
     * act (an invalid spec, a missing target): an owner that cannot act must not keep the others from acting.
     */
    private WorkloadOwner.Claim claim(ServiceQuality sq) {
        String created = sq.getMetadata().getCreationTimestamp();
        boolean stuck = sq.getStatus() != null && sq.getStatus().conditions != null && sq.getStatus().conditions.stream().anyMatch(c -> OptimizationOutcome.OPTIMIZING.equals(c.type)
                && ConditionSet.FALSE.equals(c.status) && ("NotEvaluated".equals(c.reason) || "TargetNotFound".equals(c.reason)));
        return new WorkloadOwner.Claim(sq.getMetadata().getName(), created == null ? null : Instant.parse(created),
                sq.getSpec().optimizationOr(whenAbsent).mode == Optimization.Mode.Auto && sq.getMetadata().getDeletionTimestamp() == null
                        && !stuck);
    }

    /**
     * A write the API server refused: recorded as Failed (never validated, never held) with why, and a Warning event
     * the first time it fails for that reason, not at every retry.
     */
    private OptimizationOutcome.Condition failed(ServiceQuality sq, WorkloadShape workload, Optional<HpaFloor.Hpa> hpa, PlannedAction action,
                                                 List<ActionRecord> actions, KubernetesClientException e, Instant now) {
        String kind = sq.getSpec().targetRef.kind;
        String name = sq.getSpec().targetRef.name;
        String why = denied(e, "patch " + kind.toLowerCase() + "s and patch horizontalpodautoscalers");
        String message = "Could not apply the plan to " + kind + "/" + name + ": " + why + " Retried with a growing delay.";
        boolean onHpa = action.kind() == ActionKind.RaiseHpaFloor || action.kind() == ActionKind.RestoreHpaFloor;
        ActionRecord failed = record(sq, onHpa ? null : workload, action, onHpa
                ? "HorizontalPodAutoscaler/" + hpa.map(HpaFloor.Hpa::name).orElse("") : kind + "/" + name, now);
        failed.result = "Failed";
        failed.validation = "NotApplicable";
        failed.validationMessage = why;
        ActionRecord previous = WriteBackoff.lastFailure(actions, action.kind());
        if (previous == null || !why.equals(previous.validationMessage)) {
            events.emit(sq, kind, name, "Warning", "ActionFailed", message, now);
        }
        actions.add(failed);
        counter.count(sq.getMetadata().getNamespace(), failed.kind, failed.result);
        return new OptimizationOutcome.Condition(OptimizationOutcome.OPTIMIZING, ConditionSet.FALSE, reason(e), message);
    }

    static DecisionCycle.HpaView view(HpaFloor.Hpa h) {
        return new DecisionCycle.HpaView(h.name(), h.minReplicas(), h.maxReplicas(), h.originalMinReplicas(), h.raisedTo());
    }

    /** Pinning as the spec asks for it: the profile must exist and have nodes, or the pods would never schedule. */
    private DecisionCycle.PinningRequest pinning(CpuPinning spec, WorkloadShape workload, WorkloadObservation obs) {
        NodeTuningProfile profile = profiles.apply(spec.profile);
        String problem = null;
        if (profile == null) {
            problem = "NodeTuningProfile " + spec.profile + " does not exist";
        } else if (profile.getStatus() == null || profile.getStatus().matchedNodes == null || profile.getStatus().matchedNodes == 0) {
            problem = "no node carries NodeTuningProfile " + spec.profile + " yet, so pinned pods could not be scheduled";
        }
        return new DecisionCycle.PinningRequest(spec.profile, spec.priorityClassName, new PinningPlanner.Template(obs.containers(),
                workload.pinnedTo(), workload.initContainers(), workload.priorityClassName()), problem);
    }

    /** The recorded actions still waiting for their validation, as the decision judges them. */
    private static List<DecisionCycle.PendingAction> pending(List<ActionRecord> actions) {
        List<DecisionCycle.PendingAction> out = new ArrayList<>();
        for (ActionRecord a : actions) {
            ActionKind k = ActionKind.of(a.kind);
            if ("Pending".equals(a.validation) && k != null) {
                out.add(new DecisionCycle.PendingAction(a.id, k, a.signal, a.signalValue, Instant.parse(a.time),
                        a.kind + " " + a.from + " -> " + a.to));
            }
        }
        return out;
    }

    /** Writes the verdicts into the records; an ineffective action is a Warning event. */
    private void judge(ServiceQuality sq, List<ActionRecord> actions, List<DecisionCycle.Verdict> verdicts, Instant now, String kind,
                       String name) {
        for (DecisionCycle.Verdict v : verdicts) {
            actions.stream().filter(a -> v.actionId().equals(a.id)).findFirst().ifPresent(a -> {
                a.validation = switch (v.verdict()) {
                    case EFFECTIVE -> "Effective";
                    case INEFFECTIVE -> "Ineffective";
                    default -> "NotApplicable";
                };
                a.validationMessage = v.message();
                if (v.verdict() == ActionValidator.Verdict.INEFFECTIVE) {
                    events.emit(sq, kind, name, "Warning", "ActionIneffective", "Action " + a.id + " (" + a.kind + ") was ineffective: "
                            + v.message(), now);
                }
            });
        }
    }

    /** The holds in status after the decision: those still in force keep their time and reason, new ones are added. */
    private static List<ActionHold> holdsAfter(List<ActionHold> before, DecisionCycle.Decision decision, Instant now) {
        List<ActionHold> out = new ArrayList<>();
        for (ActionHold h : before) {
            // A hold of a kind this release does not know stays as it was: only a person clears it.
            if (ActionKind.of(h.kind) == null || decision.holds().contains(new Hold(ActionKind.of(h.kind), h.signal))) {
                out.add(h);
            }
        }
        for (DecisionCycle.NewHold n : decision.newHolds()) {
            ActionHold hold = new ActionHold();
            hold.kind = n.hold().kind().name();
            hold.signal = n.hold().signal();
            hold.since = now.truncatedTo(ChronoUnit.SECONDS).toString();
            hold.reason = n.reason() + (n.hold().anySignal() ? " Then set the annotation " + SqoApi.CLEAR_HOLDS_ANNOTATION + " to a new value."
                    : " or the annotation " + SqoApi.CLEAR_HOLDS_ANNOTATION + " is set to a new value.");
            out.add(hold);
        }
        return out;
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
        recommendations.evictIdle(now);
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
