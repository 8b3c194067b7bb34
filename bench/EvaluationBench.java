import dev.sqo.api.ServiceQuality;
import dev.sqo.metrics.HttpPrometheusApi;
import dev.sqo.metrics.PromAnswer;
import dev.sqo.metrics.PromSeries;
import dev.sqo.metrics.PrometheusAllowlist;
import dev.sqo.metrics.PrometheusApi;
import dev.sqo.metrics.PrometheusEndpoint;
import dev.sqo.metrics.PrometheusEndpointResolver;
import dev.sqo.metrics.PrometheusQueryException;
import dev.sqo.metrics.SliObserver;
import dev.sqo.playground.DemoHistory;
import dev.sqo.playground.LocalPrometheus;
import dev.sqo.reconcile.EvaluationReport;
import dev.sqo.reconcile.ServiceQualityEvaluator;
import dev.sqo.slo.SliceSeries;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Evaluates 200 objectives (50 ServiceQualities x 4 SLI kinds, 30d windows) against a real Prometheus holding 31
 * days of minute samples, cycle after cycle, and counts queries and wall time. Each objective's query carries a
 * distinct no-op matcher, so no two objectives share slices: the worst case for the slice store.
 *
 * As a cost reference in the same run, it also asks the same SLIs the ad-hoc way: one instant query per window
 * (5m .. 3d and 30d), whose cost grows with the window.
 */
public class EvaluationBench {

    static final int RESOURCES = 50;

    static final class CountingApi implements PrometheusApi {
        final PrometheusApi delegate = new HttpPrometheusApi();
        final AtomicInteger queries = new AtomicInteger();

        @Override
        public List<PromSeries> query(PrometheusEndpoint e, String q, Instant t) throws PrometheusQueryException {
            queries.incrementAndGet();
            return delegate.query(e, q, t);
        }

        @Override
        public PromAnswer queryRangeAnswer(PrometheusEndpoint e, String q, Instant s, Instant end, Duration step)
                throws PrometheusQueryException {
            queries.incrementAndGet();
            return delegate.queryRangeAnswer(e, q, s, end, step);
        }
    }

    public static void main(String[] args) throws Exception {
        Instant end = SliceSeries.startOf(SliceSeries.indexAt(Instant.now()) - 1);
        try (LocalPrometheus prometheus = DemoHistory.start(end)) {
            PrometheusEndpoint endpoint = PrometheusEndpoint.anonymous(prometheus.url(), Duration.ofSeconds(60));
            CountingApi api = new CountingApi();
            ServiceQualityEvaluator evaluator = new ServiceQualityEvaluator(new SliObserver(api),
                    new PrometheusEndpointResolver(endpoint, new PrometheusAllowlist(List.of())));
            List<ServiceQuality> resources = resources();

            System.out.println("| cycle | evaluation time | objectives | queries | wall time (ms) | ms per objective |");
            System.out.println("|---|---|---|---|---|---|");
            Instant[] times = {end, end.plusSeconds(30), end.plusSeconds(300), end.plusSeconds(330)};
            String[] names = {"1 (cold: 30 days of slices)", "2 (same slice, 30 s later)", "3 (next slice)", "4 (30 s later)"};
            long coldMillis = 0;
            long warmMillis = 0;
            for (int c = 0; c < times.length; c++) {
                api.queries.set(0);
                long t0 = System.nanoTime();
                int objectives = 0;
                for (ServiceQuality sq : resources) {
                    EvaluationReport r = evaluator.evaluate(sq, times[c], (ns, n, k) -> Optional.empty());
                    objectives += r.objectives().size();
                    if (r.objectives().stream().anyMatch(o -> o.evaluation() == null)) {
                        throw new IllegalStateException("an objective failed: " + r.objectives());
                    }
                }
                long ms = (System.nanoTime() - t0) / 1_000_000;
                if (c == 0) {
                    coldMillis = ms;
                } else if (c == 2) {
                    warmMillis = ms;
                }
                System.out.printf(Locale.ROOT, "| %s | end%+ds | %d | %d | %d | %.2f |%n", names[c],
                        Duration.between(end, times[c]).toSeconds(), objectives, api.queries.get(), ms, (double) ms / objectives);
            }

            api.queries.set(0);
            long t0 = System.nanoTime();
            List<String> windows = List.of("5m", "30m", "1h", "2h", "6h", "1d", "3d", "30d");
            int adHocObjectives = 0;
            for (ServiceQuality sq : resources) {
                for (var o : sq.getSpec().objectives) {
                    if (o.ratio == null) {
                        continue;
                    }
                    adHocObjectives++;
                    for (String w : windows) {
                        api.query(endpoint, o.ratio.errors.replace("{{window}}", w), end);
                        api.query(endpoint, o.ratio.total.replace("{{window}}", w), end);
                    }
                }
            }
            long adHocMs = (System.nanoTime() - t0) / 1_000_000;
            System.out.printf(Locale.ROOT, "%nReference, ratio objectives only: ad-hoc instant queries per window: %d objectives, "
                    + "%d queries, %d ms (%.2f ms per objective)%n", adHocObjectives, api.queries.get(), adHocMs,
                    (double) adHocMs / adHocObjectives);
            System.out.printf(Locale.ROOT, "Ratios: steady cycle / cold cycle = %.3f; steady cycle per objective / ad-hoc per ratio objective = %.3f%n",
                    (double) warmMillis / coldMillis, ((double) warmMillis / (RESOURCES * 4)) / ((double) adHocMs / adHocObjectives));
        }
    }

    static List<ServiceQuality> resources() throws Exception {
        YAMLMapper yaml = new YAMLMapper();
        List<ServiceQuality> out = new ArrayList<>();
        for (int i = 0; i < RESOURCES; i++) {
            String job = i % 2 == 0 ? "checkout" : "search";
            String sel = "job=\\\"" + job + "\\\",bench!=\\\"" + i + "\\\"";
            String selYaml = "job=\"" + job + "\",bench!=\"" + i + "\"";
            out.add(yaml.readValue("""
                    apiVersion: sqo.dev/v1alpha1
                    kind: ServiceQuality
                    metadata: {name: bench-%1$d, namespace: bench, uid: bench-%1$d, generation: 1}
                    spec:
                      targetRef: {kind: Deployment, name: %2$s}
                      window: 30d
                      objectives:
                        - name: availability
                          target: 99.9
                          ratio:
                            errors: "sum(rate(http_requests_total{%3$s,code=~\\"5..\\"}[{{window}}]))"
                            total: "sum(rate(http_requests_total{%3$s}[{{window}}]))"
                        - name: latency
                          target: 99
                          latency: {metric: http_request_duration_seconds, selector: '%4$s', threshold: 300ms}
                        - name: p99
                          target: 99.5
                          latencyPercentile: {metric: http_request_duration_seconds, selector: '%4$s', percentile: 99, threshold: 500ms}
                        - name: apdex
                          target: 90
                          apdex: {metric: http_request_duration_seconds, selector: '%4$s', threshold: 300ms}
                    """.formatted(i, job, sel, selYaml), ServiceQuality.class));
        }
        return out;
    }
}
