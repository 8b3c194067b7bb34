package dev.sqo.reconcile;

import dev.sqo.api.Objective;
import dev.sqo.metrics.SliObserver;
import dev.sqo.slo.ObjectiveEvaluation;

/**
 * What evaluating one objective gave: numbers, or a problem that kept it from being measured.
 *
 * @param problemReason CamelCase reason (QueryFailed, InvalidSLI) when {@code evaluation} is null; NoData when it has no events
 * @param problem       what went wrong, or why there is no data (null when unknown)
 */
public record ObjectiveOutcome(Objective objective, ObjectiveEvaluation evaluation, SliObserver.Source source,
                               String problemReason, String problem) {

    public static ObjectiveOutcome measured(Objective objective, ObjectiveEvaluation evaluation, SliObserver.Source source) {
        return new ObjectiveOutcome(objective, evaluation, source, null, null);
    }

    /** Measured, without a single event in the window; {@code why} says which expression came back empty, when known. */
    public static ObjectiveOutcome withoutData(Objective objective, ObjectiveEvaluation evaluation, SliObserver.Source source, String why) {
        return new ObjectiveOutcome(objective, evaluation, source, "NoData", why);
    }

    public static ObjectiveOutcome failed(Objective objective, String reason, String problem) {
        return new ObjectiveOutcome(objective, null, null, reason, problem);
    }

    public boolean hasData() {
        return evaluation != null && evaluation.hasData();
    }
}
