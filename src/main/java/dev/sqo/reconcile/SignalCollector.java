package dev.sqo.reconcile;

import dev.sqo.actuate.WorkloadShape;
import dev.sqo.api.Objective;
import dev.sqo.api.ServiceQuality;
import dev.sqo.metrics.DemandObserver;
import dev.sqo.metrics.PrometheusApi;
import dev.sqo.metrics.PrometheusEndpoint;
import dev.sqo.metrics.PrometheusQueryException;
import dev.sqo.metrics.WorkloadSignalObserver;
import dev.sqo.metrics.WorkloadTarget;
import dev.sqo.optimize.ContainerState;
import dev.sqo.optimize.Demand;
import dev.sqo.optimize.ObjectiveScaler;
import dev.sqo.optimize.OptimizationPlanner;
import dev.sqo.optimize.OptimizationPolicy;
import dev.sqo.optimize.PodSample;
import dev.sqo.optimize.PodState;
import dev.sqo.optimize.ServiceHistory;
import dev.sqo.optimize.SignalSeries;
import dev.sqo.optimize.TriggerEvaluator;
import dev.sqo.optimize.TriggerRule;
import dev.sqo.optimize.WorkloadObservation;
import dev.sqo.rules.SliRuleExpressions;
import dev.sqo.slo.AlertLevel;
import dev.sqo.slo.BurnRateWindows;
import dev.sqo.slo.PromDuration;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Reads every signal the policy's triggers and right-sizing need and joins them with the workload's shape into one
 * {@link WorkloadObservation}. A signal that cannot be read is listed as failed with the reason,
 * never filled with zeros.
 */
public final class SignalCollector {

    /** Without a start-up time read from the pods, new pods are taken to serve after this. */
    static final Duration DEFAULT_STARTUP = Duration.ofMinutes(1);

    private final WorkloadSignalObserver observer;
    private final DemandObserver demand;

    public SignalCollector(PrometheusApi api) {
        this.observer = new WorkloadSignalObserver(api);
        this.demand = new DemandObserver(api);
    }

    public void evictIdle(Instant now) {
        observer.evictIdle(now);
        demand.evictIdle(now);
    }

    /** The resource was deleted: the histories read for it go. */
    public void forget(ServiceQuality resource) {
        observer.forget(CacheOwner.of(resource));
        demand.forget(CacheOwner.of(resource));
    }

