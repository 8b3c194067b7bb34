package dev.sqo.simulate;

import dev.sqo.api.Objective;
import dev.sqo.optimize.DecisionCycle;
import dev.sqo.optimize.Demand;
import dev.sqo.optimize.Hold;
import dev.sqo.optimize.ObjectiveScaler;
import dev.sqo.optimize.OptimizationHistory;
import dev.sqo.optimize.OptimizationPolicy;
import dev.sqo.optimize.PodSample;
import dev.sqo.optimize.PlannedAction;
import dev.sqo.optimize.PodState;
import dev.sqo.optimize.ReplicaRecommendation;
import dev.sqo.optimize.ScaleEvent;
import dev.sqo.optimize.SignalSeries;
import dev.sqo.optimize.TriggerEvaluator;
import dev.sqo.optimize.TriggerRule;
import dev.sqo.optimize.WorkloadObservation;
import dev.sqo.reconcile.OptimizationPolicies;
import dev.sqo.rules.SliRuleExpressions;
import dev.sqo.slo.AlertLevel;
import dev.sqo.slo.BurnRateWindows;
import dev.sqo.slo.ObjectiveEvaluation;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The operator's decision cycle ({@link DecisionCycle}), unchanged, in Auto mode, fed with what the operator would
 * read from Prometheus about the simulated service: the trigger signals once a minute over their 5-minute rate
 * windows, the objective control's 1-minute load every 30 seconds and its 5-minute history, and the objectives'
 * evaluation from their slices. It decides as often as the operator reconciles (every 30 seconds) and keeps the
 * decision state the operator keeps in the status: pending validations, holds, the last action and scale events.
 * Container resources are not simulated: only replicas change.
 */
final class SqoPolicy implements ReplicaPolicy {

    static final Duration RECONCILE = Duration.ofSeconds(30);
    private static final Duration RATE_WINDOW = Duration.ofMinutes(5);

    private final OptimizationPolicy policy;
    private final Duration lookback;
    /** How far back the objective control reads the 1-minute load. */
    private final Duration loadWindow;
    private final NavigableMap<Instant, Double> load = new TreeMap<>();
    private SimulatedHistory history;
    private final List<ReplicaRecommendation> recommendations = new ArrayList<>();
    private final List<ScaleEvent> events = new ArrayList<>();
    private Instant lastAction;
    private final List<DecisionCycle.PendingAction> pending = new ArrayList<>();
    private List<Hold> holds = List.of();
    private long actions;
    private Duration lastDecision;

    SqoPolicy(Scenario scenario) {
        this.policy = OptimizationPolicies.resolve(scenario.serviceQuality().getSpec().optimizationOrDefault(),
                scenario.serviceQuality().getSpec().objectives);
        this.lookback = policy.triggers().stream().map(TriggerRule::duration).max(Duration::compareTo).orElse(Duration.ZERO);
        this.loadWindow = ObjectiveScaler.loadWindow(policy);
    }

    @Override
    public String name() {
        return "sqo";
    }

