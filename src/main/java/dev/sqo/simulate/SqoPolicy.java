package dev.sqo.simulate;

import dev.sqo.api.Objective;
import dev.sqo.optimize.ActionKind;
import dev.sqo.optimize.OptimizationHistory;
import dev.sqo.optimize.OptimizationPlanner;
import dev.sqo.optimize.OptimizationPolicy;
import dev.sqo.optimize.PodSample;
import dev.sqo.optimize.PodState;
import dev.sqo.optimize.ReplicaRecommendation;
import dev.sqo.optimize.ScaleEvent;
import dev.sqo.optimize.SignalSeries;
import dev.sqo.optimize.WorkloadObservation;
import dev.sqo.reconcile.OptimizationPolicies;
import dev.sqo.rules.SliRuleExpressions;
import dev.sqo.slo.AlertLevel;
import dev.sqo.slo.ObjectiveEvaluation;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * sqo's own decision code, unchanged, fed with what the simulated service would show in Prometheus: CPU utilisation,
 * objective latency and error ratio once a minute, and the objectives' evaluation from their slices. It decides as
 * often as the operator reconciles (every 30 seconds). Container resources are not simulated: only replicas change.
 */
final class SqoPolicy implements ReplicaPolicy {

    static final Duration RECONCILE = Duration.ofSeconds(30);

    private final OptimizationPolicy policy;
    private final List<ReplicaRecommendation> recommendations = new ArrayList<>();
    private final List<ScaleEvent> events = new ArrayList<>();
    private Instant lastAction;
    private Duration lastDecision;

    SqoPolicy(Scenario scenario) {
        this.policy = OptimizationPolicies.resolve(scenario.serviceQuality().getSpec().optimizationOrDefault(),
                scenario.serviceQuality().getSpec().objectives);
    }

    @Override
    public String name() {
        return "sqo";
    }

    @Override
    public int decide(SimulationState state) {
        int current = state.replicas.size();
        if (state.steps.isEmpty() || (lastDecision != null && state.now.minus(lastDecision).compareTo(RECONCILE) < 0)) {
            return current;
        }
        lastDecision = state.now;
        Instant now = state.instant();
        if (recommendations.isEmpty()) {
            recommendations.add(new ReplicaRecommendation(now, current));
        }
        AlertLevel alert = AlertLevel.NONE;
        Double budget = null;
        for (int o = 0; o < state.objectives.size(); o++) {
            ObjectiveEvaluation e = state.evaluate(o, now);
            if (e.hasData()) {
                alert = alert.compareTo(e.alert()) >= 0 ? alert : e.alert();
                budget = budget == null ? e.budgetRemaining() : Math.min(budget, e.budgetRemaining());
            }
        }
        ServiceModel.Step last = state.lastStep();
        List<PodSample> pods = new ArrayList<>();
        double request = state.scenario.workload().cpuRequest();
        for (int i = 0; i < current; i++) {
            boolean ready = state.replicas.get(i).compareTo(state.now) <= 0;
            pods.add(new PodSample("pod-" + i, ready ? last.cpu() / 100 * request : null, request, ready ? PodState.READY : PodState.PENDING));
        }
        WorkloadObservation obs = new WorkloadObservation(current, pods, signals(state), Map.of(), List.of(), alert, budget, null);
        OptimizationPlanner.Plan plan = OptimizationPlanner.plan(policy, obs,
                new OptimizationHistory(recommendations, events, lastAction, List.of()), now);
        recommendations.add(new ReplicaRecommendation(now, plan.desiredReplicas()));
        recommendations.removeIf(r -> r.time().isBefore(now.minus(Duration.ofHours(1))));
        if (plan.action() == null || !(plan.action().kind() == ActionKind.ScaleOut || plan.action().kind() == ActionKind.ScaleIn)) {
            return current;
        }
        lastAction = now;
        events.add(new ScaleEvent(now, plan.action().replicas() - current));
        return plan.action().replicas();
    }

    /** The trigger signals, one sample a minute over the last 15 minutes, as the metrics would show them. */
    private static Map<String, SignalSeries> signals(SimulationState state) {
        NavigableMap<Instant, Double> cpu = new TreeMap<>();
        Map<String, NavigableMap<Instant, Double>> byObjective = new HashMap<>();
        Duration from = state.now.minus(Duration.ofMinutes(16));
        for (int i = 0; i < state.steps.size(); i++) {
            // A sample is what a scrape at the end of the step reads, as Prometheus would timestamp it.
            Duration t = state.stepTimes.get(i).plus(state.scenario.step());
            if (t.compareTo(from) < 0 || t.toSeconds() % 60 != 0) {
                continue;
            }
            Instant at = SimulationState.EPOCH.plus(t);
            ServiceModel.Step s = state.steps.get(i);
            if (s.served() > 0) {
                cpu.put(at, s.cpu());
            }
            for (int o = 0; o < state.objectives.size(); o++) {
                Objective objective = state.objectives.get(o);
                double threshold = state.slis.get(o).thresholdSeconds();
                if (!Double.isNaN(threshold) && s.served() > 0) {
                    double q = objective.latencyPercentile != null ? objective.latencyPercentile.percentile / 100 : objective.target / 100;
                    byObjective.computeIfAbsent("latency:" + objective.name, k -> new TreeMap<>()).put(at, s.quantileSeconds(q) * 1000);
                }
                if (SliRuleExpressions.errorRatio(objective, Duration.ofMinutes(5)) != null && s.offered() > 0) {
                    byObjective.computeIfAbsent("errors:" + objective.name, k -> new TreeMap<>()).put(at, s.errors() / s.offered());
                }
            }
        }
        Map<String, SignalSeries> out = new HashMap<>();
        out.put("cpu", SignalSeries.of(cpu));
        byObjective.forEach((name, values) -> out.put(name, SignalSeries.of(values)));
        return out;
    }
}
