package dev.sqo.optimize;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Another writer that keeps undoing sqo's changes to a workload: a GitOps tool (Argo CD, Flux) syncing replicas or
 * resources from Git, a person, a second autoscaler. One undone change is someone else's decision, and sqo decides
 * again from what it finds. Two undone changes of one field within a day are a loop: fought, it would flap the
 * replicas, or roll the pods at every cooldown for a resize, forever. sqo leaves the field to the other writer
 * instead, until a person tells it the field is its own again.
 */
public final class UndoneActions {

    /** An action of sqo's that another writer undid, as recorded in the status. */
    public record Undone(String id, ActionKind kind, Instant time, String description) {
    }

    /** How long an undone action counts towards a loop. */
    static final Duration MEMORY = Duration.ofHours(24);
    /** Undone actions of one field within {@link #MEMORY} that make a loop. */
    static final int LOOP = 2;

    private enum Field {
        REPLICAS("replicas", "/spec/replicas", EnumSet.of(ActionKind.ScaleOut, ActionKind.ScaleIn)),
        RESOURCES("container resources", "the containers' resources", EnumSet.of(ActionKind.Resize, ActionKind.Pin)),
        HPA_FLOOR("HPA minReplicas", "the HorizontalPodAutoscaler's /spec/minReplicas", EnumSet.of(ActionKind.RaiseHpaFloor));

        final String display;
        final String path;
        final Set<ActionKind> kinds;

        Field(String display, String path, Set<ActionKind> kinds) {
            this.display = display;
            this.path = path;
            this.kinds = kinds;
        }
    }

    private UndoneActions() {
    }

    /**
     * The holds that leave a contested field to the other writer, one per kind of action on it, with the reason.
     * Fields already held are left out; empty when no field is contested.
     */
    static List<DecisionCycle.NewHold> holds(List<Undone> undone, List<Hold> inForce, Instant now) {
        List<DecisionCycle.NewHold> out = new ArrayList<>();
        for (Field field : Field.values()) {
            List<Undone> recent = undone.stream()
                    .filter(u -> field.kinds.contains(u.kind()) && !u.time().isBefore(now.minus(MEMORY)))
                    .toList();
            if (recent.size() < LOOP) {
                continue;
            }
            String reason = "Actions " + recent.stream().map(u -> u.id() + " (" + u.description() + ")").collect(Collectors.joining(", "))
                    + " were undone by another writer within a day (a GitOps tool syncing " + field.display + " from Git?): sqo stops "
                    + "changing the " + field.display + " rather than fight it. Leave " + field.path + " to sqo (Argo CD: ignoreDifferences; "
                    + "Flux or kubectl apply: leave the field out of the manifest) or set the mode to Recommend.";
            for (ActionKind kind : field.kinds) {
                Hold hold = new Hold(kind, Hold.ANY_SIGNAL);
                if (!inForce.contains(hold)) {
                    out.add(new DecisionCycle.NewHold(hold, reason));
                }
            }
        }
        return out;
    }
}
