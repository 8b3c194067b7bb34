package dev.sqo.reconcile;

import dev.sqo.actuate.HpaFloor;
import dev.sqo.actuate.WorkloadShape;
import dev.sqo.api.ActionRecord;
import dev.sqo.optimize.ActionKind;
import dev.sqo.optimize.UndoneActions;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Finds sqo's last change to a workload's replicas (or its HPA's floor), and to its resources, undone by another
 * writer: the workload no longer has the replicas sqo set, the HPA no longer the floor sqo raised, or the workload
 * has the resources again that sqo changed. Such an action is recorded as
 * Undone, never judged: its signal says nothing about an action that is not in effect, and a hold placed on it would
 * keep sqo from scaling out during the very incident.
 */
final class UndoneActionFinder {

    static final String UNDONE = "Undone";
    /** Undone, and no longer counted: a person cleared the holds since. */
    static final String FORGIVEN = "Forgiven";

    private UndoneActionFinder() {
    }

    /**
     * Records the undone actions in place and returns those found now.
     *
     * @param hpa the HPA that sets the replicas, or null: with one, a count other than sqo's is the HPA at work, not
     *            an undo, and a floor sqo raised that is lower again is
     */
    static List<ActionRecord> mark(List<ActionRecord> actions, WorkloadShape workload, HpaFloor.Hpa hpa) {
        List<ActionRecord> found = new ArrayList<>();
        if (hpa == null) {
            last(actions, workload.toString(), ActionKind::scales).filter(a -> !Integer.toString(workload.replicas()).equals(a.to))
                    .ifPresent(a -> {
                        undone(a, workload + " has " + workload.replicas() + " replicas, not the " + a.to + " sqo set");
                        found.add(a);
                    });
        } else {
            // The newest action on the floor: a raise not in force any more, unless sqo gave it back itself.
            last(actions, "HorizontalPodAutoscaler/" + hpa.name(), k -> k == ActionKind.RaiseHpaFloor || k == ActionKind.RestoreHpaFloor)
                    .filter(a -> ActionKind.of(a.kind) == ActionKind.RaiseHpaFloor && !Integer.toString(hpa.minReplicas()).equals(a.to))
                    .ifPresent(a -> {
                        undone(a, "HorizontalPodAutoscaler/" + hpa.name() + " has minReplicas " + hpa.minReplicas() + ", not the " + a.to
                                + " sqo set");
                        found.add(a);
                    });
        }
        last(actions, workload.toString(), k -> k == ActionKind.Resize || k == ActionKind.Pin).filter(a -> a.from != null && !a.from.equals(a.to)
                && a.from.equals(RecommendationRenderer.describeCurrent(workload, RecommendationRenderer.containersIn(a.from)))).ifPresent(a -> {
            undone(a, workload + " has the resources again that sqo changed: " + a.from);
            found.add(a);
        });
        return found;
    }

    /** The undone actions recorded in the status, as the decision counts them. */
    static List<UndoneActions.Undone> of(List<ActionRecord> actions) {
        List<UndoneActions.Undone> out = new ArrayList<>();
        for (ActionRecord a : actions) {
            ActionKind kind = ActionKind.of(a.kind);
            if (UNDONE.equals(a.validation) && kind != null) {
                try {
                    out.add(new UndoneActions.Undone(a.id, kind, Instant.parse(a.time), a.kind + " " + a.from + " -> " + a.to));
                } catch (DateTimeParseException | NullPointerException e) {
                    // Not a record sqo wrote (edited by hand): it cannot count towards a loop.
                }
            }
        }
        return out;
    }

    /**
     * A person cleared the holds: the field is sqo's again, and the undone actions no longer count towards a loop.
     * Their message still tells what happened.
     */
    static void forgive(List<ActionRecord> actions) {
        for (ActionRecord a : actions) {
            if (UNDONE.equals(a.validation)) {
                a.validation = FORGIVEN;
            }
        }
    }

    /** The newest applied action of the kinds on this object, unless it is already known to be undone. */
    private static Optional<ActionRecord> last(List<ActionRecord> actions, String object, Predicate<ActionKind> kinds) {
        for (int i = actions.size() - 1; i >= 0; i--) {
            ActionRecord a = actions.get(i);
            ActionKind kind = ActionKind.of(a.kind);
            if (kind != null && kinds.test(kind) && "Applied".equals(a.result) && object.equals(a.object)) {
                return UNDONE.equals(a.validation) || FORGIVEN.equals(a.validation) ? Optional.empty() : Optional.of(a);
            }
        }
        return Optional.empty();
    }

    private static void undone(ActionRecord a, String what) {
        a.validation = UNDONE;
        a.validationMessage = "undone by another writer: " + what + ". Not judged: the action is no longer in effect";
    }
}
