package dev.sqo.reconcile;

import dev.sqo.actuate.WorkloadShape;
import dev.sqo.api.Optimization;
import dev.sqo.api.ServiceQuality;
import dev.sqo.optimize.DecisionCycle;
import dev.sqo.optimize.OptimizationHistory;
import dev.sqo.optimize.OptimizationPlanner;
import dev.sqo.optimize.OptimizationPolicy;
import dev.sqo.optimize.ReplicaRecommendation;
import dev.sqo.optimize.WorkloadObservation;

import java.time.Instant;
import java.util.List;

/**
 * The recommendation without a cluster, for {@code sqo evaluate}: the operator's decision cycle in Recommend mode, the
 * workload from its manifest and its pods from the metrics. Nothing is remembered between runs: the objective control
 * rebuilds its stabilization window from the metrics and recommends what a long-running operator would; trigger
 * scale-ins wait for their window and show as "no change yet".
 */
public final class OfflineRecommender {

    private final SignalCollector collector;

    public OfflineRecommender(SignalCollector collector) {
        this.collector = collector;
    }

    public OptimizationOutcome recommend(ServiceQuality sq, EvaluationReport report, WorkloadShape workload, Instant at) {
        Optimization spec = sq.getSpec().optimizationOrDefault();
        if (!spec.active()) {
            return OptimizationOutcome.idle(null, ConditionSet.FALSE, "Off", "Optimization is off: sqo changes nothing.");
        }
        if (!report.specProblems().isEmpty() || report.endpoint() == null) {
            return OptimizationOutcome.idle(null, ConditionSet.FALSE, "NotEvaluated",
                    "Nothing is decided while the ServiceQuality cannot be evaluated (see Ready).");
        }
        if (workload == null) {
            return OptimizationOutcome.idle(null, ConditionSet.UNKNOWN, "NoWorkloadManifest", "Add the manifest of "
                    + sq.getSpec().targetRef + " to the file to get a recommendation without a cluster.");
        }
        OptimizationPolicy policy = OptimizationPolicies.resolve(spec, sq.getSpec().objectives);
        WorkloadObservation obs = collector.collect(report, policy, OptimizationPolicies.lookback(spec), workload, true, at);
        OptimizationHistory fresh = new OptimizationHistory(List.of(new ReplicaRecommendation(at, workload.replicas())), List.of(), null,
                List.of());
        OptimizationPlanner.Plan plan = DecisionCycle.decide(new DecisionCycle.Inputs(DecisionCycle.Mode.RECOMMEND, policy, obs, null,
                null, fresh, List.of(), List.of(), at)).plan();
        return new OptimizationOutcome(RecommendationRenderer.render(workload, plan, List.of()), List.of(), List.of(), null,
                List.of(new OptimizationOutcome.Condition(OptimizationOutcome.OPTIMIZING, ConditionSet.TRUE, "Recommending",
                        "Offline: " + plan.replicas() + " replicas recommended (now " + workload.replicas() + "); nothing is changed."),
                        OptimizationOutcome.investigate(plan)));
    }
}
