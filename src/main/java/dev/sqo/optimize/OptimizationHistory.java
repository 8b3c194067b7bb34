package dev.sqo.optimize;

import java.time.Instant;
import java.util.List;

/**
 * What earlier cycles left behind: unstabilized recommendations (for the stabilization windows), applied scale
 * changes (for the policies' periods), the last action (for the cooldown) and the holds.
 */
public record OptimizationHistory(List<ReplicaRecommendation> recommendations, List<ScaleEvent> scaleEvents, Instant lastAction,
                                  List<Hold> holds) {

    public static final OptimizationHistory EMPTY = new OptimizationHistory(List.of(), List.of(), null, List.of());

    public boolean held(ActionKind kind, String signal) {
        return holds.stream().anyMatch(h -> h.covers(kind, signal));
    }
}
