package dev.sqo.reconcile;

import dev.sqo.api.Objective;
import dev.sqo.api.ServiceQuality;
import dev.sqo.api.ServiceQualityStatus;
import dev.sqo.api.StatusCondition;
import dev.sqo.metrics.HttpPrometheusApi;
import dev.sqo.metrics.PrometheusAllowlist;
import dev.sqo.metrics.PrometheusEndpoint;
import dev.sqo.metrics.PrometheusEndpointResolver;
import dev.sqo.metrics.SliObserver;
import dev.sqo.playground.LocalPrometheus;
import dev.sqo.testing.Fixtures;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A healthy service that never failed has no 5xx series: client libraries create a counter's series on its first
 * increment. Its availability is 100%, not "no traffic"; and where sqo cannot tell, the message names the
 * expression that came back empty.
 */
class AbsentErrorSeriesTest {

    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.HOURS);
    private static LocalPrometheus prometheus;

    /** Two days of 100 requests a minute, every one answered 200: no code="500" series at all. */
    @BeforeAll
    static void start() throws IOException {
        prometheus = LocalPrometheus.start(file -> {
            try (BufferedWriter out = Files.newBufferedWriter(file)) {
                out.write("# TYPE http_requests counter\n");
                long first = NOW.minus(Duration.ofDays(2)).getEpochSecond() / 60;
                for (long m = first; m <= NOW.getEpochSecond() / 60; m++) {
                    out.write("http_requests_total{job=\"calm\",code=\"200\"} " + (m - first) * 100 + " " + m * 60 + "\n");
                }
                out.write("# EOF\n");
            }
        });
    }

    @AfterAll
    static void stop() {
        prometheus.close();
    }

    private static ServiceQualityStatus evaluate(String errors, String total) {
        ServiceQuality sq = Fixtures.serviceQuality("scenario.yaml");
        Objective availability = sq.getSpec().objectives.get(0);
        sq.getSpec().objectives = List.of(availability);
        sq.getSpec().exclusions = List.of();
        availability.ratio.errors = errors;
        availability.ratio.total = total;
        ServiceQualityEvaluator evaluator = new ServiceQualityEvaluator(new SliObserver(new HttpPrometheusApi()),
                new PrometheusEndpointResolver(PrometheusEndpoint.anonymous(prometheus.url(), Duration.ofSeconds(30)),
                        new PrometheusAllowlist(List.of())));
        return StatusAggregator.build(evaluator.evaluate(sq, NOW, (ns, n, k) -> Optional.empty()), null);
    }

    private static StatusCondition condition(ServiceQualityStatus status, String type) {
        return status.conditions.stream().filter(c -> c.type.equals(type)).findFirst().orElseThrow();
    }

    @Test
    void errorsOfTheMetricTotalCountsAreNoneUntilTheirSeriesAppears() {
        ServiceQualityStatus status = evaluate("sum(rate(http_requests_total{job=\"calm\",code=~\"5..\"}[{{window}}]))",
                "sum(rate(http_requests_total{job=\"calm\"}[{{window}}]))");
        assertEquals(100.0, status.objectives.get(0).attainment);
        assertEquals("True", condition(status, "MetricsAvailable").status);
        assertEquals("True", condition(status, "ObjectivesMet").status);
    }

    @Test
    void errorsOfAnotherMetricStayNoDataAndTheMessageNamesThem() {
        String errors = "sum(rate(http_failures_total{job=\"calm\"}[{{window}}]))";
        ServiceQualityStatus status = evaluate(errors, "sum(rate(http_requests_total{job=\"calm\"}[{{window}}]))");
        StatusCondition metrics = condition(status, "MetricsAvailable");
        assertEquals("False", metrics.status);
        assertEquals("NoData", metrics.reason);
        assertTrue(metrics.message.contains("total counts events, but errors returns no series (" + errors + ")"), metrics.message);
        assertTrue(status.objectives.get(0).message.contains("append: or on() 0 * sum(rate(http_requests_total{job=\"calm\"}[{{window}}]))"),
                status.objectives.get(0).message);
    }

    @Test
    void noTrafficIsToldApart() {
        ServiceQualityStatus status = evaluate("sum(rate(http_requests_total{job=\"gone\",code=~\"5..\"}[{{window}}]))",
                "sum(rate(http_requests_total{job=\"gone\"}[{{window}}]))");
        assertTrue(condition(status, "MetricsAvailable").message.contains("no traffic: total returns no series"),
                condition(status, "MetricsAvailable").message);
    }
}
