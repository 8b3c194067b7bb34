package dev.sqo.metrics;

import dev.sqo.optimize.TriggerEvaluator;
import dev.sqo.slo.PromDuration;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Observe step of optimization: the workload's CPU and memory from cAdvisor series (as the kubelet exports them)
 * and the objectives' latency and error signals with their baselines. Samples without data are absent, never 0.
 */
public final class WorkloadSignalObserver {

    /** The step of trigger signals: the one their sustained conditions are checked at. */
    public static final Duration STEP = TriggerEvaluator.STEP;
    /** The step of usage histories for right-sizing. */
    public static final Duration HISTORY_STEP = Duration.ofMinutes(5);
    /** A week of history is costly to read and changes slowly: it is re-read this often. */
    static final Duration HISTORY_TTL = Duration.ofMinutes(30);
    private static final String DAY_LABEL = "sqo_day";

    static final int MAX_HISTORIES = 4096;

    private final PrometheusApi api;
    private final OwnedCache<String, CachedHistory> histories = new OwnedCache<>(MAX_HISTORIES);

    private record CachedHistory(Instant read, Map<String, List<Double>> byContainer) {
    }

    public WorkloadSignalObserver(PrometheusApi api) {
        this.api = api;
    }

    /** CPU cores in use per pod, 5-minute rate, at every minute of the span. */
    public Map<String, NavigableMap<Instant, Double>> cpuByPod(PrometheusEndpoint endpoint, WorkloadTarget target, Duration span,
                                                               Instant now) throws PrometheusQueryException {
        return byLabel(api.queryRange(endpoint, "sum by (pod) (rate(container_cpu_usage_seconds_total{"
                + target.containerMatchers() + "}[5m]))", now.minus(span), now, STEP), "pod");
    }

    /** Working-set bytes of each container, the highest among the pods, at every minute of the span. */
    public Map<String, NavigableMap<Instant, Double>> memoryByContainer(PrometheusEndpoint endpoint, WorkloadTarget target,
                                                                       Duration span, Instant now) throws PrometheusQueryException {
        return byLabel(api.queryRange(endpoint, "max by (container) (container_memory_working_set_bytes{"
                + target.containerMatchers() + "})", now.minus(span), now, STEP), "container");
    }

    /**
     * A scalar expression at every minute of the span, and its baseline: at each minute, the median of the same
     * minute on each of the past {@code days} days that has data. One query reads all of them.
     *
     * @param scale multiplies every value, e.g. 1000 for seconds to milliseconds
     */
    public Baselined withBaseline(PrometheusEndpoint endpoint, String expr, double scale, Duration span, int days, Instant now)
            throws PrometheusQueryException {
        List<String> parts = new ArrayList<>();
        parts.add(day("(" + expr + ")", 0));
        for (int d = 1; d <= days; d++) {
            parts.add(day("(" + offset(expr, d) + ")", d));
        }
        List<PromSeries> result = api.queryRange(endpoint, String.join(" or ", parts), now.minus(span), now, STEP);
        NavigableMap<Instant, Double> values = new TreeMap<>();
        Map<Instant, List<Double>> past = new HashMap<>();
        for (PromSeries s : result) {
            int d = Integer.parseInt(s.label(DAY_LABEL));
            for (int i = 0; i < s.values().length; i++) {
                double v = s.values()[i];
                if (Double.isNaN(v) || Double.isInfinite(v)) {
                    continue;
                }
                Instant t = Instant.ofEpochSecond(s.timestampsSeconds()[i]);
                if (d == 0) {
                    values.put(t, v * scale);
                } else {
                    past.computeIfAbsent(t, k -> new ArrayList<>()).add(v * scale);
                }
            }
        }
        NavigableMap<Instant, Double> baseline = new TreeMap<>();
        // Fewer than three past days make a median that one odd day decides.
        past.forEach((t, vs) -> {
            if (vs.size() >= 3) {
                baseline.put(t, median(vs));
            }
        });
        return new Baselined(values, baseline);
    }

    public record Baselined(NavigableMap<Instant, Double> values, NavigableMap<Instant, Double> baseline) {
    }