    /**
     * @param podsFromMetrics true without a cluster: the workload's pods are the ones its series name, all taken as ready
     */
    public WorkloadObservation collect(EvaluationReport report, OptimizationPolicy policy, Duration lookback,
                                                        WorkloadShape workload, boolean podsFromMetrics, Instant now) {
        Map<String, SignalSeries> signals = new LinkedHashMap<>();
        Map<String, String> failed = new LinkedHashMap<>();
        AlertLevel alert = AlertLevel.NONE;
        Double budget = null;
        Double fiveMinutes = null;
        Double burn = null;
        boolean burnUnknown = false;
        boolean budgetUnknown = false;
        for (ObjectiveOutcome o : report.objectives()) {
            if (!o.hasData()) {
                failed.put("objective:" + o.objective().name, o.problem() != null ? o.problem() : "no traffic in the window");
                continue;
            }
            alert = alert.compareTo(o.evaluation().alert()) >= 0 ? alert : o.evaluation().alert();
            Double remaining = o.evaluation().budgetToActOn();
            if (remaining == null) {
                // Partial data: the burn it shows still counts (errors seen are errors), but what is not read may
                // hold more, so nothing that lowers capacity may go ahead on it.
                budgetUnknown = true;
                failed.put("objective:" + o.objective().name, WindowCoverage.describe(o.evaluation(), report.window()));
            } else {
                budget = budget == null ? remaining : Math.min(budget, remaining);
            }
            Double five = o.evaluation().burnRates().get(BurnRateWindows.M5);
            if (five != null) {
                fiveMinutes = fiveMinutes == null ? five : Math.max(fiveMinutes, five);
            }
            Double burning = BurnRateWindows.now(o.evaluation().burnRates());
            if (burning != null) {
                burn = burn == null ? burning : Math.max(burn, burning);
            } else {
                burnUnknown = true;
            }
        }
        if (budgetUnknown) {
            // The lowest remaining budget is unknown when one objective's is: the others' may be higher.
            budget = null;
        }
        if (burnUnknown) {
            // One objective's burn now unknown makes the burn now unknown: the others' calm says nothing about it.
            burn = null;
        }
        if (fiveMinutes != null) {
            // The burn now, for judging a burn-driven action later: the alert's long window lags a recovery by an hour.
            signals.put(TriggerEvaluator.BURN, SignalSeries.of(new TreeMap<>(Map.of(now, fiveMinutes))));
        }
        PrometheusEndpoint endpoint = report.endpoint();
        String owner = CacheOwner.of(report.resource());
        WorkloadTarget target = new WorkloadTarget(report.resource().getMetadata().getNamespace(), workload.kind(), workload.name());
        List<PodSample> cpuPods = new ArrayList<>();
        Map<String, List<Double>> cpuHistory = Map.of();
        Map<String, List<Double>> memoryHistory = Map.of();
        if (endpoint == null) {
            failed.put("metrics", "no Prometheus to read from");
        } else {
            cpu(endpoint, target, policy, workload, podsFromMetrics, now, signals, failed, cpuPods);
            memory(endpoint, target, policy, workload, now, signals, failed);
            for (TriggerRule rule : policy.triggers()) {
                objectiveSignal(endpoint, policy, rule, report, now, signals, failed);
            }
            if (policy.rightSizing()) {
                try {
                    cpuHistory = observer.cpuHistory(owner, endpoint, target, lookback, now);
                    memoryHistory = observer.memoryHistory(owner, endpoint, target, lookback, now);
                } catch (PrometheusQueryException e) {
                    failed.put("usage history", e.getMessage());
                }
            }
        }
        int steps = (int) (lookback.toSeconds() / WorkloadSignalObserver.HISTORY_STEP.toSeconds());
        List<Double> none = Collections.nCopies(steps, null);
        List<ContainerState> containers = new ArrayList<>();
        for (WorkloadShape.Container c : workload.containers()) {
            containers.add(new ContainerState(c.name(), c.cpuRequest(), c.cpuLimit(), c.memoryRequest(), c.memoryLimit(),
                    cpuHistory.getOrDefault(c.name(), none), memoryHistory.getOrDefault(c.name(), none)));
        }
        Demand load = null;
        if (policy.objectiveControl() && endpoint != null) {
            load = demand(endpoint, report, policy, workload, target, cpuPods, podsFromMetrics, burn, now, failed);
        }
        // Histories are re-read every few minutes anyway: one that a failed read left unused may go with the others.
        observer.settle(owner, now);
        demand.settle(owner, now);
        return new WorkloadObservation(workload.replicas(), cpuPods, signals, failed, containers, alert, budget, null, load);
    }

    /**
     * The load, its history and the ready pods, for the objective control; null when no objective counts requests.
     * Pods come from the cluster, or without one from the metrics (all taken as ready).
     */
    private Demand demand(PrometheusEndpoint endpoint, EvaluationReport report, OptimizationPolicy policy, WorkloadShape workload,
                          WorkloadTarget target, List<PodSample> cpuPods, boolean podsFromMetrics, Double burn, Instant now,
                          Map<String, String> failed) {
        List<Objective> objectives = report.objectives().stream().map(ObjectiveOutcome::objective).toList();
        String recent = SliRuleExpressions.requestRate(objectives, Duration.ofMinutes(1));
        if (recent == null) {
            failed.put(OptimizationPlanner.LOAD, "no objective counts requests (a ratio or a histogram), so sqo cannot tell the load");
            return null;
        }
        Duration window = ObjectiveScaler.loadWindow(policy);
        List<String> strains = new ArrayList<>();
        for (Objective o : objectives) {
            String strain = SliRuleExpressions.strain(o, ServiceHistory.STEP);
            if (strain != null) {
                // An infinite percentile (beyond the highest bucket) is as strained as it gets, and still data.
                strains.add("clamp_max(" + strain + ", 100)");
            }
        }
        DemandObserver.HistoryQueries queries = new DemandObserver.HistoryQueries(
                SliRuleExpressions.requestRate(objectives, ServiceHistory.STEP), strains);
        try {
            NavigableMap<Instant, Double> load = demand.recentLoad(endpoint, recent, window, now);
            if (load.isEmpty()) {
                failed.put(OptimizationPlanner.LOAD, "no samples of " + recent + " in the last " + PromDuration.format(window));
            }
            ServiceHistory history = demand.history(CacheOwner.of(report.resource()), endpoint, target, queries, workload.podCpuRequest(), now);
            int last = history.index(now) - 1;
            double cpuNow = currentCpu(endpoint, target, workload, now);
            // Without a cluster the pods are those the metrics name, all taken as ready.
            double running = last >= 0 && last < history.size() ? history.readyPods()[last] : Double.NaN;
            int ready = podsFromMetrics ? (Double.isNaN(running) ? workload.replicas() : (int) Math.round(running))
                    : (int) workload.pods().values().stream().filter(s -> s == PodState.READY).count();
            return new Demand(load, ready, history, cpuNow, workload.startup() != null ? workload.startup() : DEFAULT_STARTUP, burn);
        } catch (PrometheusQueryException e) {
            failed.put(OptimizationPlanner.LOAD, e.getMessage());
            return null;
        }
    }