    @Override
    public int decide(SimulationState state, double upcoming) {
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
        Double burn = null;
        boolean burnUnknown = false;
        Map<String, String> failed = new LinkedHashMap<>();
        for (int o = 0; o < state.objectives.size(); o++) {
            ObjectiveEvaluation e = state.evaluation(o);
            if (e.hasData()) {
                alert = alert.compareTo(e.alert()) >= 0 ? alert : e.alert();
                budget = budget == null ? e.budgetRemaining() : Math.min(budget, e.budgetRemaining());
                Double burning = BurnRateWindows.now(e.burnRates());
                if (burning != null) {
                    burn = burn == null ? burning : Math.max(burn, burning);
                } else {
                    burnUnknown = true;
                }
            } else {
                failed.put("objective:" + state.objectives.get(o).name, "no traffic yet");
            }
        }
        Map<String, SignalSeries> signals = signals(state, failed);
        double cpu = signals.get("cpu").latest() == null ? Double.NaN : signals.get("cpu").latest();
        List<PodSample> pods = new ArrayList<>();
        double request = state.scenario.workload().cpuRequest();
        for (int i = 0; i < current; i++) {
            // A replica that was not ready through the last rate window has no full sample yet, as a new pod.
            boolean measured = state.replicas.get(i).compareTo(state.now.minus(RATE_WINDOW)) <= 0 && !Double.isNaN(cpu);
            boolean ready = state.replicas.get(i).compareTo(state.now) <= 0;
            pods.add(new PodSample("pod-" + i, measured ? cpu / 100 * request : null, request,
                    ready ? PodState.READY : PodState.PENDING));
        }
        WorkloadObservation obs = new WorkloadObservation(current, pods, signals, failed, List.of(), alert, budget, null,
                policy.objectiveControl() ? demand(state, burnUnknown ? null : burn) : null);
        DecisionCycle.Decision decision = DecisionCycle.decide(new DecisionCycle.Inputs(DecisionCycle.Mode.AUTO, policy, obs, null, null,
                new OptimizationHistory(recommendations, events, lastAction, holds), pending, List.of(), now));
        recommendations.add(new ReplicaRecommendation(now, decision.plan().desiredReplicas()));
        recommendations.removeIf(r -> r.time().isBefore(now.minus(Duration.ofHours(1))));
        // The decision state the operator keeps in the status: judged actions leave the pending list, holds follow.
        decision.verdicts().forEach(v -> pending.removeIf(a -> a.id().equals(v.actionId())));
        holds = decision.holds();
        PlannedAction action = decision.action();
        if (action == null || !action.kind().scales()) {
            // Only replicas are simulated: a resize or a pin changes nothing here.
            return current;
        }
        lastAction = now;
        events.add(new ScaleEvent(now, action.replicas() - current));
        pending.add(new DecisionCycle.PendingAction(Long.toString(++actions), action.kind(), action.signal(), action.signalValue(), now,
                action.kind() + " " + current + " -> " + action.replicas()));
        return action.replicas();
    }

    /** What the operator reads for the objective control: the 1-minute load every 30 seconds, and the 5-minute history. */
    private Demand demand(SimulationState state, Double burn) {
        if (history == null) {
            history = new SimulatedHistory(state);
        }
        Instant now = state.instant();
        double latest = history.loadAt(state.now);
        if (!Double.isNaN(latest)) {
            load.put(now, latest);
        }
        load.headMap(now.minus(loadWindow), true).clear();
        return new Demand(load, state.ready(), history.upToNow(), history.cpuAt(state.now), state.scenario.workload().startupDelay(), burn);
    }

    /** The trigger signals at each minute back from now, each over its 5-minute rate window; gaps are reported. */
    private Map<String, SignalSeries> signals(SimulationState state, Map<String, String> failed) {
        NavigableMap<Instant, Double> cpu = new TreeMap<>();
        Map<String, NavigableMap<Instant, Double>> byObjective = new HashMap<>();
        for (Duration t = state.now; t.compareTo(state.now.minus(lookback)) >= 0 && !t.isNegative(); t = t.minus(TriggerEvaluator.STEP)) {
            List<ServiceModel.Step> window = state.stepsEndingWithin(t.minus(RATE_WINDOW), t);
            if (window.isEmpty()) {
                continue;
            }
            Instant at = SimulationState.EPOCH.plus(t);
            double offered = window.stream().mapToDouble(ServiceModel.Step::offered).sum();
            List<ServiceModel.Step> serving = window.stream().filter(s -> s.served() > 0).toList();
            if (!serving.isEmpty()) {
                cpu.put(at, serving.stream().mapToDouble(ServiceModel.Step::cpu).average().orElse(0));
            }
            for (int o = 0; o < state.objectives.size(); o++) {
                Objective objective = state.objectives.get(o);
                if (!Double.isNaN(state.slis.get(o).thresholdSeconds()) && !serving.isEmpty()) {
                    byObjective.computeIfAbsent("latency:" + objective.name, k -> new TreeMap<>())
                            .put(at, LatencyMixture.quantileSeconds(serving, OptimizationPolicies.latencyQuantile(objective)) * 1000);
                }
                if (SliRuleExpressions.errorRatio(objective, RATE_WINDOW) != null && offered > 0) {
                    double errors = window.stream().mapToDouble(ServiceModel.Step::errors).sum();
                    byObjective.computeIfAbsent("errors:" + objective.name, k -> new TreeMap<>()).put(at, errors / offered);
                }
            }
        }
        Map<String, SignalSeries> out = new HashMap<>();
        out.put("cpu", SignalSeries.of(cpu));
        byObjective.forEach((name, values) -> out.put(name, SignalSeries.of(values)));
        if (cpu.isEmpty() || !cpu.lastKey().equals(state.instant())) {
            failed.put("cpu", "no CPU sample: nothing was served");
        }
        return out;
    }
}
