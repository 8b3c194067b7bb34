package dev.sqo.metrics;

import dev.sqo.api.LatencySli;
import dev.sqo.api.Objective;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What sqo caches for a ServiceQuality (slices, histogram buckets, recording coverage, histories) lives as long as
 * the resource uses it: deleting the resource or editing its query frees it, and a size bound stops what is left.
 */
class CachesFollowResourcesTest {

    private static final PrometheusEndpoint ENDPOINT = PrometheusEndpoint.anonymous(URI.create("http://p:9090"), Duration.ofSeconds(1));
    private static final Instant T0 = Instant.parse("2026-11-22T12:00:00Z");
    private static final Map<String, String> IDENTITY = Map.of("namespace", "shop", "service", "checkout");

    /** Has histogram buckets 0.1, 0.5 and +Inf, no recordings, and no samples in any range. */
    private static final class QuietPrometheus implements PrometheusApi {
        @Override
        public List<PromSeries> query(PrometheusEndpoint endpoint, String promql, Instant time) {
            if (!promql.startsWith("count by (le)")) {
                return List.of();
            }
            return List.of("0.1", "0.5", "+Inf").stream()
                    .map(le -> new PromSeries(Map.of("le", le), new long[]{time.getEpochSecond()}, new double[]{1})).toList();
        }

        @Override
        public PromAnswer queryRangeAnswer(PrometheusEndpoint endpoint, String promql, Instant start, Instant end, Duration step) {
            return new PromAnswer(List.of(), false);
        }
    }

    private static Objective latency(String metric) {
        Objective o = new Objective();
        o.name = "fast";
        o.target = 99;
        o.latency = new LatencySli();
        o.latency.metric = metric;
        o.latency.threshold = "500ms";
        return o;
    }

    @Test
    void aDeletedServiceQualityLeavesNothingCachedButWhatAnotherStillUses() throws Exception {
        SliObserver observer = new SliObserver(new QuietPrometheus());
        Objective shared = latency("http_request_duration_seconds");
        observer.observe("shop/checkout", ENDPOINT, IDENTITY, shared, Duration.ofDays(1), T0);
        int one = observer.cachedEntries();
        observer.observe("shop/checkout-canary", ENDPOINT, IDENTITY, shared, Duration.ofDays(1), T0);
        assertEquals(one, observer.cachedEntries(), "the same queries share their entries");

        observer.forget("shop/checkout");
        assertEquals(one, observer.cachedEntries(), "the canary still uses them");
        observer.forget("shop/checkout-canary");
        assertEquals(0, observer.cachedEntries());
    }

    @Test
    void aQueryEditedOutOfTheSpecIsForgottenWhenTheNextCycleSettles() throws Exception {
        SliObserver observer = new SliObserver(new QuietPrometheus());
        observer.observe("shop/checkout", ENDPOINT, IDENTITY, latency("http_request_duration_seconds"), Duration.ofDays(1), T0);
        observer.settle("shop/checkout", T0);
        int one = observer.cachedEntries();

        Instant t1 = T0.plusSeconds(30);
        observer.observe("shop/checkout", ENDPOINT, IDENTITY, latency("grpc_server_handling_seconds"), Duration.ofDays(1), t1);
        assertTrue(observer.cachedEntries() > one, "both queries are held until the cycle settles");
        observer.settle("shop/checkout", t1);
        assertEquals(one, observer.cachedEntries(), "only the query in the spec is kept");
    }

    @Test
    void historiesGoWithTheirResourceOrTheirEditedQuery() throws Exception {
        DemandObserver demand = new DemandObserver(new QuietPrometheus());
        WorkloadSignalObserver workload = new WorkloadSignalObserver(new QuietPrometheus());
        WorkloadTarget target = new WorkloadTarget("shop", "Deployment", "checkout");
        demand.history("shop/checkout", ENDPOINT, target, new DemandObserver.HistoryQueries("sum(rate(a[5m]))", List.of()), 0.5, T0);
        workload.cpuHistory("shop/checkout", ENDPOINT, target, Duration.ofDays(7), T0);
        demand.settle("shop/checkout", T0);
        workload.settle("shop/checkout", T0);

        Instant t1 = T0.plusSeconds(600);
        demand.history("shop/checkout", ENDPOINT, target, new DemandObserver.HistoryQueries("sum(rate(b[5m]))", List.of()), 0.5, t1);
        demand.settle("shop/checkout", t1);
        assertEquals(1, demand.size(), "the history of the edited query is gone");

        demand.forget("shop/checkout");
        workload.forget("shop/checkout");
        assertEquals(0, demand.size());
        assertEquals(0, workload.size());
    }

    @Test
    void pastItsBoundTheLeastRecentlyUsedEntryGoes() {
        OwnedCache<String, String> cache = new OwnedCache<>(3);
        for (int i = 0; i < 10; i++) {
            cache.put("tenant/sq-" + i, "query-" + i, "value", T0);
        }
        assertEquals(3, cache.size());
        assertEquals("value", cache.get("tenant/sq-9", "query-9", T0));
    }
}
