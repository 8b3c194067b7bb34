package dev.sqo.reconcile;

import dev.sqo.api.ActionHold;
import dev.sqo.api.ActionRecord;
import dev.sqo.api.RecommendationStatus;
import dev.sqo.api.ServiceQualityStatus;

import java.util.List;

/** What the optimization step contributes to the status: the plan, the action history, holds and two conditions. */
public record OptimizationOutcome(RecommendationStatus recommendation, List<ActionRecord> actions, List<ActionHold> holds,
                                  String holdsClearedBy, List<Condition> conditions) {

    public record Condition(String type, String status, String reason, String message) {
    }

    static final String OPTIMIZING = "Optimizing";
    static final String INVESTIGATE = "Investigate";

    /** Nothing was decided this cycle: the history stays, the plan goes. */
    static OptimizationOutcome idle(ServiceQualityStatus previous, String status, String reason, String message) {
        return new OptimizationOutcome(null, previous == null ? List.of() : previous.actions,
                previous == null ? List.of() : previous.holds, previous == null ? null : previous.holdsClearedBy,
                List.of(new Condition(OPTIMIZING, status, reason, message)));
    }
}
