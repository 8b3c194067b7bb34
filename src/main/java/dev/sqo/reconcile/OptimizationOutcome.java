package dev.sqo.reconcile;

import dev.sqo.api.ActionHold;
import dev.sqo.api.ActionRecord;
import dev.sqo.api.RecommendationStatus;
import dev.sqo.api.ServiceQualityStatus;
import dev.sqo.optimize.Firing;
import dev.sqo.optimize.OptimizationPlanner;

import java.util.List;
import java.util.stream.Collectors;

/** What the optimization step contributes to the status: the plan, the action history, holds and two conditions. */
public record OptimizationOutcome(RecommendationStatus recommendation, List<ActionRecord> actions, List<ActionHold> holds,
                                  String holdsClearedBy, List<Condition> conditions) {

    public record Condition(String type, String status, String reason, String message) {
    }

    static final String OPTIMIZING = "Optimizing";
    static final String INVESTIGATE = "Investigate";

    /**
     * Errors above their baseline call for a person: more replicas rarely fix errors. Without data on an error signal
     * sqo cannot tell, and says so: no data is not health.
     */
    static Condition investigate(OptimizationPlanner.Plan plan) {
        List<Firing> investigations = plan.investigations();
        String unexplained = plan.control() == null ? null : plan.control().unexplainedBurn();
        if (investigations.isEmpty() && unexplained != null) {
            return new Condition(INVESTIGATE, ConditionSet.TRUE, "BurnWithoutLoad", "Errors that load does not cause: " + unexplained + ".");
        }
        if (investigations.isEmpty() && !plan.unjudged().isEmpty()) {
            return new Condition(INVESTIGATE, ConditionSet.UNKNOWN, "NoData", "Whether errors rose above their baseline is unknown: "
                    + plan.unjudged().entrySet().stream().map(e -> "no data for " + e.getKey() + " (" + e.getValue() + ")")
                    .collect(Collectors.joining("; ")) + ".");
        }
        if (investigations.isEmpty()) {
            return new Condition(INVESTIGATE, ConditionSet.FALSE, "NoAnomaly", "No error signal is above its baseline.");
        }
        return new Condition(INVESTIGATE, ConditionSet.TRUE, "ErrorRatioAboveBaseline",
                "Errors rose above their baseline; more replicas rarely fix errors, so sqo does not scale for them: "
                        + investigations.stream().map(Firing::detail).collect(Collectors.joining("; ")) + ".");
    }

    /** Nothing was decided this cycle: the history stays, the plan goes. */
    static OptimizationOutcome idle(ServiceQualityStatus previous, String status, String reason, String message) {
        return new OptimizationOutcome(null, previous == null ? List.of() : previous.actions,
                previous == null ? List.of() : previous.holds, previous == null ? null : previous.holdsClearedBy,
                List.of(new Condition(OPTIMIZING, status, reason, message)));
    }
}
