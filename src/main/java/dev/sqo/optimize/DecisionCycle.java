package dev.sqo.optimize;

import dev.sqo.slo.AlertLevel;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One decision on one workload, whole: judge the earlier actions that are due, hold what did not work, plan, and
 * choose the one action to carry out now (scale, resize, pin, raise or restore an HPA's floor), or none. Pure: the
 * workload, the signals and the decision history come in, the decision goes out. The operator, {@code sqo evaluate}
 * and {@code sqo simulate} run this same cycle; only what they read from and carry out to differs.
 */
public final class DecisionCycle {

    /** Auto carries out the action; Recommend only shows the plan (and gives back a floor sqo raised earlier). */
    public enum Mode { AUTO, RECOMMEND }

    /**
     * An HorizontalPodAutoscaler that owns the replicas; originalMinReplicas is set while sqo holds its floor raised,
     * raisedTo is the minReplicas sqo's last raise wrote (null when unknown).
     */
    public record HpaView(String name, int minReplicas, int maxReplicas, Integer originalMinReplicas, Integer raisedTo) {

        public boolean raised() {
            return originalMinReplicas != null;
        }

        /** Someone else set minReplicas since sqo raised it, or sqo cannot tell that the value is its own. */
        boolean changedByOthers() {
            return raised() && (raisedTo == null || raisedTo != minReplicas);
        }
    }

    /**
     * Pinning as the spec asks for it.
     *
     * @param profileProblem why the profile cannot take the pods (it does not exist, no node carries it), or null
     */
    public record PinningRequest(String profile, String priorityClassName, PinningPlanner.Template template, String profileProblem) {
    }

    /**
     * An earlier action whose validation is pending.
     *
     * @param description what it did, for people: "ScaleOut 2 -> 3"
     */
    public record PendingAction(String id, ActionKind kind, String signal, Double signalValue, Instant time, String description) {
    }

    /**
     * What a decision reads besides the policy and the signals.
     *
     * @param history applied scale changes, the last action, the holds in force and (for triggers) the recommendations
     * @param pending earlier actions whose validation is still pending
     * @param undone  earlier actions another writer undid
     */
    public record Inputs(Mode mode, OptimizationPolicy policy, WorkloadObservation obs, HpaView hpa, PinningRequest pinning,
                         OptimizationHistory history, List<PendingAction> pending, List<UndoneActions.Undone> undone, Instant now) {
    }

    /** A pending action judged. */
    public record Verdict(String actionId, ActionValidator.Verdict verdict, String message) {
    }

    /** A hold this decision placed, and why. */
    public record NewHold(Hold hold, String reason) {
    }

    /**
     * @param pin      the pinning plan, or null when the spec asks for none
     * @param action   the one action to carry out now, or null
     * @param verdicts pending actions judged this cycle
     * @param holds    the holds in force after this decision (new ones added, recovered ones gone)
     * @param newHolds the holds this decision placed, with their reasons
     * @param notes    sentences for the recommendation beside the plan's reasons
     * @param withheld why the plan's action is not carried out: another writer keeps undoing such actions; or null
     */
    public record Decision(OptimizationPlanner.Plan plan, PinningPlanner.Pin pin, PlannedAction action, List<Verdict> verdicts,
                           List<Hold> holds, List<NewHold> newHolds, List<String> notes, String withheld) {
    }

    private DecisionCycle() {
    }

    public static Decision decide(Inputs in) {
        OptimizationPolicy policy = in.policy();
        WorkloadObservation obs = in.obs();
        // Validation first, so that an action found ineffective holds its kind in this very decision.
        List<Firing> firing = TriggerEvaluator.firing(policy.triggers(), obs.signals(), obs.alert(), in.now());
        List<Verdict> verdicts = new ArrayList<>();
        List<Hold> holds = new ArrayList<>(in.history().holds());
        List<NewHold> newHolds = new ArrayList<>();
        for (PendingAction a : in.pending()) {
            Verdict v = validate(a, firing, obs, policy, in.now());
            if (v == null) {
                continue;
            }
            verdicts.add(v);
            if (v.verdict() == ActionValidator.Verdict.INEFFECTIVE) {
                Hold hold = new Hold(a.kind() == ActionKind.RaiseHpaFloor ? ActionKind.ScaleOut : a.kind(), a.signal());
                if (holds.stream().noneMatch(h -> h.equals(hold))) {
                    holds.add(hold);
                    newHolds.add(new NewHold(hold, "Action " + a.id() + " (" + a.description() + ") was ineffective: " + v.message()
                            + ". Further " + hold.kind() + " actions for " + a.signal() + " are held until it recovers"));
                }
            }
        }
        for (NewHold n : UndoneActions.holds(in.undone(), holds, in.now())) {
            holds.add(n.hold());
            newHolds.add(n);
        }
        // A hold ends when its signal recovers: it has data again and no longer fires. Silence is not recovery. A
        // field left to another writer is sqo's again only when a person says so.
        holds.removeIf(h -> !h.anySignal() && hasData(obs, h.signal()) && firing.stream().noneMatch(f -> f.signal().equals(h.signal())));
        OptimizationHistory history = new OptimizationHistory(in.history().recommendations(), in.history().scaleEvents(),
                in.history().lastAction(), List.copyOf(holds));
        OptimizationPlanner.Plan plan = OptimizationPlanner.plan(policy, obs, history, in.now());

        List<String> notes = new ArrayList<>();
        PinningRequest p = in.pinning();
        PinningPlanner.Pin pin = p == null ? null : PinningPlanner.plan(p.profile(), p.priorityClassName(), p.template(),
                plan.resources(), policy.cpu(), p.profileProblem());
        if (pin != null) {
            notes.addAll(pin.reasons());
        }
        PlannedAction action;
        String withheld = null;
        if (in.mode() == Mode.AUTO) {
            action = act(plan, pin, in.hpa(), obs, history, policy, in.now(), notes, p);
            PlannedAction planned = action;
            if (planned != null && holds.stream().anyMatch(h -> h.anySignal() && h.kind() == planned.kind())) {
                String what = planned.kind().scales() ? planned.kind() + " " + planned.fromReplicas() + " -> " + planned.replicas()
                        : planned.kind().name();
                withheld = what + " is not carried out: another "
                        + "writer keeps undoing sqo's " + planned.kind() + " actions (see status.holds)";
                notes.add(withheld);
                action = null;
            }
        } else {
            action = release(in.hpa(), "optimization is no longer in Auto mode");
            if (in.hpa() != null) {
                notes.add("HorizontalPodAutoscaler " + in.hpa().name() + " owns the replicas: in Auto mode sqo raises its minReplicas "
                        + "while the budget burns");
            }
        }
        return new Decision(plan, pin, action, verdicts, List.copyOf(holds), newHolds, notes, withheld);
    }

    /**
     * Gives back what sqo took from an HPA when it may no longer act (mode Off or Recommend, or the ServiceQuality is
     * gone): a raised minReplicas returns to the original. A minReplicas someone else changed while it was raised is
     * theirs: sqo leaves it and only drops its claim. Null when there is nothing to give back.
     */
    public static PlannedAction release(HpaView hpa, String why) {
        if (hpa == null || !hpa.raised()) {
            return null;
        }
        if (hpa.changedByOthers()) {
            return new PlannedAction(ActionKind.RestoreHpaFloor, TriggerEvaluator.BURN, null, hpa.minReplicas(), hpa.minReplicas(),
                    List.of(), why + ": minReplicas of HorizontalPodAutoscaler " + hpa.name() + " was changed to " + hpa.minReplicas()
                    + " by someone else while sqo held it raised" + (hpa.raisedTo() == null ? "" : " to " + hpa.raisedTo())
                    + "; sqo leaves that value (not the original " + hpa.originalMinReplicas() + ") and gives up its claim");
        }
        return new PlannedAction(ActionKind.RestoreHpaFloor, TriggerEvaluator.BURN, null, hpa.minReplicas(), hpa.originalMinReplicas(),
                List.of(), why + ": minReplicas of HorizontalPodAutoscaler " + hpa.name() + " restored to " + hpa.originalMinReplicas());
    }

    /** The action of the decision in Auto mode, or null when there is none or it must wait. */
    private static PlannedAction act(OptimizationPlanner.Plan plan, PinningPlanner.Pin pin, HpaView hpa, WorkloadObservation obs,
                                     OptimizationHistory history, OptimizationPolicy policy, Instant now, List<String> notes,
                                     PinningRequest pinning) {
        PlannedAction action = plan.action();
        boolean cooling = history.lastAction() != null && now.isBefore(history.lastAction().plus(policy.cooldown()));
        int replicas = obs.currentReplicas();
        if (pin != null && pin.refusal() == null && (action == null || action.kind() != ActionKind.ScaleOut)) {
            // Pinning owns the container resources: it rounds the right-sizing recommendation to whole cores. A
            // refused pin leaves right-sizing (and memory raises) to go ahead as without it.
            action = action != null && action.kind() == ActionKind.Resize ? null : action;
            if (pin.needed() && !cooling) {
                return new PlannedAction(ActionKind.Pin, "pinning", null, replicas, replicas, pin.resources(),
                        "exclusive cores on the nodes of NodeTuningProfile " + pinning.profile() + ": " + String.join("; ", pin.reasons()));
            }
            if (pin.needed()) {
                notes.add("pinning held: cooling down until " + history.lastAction().plus(policy.cooldown()));
            }
        }
        if (hpa != null) {
            // Recovered means measured and calm: an objective without data is not a budget that stopped burning.
            boolean recovered = obs.alert() == AlertLevel.NONE
                    && obs.failedSignals().keySet().stream().noneMatch(s -> s.startsWith("objective:"));
            if (hpa.raised() && recovered && !cooling) {
                return release(hpa, "the error budget no longer burns");
            }
            // The floor follows the cooldown whatever control proposed the scale-out: a raise is validated after it.
            if (action != null && action.kind() == ActionKind.ScaleOut && obs.alert() != AlertLevel.NONE && !cooling) {
                int floor = Math.min(action.replicas(), Math.min(hpa.maxReplicas(), policy.behavior().maxReplicas()));
                if (floor > hpa.minReplicas()) {
                    return new PlannedAction(ActionKind.RaiseHpaFloor, action.signal(), action.signalValue(), hpa.minReplicas(), floor,
                            List.of(), "the error budget burns (" + obs.alert().display() + "): minReplicas of HorizontalPodAutoscaler "
                            + hpa.name() + " raised from " + hpa.minReplicas() + " to " + floor);
                }
            }
            if (action != null && action.kind() != ActionKind.Resize) {
                notes.add("HorizontalPodAutoscaler " + hpa.name() + " owns the replicas: sqo only raises its minReplicas while the budget burns");
                return null;
            }
        }
        return action;
    }

    /** The verdict on a pending action, or null while it is still pending. */
    private static Verdict validate(PendingAction a, List<Firing> firing, WorkloadObservation obs, OptimizationPolicy policy, Instant now) {
        // A scale-out for load provisions capacity rather than relieving a signal: there is nothing to judge it by.
        boolean relief = ((a.kind() == ActionKind.ScaleOut || a.kind() == ActionKind.RaiseHpaFloor) && !OptimizationPlanner.LOAD.equals(a.signal()))
                || (a.kind() == ActionKind.Resize && a.signal() != null && a.signal().startsWith(TriggerEvaluator.MEMORY + ":"));
        boolean stillFiring = firing.stream().anyMatch(f -> f.signal().equals(a.signal()));
        SignalSeries series = obs.signals().get(a.signal());
        ActionValidator.Validation v = ActionValidator.validate(relief, a.signal(), a.signalValue(), series == null ? null : series.latest(),
                stillFiring, a.time(), policy.validationWindow(), now);
        return v.verdict() == ActionValidator.Verdict.PENDING ? null : new Verdict(a.id(), v.verdict(), v.message());
    }

    private static boolean hasData(WorkloadObservation obs, String signal) {
        if (TriggerEvaluator.BURN.equals(signal)) {
            return obs.failedSignals().keySet().stream().noneMatch(s -> s.startsWith("objective:"));
        }
        SignalSeries series = obs.signals().get(signal);
        return series != null && series.latest() != null && !obs.failedSignals().containsKey(signal);
    }
}
