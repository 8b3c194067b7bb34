package dev.sqo.metrics;

import dev.sqo.optimize.ServiceHistory;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Reads what the objective control needs from Prometheus: the recent 1-minute request rate, and the history in
 * 5-minute buckets (load, running pods, latency strain, CPU) that capacity is learned from and forecasts are made
 * with. The history changes once per bucket, so it is read at most once per bucket and query set.
 */
public final class DemandObserver {

    /** The recent load's resolution: one decision period. */
    public static final Duration RECENT_STEP = Duration.ofSeconds(30);
    /** A week to learn from, and the week before today's hours plus a margin for the weekly forecast. */
    public static final Duration HISTORY = Duration.ofDays(8);

    static final int MAX_HISTORIES = 4096;

    private final PrometheusApi api;
    private final OwnedCache<String, Cached> histories = new OwnedCache<>(MAX_HISTORIES);

    private record Cached(Instant end, ServiceHistory history) {
    }

    /**
     * The queries of a workload's history, each a 5-minute rate or quantile at every bucket end.
     *
     * @param load    requests per second
     * @param strains per latency objective: its percentile over its threshold
     */
    public record HistoryQueries(String load, List<String> strains) {
    }

    public DemandObserver(PrometheusApi api) {
        this.api = api;
    }

    /** The request rate at every {@link #RECENT_STEP} of the window; gaps are absent. */
    public NavigableMap<Instant, Double> recentLoad(PrometheusEndpoint endpoint, String rate, Duration window, Instant now)
            throws PrometheusQueryException {
        Instant end = Instant.ofEpochSecond(now.getEpochSecond() / RECENT_STEP.toSeconds() * RECENT_STEP.toSeconds());
        NavigableMap<Instant, Double> out = new TreeMap<>();
        for (PromSeries s : api.queryRange(endpoint, rate, end.minus(window), end, RECENT_STEP)) {
            for (int i = 0; i < s.values().length; i++) {
                if (Double.isFinite(s.values()[i])) {
                    out.put(Instant.ofEpochSecond(s.timestampsSeconds()[i]), s.values()[i]);
                }
            }
        }
        return out;
    }

    /**
     * The last {@link #HISTORY} in 5-minute buckets.
     *
     * @param owner         the resource that asks, see {@link OwnedCache}
     * @param podCpuRequest cores one pod requests, for CPU in fractions of the request; null when undefined
     */
    public ServiceHistory history(String owner, PrometheusEndpoint endpoint, WorkloadTarget target, HistoryQueries q, Double podCpuRequest,
                                  Instant now) throws PrometheusQueryException {
        long step = ServiceHistory.STEP.toSeconds();
        // A bucket that ended less than a minute ago may miss its last scrapes: it waits for the next read.
        Instant end = Instant.ofEpochSecond(now.minus(Duration.ofMinutes(1)).getEpochSecond() / step * step);
        String key = endpoint.cacheKey() + "\n" + target + "\n" + q;
        Cached cached = histories.get(owner, key, now);
        if (cached != null && cached.end().equals(end)) {
            return cached.history();
        }
        Instant first = end.minus(HISTORY).plus(ServiceHistory.STEP);
        int buckets = (int) (HISTORY.toSeconds() / step);
        double[] load = read(endpoint, q.load(), first, end, buckets);
        // Running pods are those with a CPU series: what cAdvisor, which sqo reads anyway, can tell.
        String usage = "rate(container_cpu_usage_seconds_total{" + target.containerMatchers() + "}[5m])";
        double[] pods = read(endpoint, "count(sum by (pod) (" + usage + "))", first, end, buckets);
        double[] cores = read(endpoint, "sum(" + usage + ")", first, end, buckets);
        double[] strain = nan(buckets);
        for (String s : q.strains()) {
            double[] one = read(endpoint, s, first, end, buckets);
            for (int i = 0; i < buckets; i++) {
                if (!Double.isNaN(one[i])) {
                    strain[i] = Double.isNaN(strain[i]) ? one[i] : Math.max(strain[i], one[i]);
                }
            }
        }
        double[] cpu = nan(buckets);
        for (int i = 0; i < buckets; i++) {
            if (podCpuRequest != null && podCpuRequest > 0 && pods[i] > 0) {
                cpu[i] = cores[i] / (pods[i] * podCpuRequest);
            }
        }
        // A rate at t covers the five minutes before it: the sample at the first step describes the bucket before.
        ServiceHistory history = new ServiceHistory(first.minus(ServiceHistory.STEP), ServiceHistory.STEP, load, pods, strain, cpu);
        histories.put(owner, key, new Cached(end, history), now);
        return history;
    }

    /** Forgets histories no cycle asked for in the last hour. */
    public void evictIdle(Instant now) {
        histories.removeIf(c -> c.end().isBefore(now.minus(Duration.ofHours(1))));
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

    private double[] read(PrometheusEndpoint endpoint, String promql, Instant first, Instant end, int buckets)
            throws PrometheusQueryException {
        double[] out = nan(buckets);
        long step = ServiceHistory.STEP.toSeconds();
        for (PromSeries s : api.queryRange(endpoint, promql, first, end, ServiceHistory.STEP)) {
            for (int i = 0; i < s.values().length; i++) {
                int index = (int) ((s.timestampsSeconds()[i] - first.getEpochSecond()) / step);
                // Non-finite values are no data: an infinite quantile is a bucket without the requests to tell.
                if (index >= 0 && index < buckets && Double.isFinite(s.values()[i])) {
                    out[index] = s.values()[i];
                }
            }
        }
        return out;
    }

    private static double[] nan(int n) {
        double[] a = new double[n];
        Arrays.fill(a, Double.NaN);
        return a;
    }
}
