package dev.sqo.reconcile;

import dev.sqo.actuate.WorkloadShape;
import dev.sqo.api.HistogramSli;
import dev.sqo.api.Objective;
import dev.sqo.metrics.PrometheusEndpoint;
import dev.sqo.metrics.PrometheusQueryException;
import dev.sqo.metrics.WorkloadSignalObserver;
import dev.sqo.metrics.WorkloadTarget;
import dev.sqo.optimize.ContainerState;
import dev.sqo.optimize.OptimizationPolicy;
import dev.sqo.optimize.PodSample;
import dev.sqo.optimize.PodState;
import dev.sqo.optimize.SignalSeries;
import dev.sqo.optimize.TriggerEvaluator;
import dev.sqo.optimize.TriggerRule;
import dev.sqo.optimize.WorkloadObservation;
import dev.sqo.rules.SliRuleExpressions;
import dev.sqo.slo.AlertLevel;
import dev.sqo.slo.BurnRateWindows;
import dev.sqo.slo.PromDuration;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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

    private final WorkloadSignalObserver observer;

    public SignalCollector(WorkloadSignalObserver observer) {
        this.observer = observer;
    }

    public void evictIdle(Instant now) {
        observer.evictIdle(now);
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
        Double burn = null;
        for (ObjectiveOutcome o : report.objectives()) {
            if (!o.hasData()) {
                failed.put("objective:" + o.objective().name, o.problem() != null ? o.problem() : "no traffic in the window");
                continue;
            }
            alert = alert.compareTo(o.evaluation().alert()) >= 0 ? alert : o.evaluation().alert();
            Double remaining = o.evaluation().budgetRemaining();
            budget = budget == null ? remaining : Math.min(budget, remaining);
            Double fiveMinutes = o.evaluation().burnRates().get(BurnRateWindows.M5);
            if (fiveMinutes != null) {
                burn = burn == null ? fiveMinutes : Math.max(burn, fiveMinutes);
            }
        }
        if (burn != null) {
            // The burn now, for judging a burn-driven action later: the alert's long window lags a recovery by an hour.
            signals.put(TriggerEvaluator.BURN, SignalSeries.of(new TreeMap<>(Map.of(now, burn))));
        }
        PrometheusEndpoint endpoint = report.endpoint();
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
                    cpuHistory = observer.cpuHistory(endpoint, target, lookback, now);
                    memoryHistory = observer.memoryHistory(endpoint, target, lookback, now);
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
        return new WorkloadObservation(workload.replicas(), cpuPods, signals, failed, containers, alert, budget, null);
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
            HistogramSli h = objective.latency != null ? objective.latency : objective.latencyPercentile;
            expr = "histogram_quantile(" + BigDecimal.valueOf(OptimizationPolicies.latencyQuantile(objective)).stripTrailingZeros()
                    .toPlainString() + ", sum by (le) (rate(" + h.series("_bucket", "") + "[5m])))";
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

    /** The longest window among the rules on this signal, or null when no rule watches it. */
    private static Duration span(OptimizationPolicy policy, String signal) {
        return policy.triggers().stream().filter(r -> r.signal().equals(signal)).map(TriggerRule::duration)
                .max(Duration::compareTo).orElse(null);
    }
}
