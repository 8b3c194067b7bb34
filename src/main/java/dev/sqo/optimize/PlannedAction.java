package dev.sqo.optimize;

import java.util.List;

/**
 * The one action of a decision.
 *
 * @param kind        ScaleOut, ScaleIn or Resize: the planner never proposes HPA floors, the actuation does
 * @param signal      the signal that triggered it, for validation and holds; rightsizing for usage-based sizing
 * @param signalValue the signal's value when decided
 * @param replicas    the replicas to set (scaling)
 * @param resources   the container resources to set (resizing)
 */
public record PlannedAction(ActionKind kind, String signal, Double signalValue, int fromReplicas, int replicas,
                            List<ContainerChange> resources, String reason) {
}