    private void cpu(PrometheusEndpoint endpoint, WorkloadTarget target, OptimizationPolicy policy, WorkloadShape workload,
                     boolean podsFromMetrics, Instant now, Map<String, SignalSeries> signals, Map<String, String> failed,
                     List<PodSample> cpuPods) {
        Duration span = span(policy, "cpu");
        if (span == null) {
            return;
        }
        Double request = workload.podCpuRequest();
        if (request == null || request <= 0) {
            failed.put("cpu", "a container of " + workload + " requests no CPU, so CPU utilization is undefined");
            return;
        }
        Map<String, NavigableMap<Instant, Double>> byPod;
        try {
            byPod = observer.cpuByPod(endpoint, target, span, now);
        } catch (PrometheusQueryException e) {
            failed.put("cpu", e.getMessage());
            return;
        }
        Map<String, PodState> pods = new LinkedHashMap<>(workload.pods());
        if (podsFromMetrics) {
            byPod.keySet().stream().filter(target::owns).sorted().forEach(p -> pods.putIfAbsent(p, PodState.READY));
        }
        if (byPod.isEmpty() || pods.isEmpty()) {
            failed.put("cpu", "no container_cpu_usage_seconds_total series for pods of " + workload + " matching " + target.podPattern());
            return;
        }
        Instant last = null;
        for (NavigableMap<Instant, Double> s : byPod.values()) {
            last = s.isEmpty() ? last : (last == null || s.lastKey().isAfter(last) ? s.lastKey() : last);
        }
        int missing = 0;
        for (Map.Entry<String, PodState> p : pods.entrySet()) {
            NavigableMap<Instant, Double> s = byPod.get(p.getKey());
            Double latest = s == null || last == null ? null : s.get(last);
            if (latest == null && p.getValue() == PodState.READY) {
                missing++;
            }
            cpuPods.add(new PodSample(p.getKey(), latest, request, p.getValue()));
        }
        if (missing > 0) {
            failed.put("cpu", missing + " ready pod(s) of " + workload + " have no CPU sample");
        }
        NavigableMap<Instant, Double> utilization = new TreeMap<>();
        Map<Instant, double[]> sums = new TreeMap<>();
        for (Map.Entry<String, NavigableMap<Instant, Double>> e : byPod.entrySet()) {
            if (pods.containsKey(e.getKey())) {
                e.getValue().forEach((t, v) -> {
                    double[] acc = sums.computeIfAbsent(t, k -> new double[2]);
                    acc[0] += v;
                    acc[1]++;
                });
            }
        }
        sums.forEach((t, acc) -> utilization.put(t, acc[0] * 100 / (acc[1] * request)));
        signals.put("cpu", SignalSeries.of(utilization));
    }