    /** CPU cores of each container over the lookback, the busiest pod at each 5-minute step; null for a step without data. */
    public Map<String, List<Double>> cpuHistory(String owner, PrometheusEndpoint endpoint, WorkloadTarget target, Duration lookback,
                                                Instant now) throws PrometheusQueryException {
        return history(owner, endpoint, "max by (container) (rate(container_cpu_usage_seconds_total{" + target.containerMatchers()
                + "}[5m]))", lookback, now);
    }

    /** 5-minute peaks of each container's working set over the lookback, the highest pod at each step. */
    public Map<String, List<Double>> memoryHistory(String owner, PrometheusEndpoint endpoint, WorkloadTarget target, Duration lookback,
                                                   Instant now) throws PrometheusQueryException {
        return history(owner, endpoint, "max by (container) (max_over_time(container_memory_working_set_bytes{"
                + target.containerMatchers() + "}[5m]))", lookback, now);
    }

    private Map<String, List<Double>> history(String owner, PrometheusEndpoint endpoint, String promql, Duration lookback, Instant now)
            throws PrometheusQueryException {
        String key = endpoint.cacheKey() + "\n" + promql + "\n" + lookback;
        CachedHistory cached = histories.get(owner, key, now);
        if (cached != null && !now.isBefore(cached.read()) && now.isBefore(cached.read().plus(HISTORY_TTL))) {
            return cached.byContainer();
        }
        long stepSeconds = HISTORY_STEP.toSeconds();
        Instant end = Instant.ofEpochSecond(now.getEpochSecond() / stepSeconds * stepSeconds);
        Instant start = end.minus(lookback).plus(HISTORY_STEP);
        int steps = (int) (lookback.toSeconds() / stepSeconds);
        Map<String, List<Double>> out = new HashMap<>();
        for (PromSeries s : api.queryRange(endpoint, promql, start, end, HISTORY_STEP)) {
            List<Double> samples = new ArrayList<>(Collections.nCopies(steps, (Double) null));
            for (int i = 0; i < s.values().length; i++) {
                int index = (int) ((s.timestampsSeconds()[i] - start.getEpochSecond()) / stepSeconds);
                if (index >= 0 && index < steps && !Double.isNaN(s.values()[i])) {
                    samples.set(index, s.values()[i]);
                }
            }
            out.put(s.label("container"), samples);
        }
        histories.put(owner, key, new CachedHistory(now, out), now);
        return out;
    }

    public void evictIdle(Instant now) {
        histories.removeIf(h -> now.isAfter(h.read().plus(HISTORY_TTL.multipliedBy(2))));
    }

    /** @see OwnedCache#settle */
    public void settle(String owner, Instant cycle) {
        histories.settle(owner, cycle);
    }

    /** @see OwnedCache#forget */
    public void forget(String owner) {
        histories.forget(owner);
    }

    /** Histories held, for tests. */
    int size() {
        return histories.size();
    }

    private static Map<String, NavigableMap<Instant, Double>> byLabel(List<PromSeries> result, String label) {
        Map<String, NavigableMap<Instant, Double>> out = new HashMap<>();
        for (PromSeries s : result) {
            NavigableMap<Instant, Double> samples = out.computeIfAbsent(s.label(label), k -> new TreeMap<>());
            for (int i = 0; i < s.values().length; i++) {
                if (!Double.isNaN(s.values()[i])) {
                    samples.put(Instant.ofEpochSecond(s.timestampsSeconds()[i]), s.values()[i]);
                }
            }
        }
        return out;
    }

    private static String day(String expr, int d) {
        return "label_replace(" + expr + ", \"" + DAY_LABEL + "\", \"" + d + "\", \"\", \"\")";
    }

    /**
     * The expression shifted back by whole days through its range selectors, which every rate-based SLI has. An
     * expression with an instant selector or its own offset modifier gets no usable baseline (the query fails and
     * the signal reports no data).
     */
    static String offset(String expr, int days) {
        return expr.replaceAll("(\\[[0-9]+[smhdwy]])", "$1 offset " + PromDuration.format(Duration.ofDays(days)));
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(Double::compare);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