    private void memory(PrometheusEndpoint endpoint, WorkloadTarget target, OptimizationPolicy policy, WorkloadShape workload,
                        Instant now, Map<String, SignalSeries> signals, Map<String, String> failed) {
        Duration span = span(policy, TriggerEvaluator.MEMORY);
        if (span == null) {
            return;
        }
        Map<String, NavigableMap<Instant, Double>> byContainer;
        try {
            byContainer = observer.memoryByContainer(endpoint, target, span, now);
        } catch (PrometheusQueryException e) {
            failed.put(TriggerEvaluator.MEMORY, e.getMessage());
            return;
        }
        for (WorkloadShape.Container c : workload.containers()) {
            Double basis = c.memoryLimit() != null ? c.memoryLimit() : c.memoryRequest();
            NavigableMap<Instant, Double> bytes = byContainer.get(c.name());
            if (basis == null) {
                continue; // without a request or limit there is no utilization to watch
            }
            if (bytes == null || bytes.isEmpty()) {
                failed.put(TriggerEvaluator.MEMORY + ":" + c.name(), "no container_memory_working_set_bytes series for container "
                        + c.name() + " of " + workload);
                continue;
            }
            NavigableMap<Instant, Double> utilization = new TreeMap<>();
            bytes.forEach((t, v) -> utilization.put(t, v * 100 / basis));
            signals.put(TriggerEvaluator.MEMORY + ":" + c.name(), SignalSeries.of(utilization));
        }
    }

    private void objectiveSignal(PrometheusEndpoint endpoint, OptimizationPolicy policy, TriggerRule rule, EvaluationReport report,
                                 Instant now,
                                 Map<String, SignalSeries> signals, Map<String, String> failed) {
        String[] kind = rule.signal().split(":", 2);
        if (kind.length < 2 || signals.containsKey(rule.signal()) || failed.containsKey(rule.signal())) {
            return;
        }
        Objective objective = report.objectives().stream().map(ObjectiveOutcome::objective)
                .filter(o -> o.name.equals(kind[1])).findFirst().orElse(null);
        if (objective == null) {
            return;
        }
        String expr;
        double scale;
        if (kind[0].equals("latency")) {
            expr = SliRuleExpressions.latencyAtQuantile(objective, Duration.ofMinutes(5));
            scale = 1000;
        } else {
            expr = SliRuleExpressions.errorRatio(objective, Duration.ofMinutes(5));
            scale = 1;
            if (expr == null) {
                return; // a percentile SLI counts slices, not requests: validation refuses an ErrorRatio trigger on it
            }
        }
        try {
            Duration span = span(policy, rule.signal());
            WorkloadSignalObserver.Baselined b = observer.withBaseline(endpoint, expr, scale, span, OptimizationPolicies.BASELINE_DAYS, now);
            if (b.values().isEmpty()) {
                failed.put(rule.signal(), "no samples for " + rule.signal() + " in the last " + PromDuration.format(span));
            }
            signals.put(rule.signal(), new SignalSeries(b.values(), b.baseline()));
        } catch (PrometheusQueryException e) {
            failed.put(rule.signal(), e.getMessage());
        }
    }

    /**
     * The pods' CPU now in fractions of their request, NaN when it cannot be read: what capacity starts from and
     * what asks for pods while the request rate is missing. Optional, so a failure is no failed signal.
     */
    private double currentCpu(PrometheusEndpoint endpoint, WorkloadTarget target, WorkloadShape workload, Instant now) {
        Double request = workload.podCpuRequest();
        if (request == null || request <= 0) {
            return Double.NaN;
        }
        try {
            Collection<NavigableMap<Instant, Double>> byPod = observer.cpuByPod(endpoint, target, Duration.ofMinutes(2), now).values();
            // Only pods with a sample at the newest time: a pod gone in the last minutes keeps its last value.
            Instant newest = byPod.stream().filter(s -> !s.isEmpty()).map(NavigableMap::lastKey).max(Instant::compareTo).orElse(null);
            double sum = 0;
            int pods = 0;
            for (NavigableMap<Instant, Double> s : byPod) {
                Double v = newest == null ? null : s.get(newest);
                if (v != null && Double.isFinite(v)) {
                    sum += v;
                    pods++;
                }
            }
            return pods == 0 ? Double.NaN : sum / (pods * request);
        } catch (PrometheusQueryException e) {
            return Double.NaN;
        }
    }

    /** The longest window among the rules on this signal, or null when no rule watches it. */
    private static Duration span(OptimizationPolicy policy, String signal) {
        return policy.triggers().stream().filter(r -> r.signal().equals(signal)).map(TriggerRule::duration)
                .max(Duration::compareTo).orElse(null);
    }
}
