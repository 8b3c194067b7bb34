package dev.sqo.reconcile;

import dev.sqo.api.BurnRates;
import dev.sqo.api.Exclusion;
import dev.sqo.api.ObjectiveStatus;
import dev.sqo.api.ServiceQuality;
import dev.sqo.api.ServiceQualityStatus;
import dev.sqo.metrics.HttpPrometheusApi;
import dev.sqo.metrics.PrometheusAllowlist;
import dev.sqo.metrics.PrometheusEndpoint;
import dev.sqo.metrics.PrometheusEndpointResolver;
import dev.sqo.metrics.SliObserver;
import dev.sqo.testing.ExpectedSlo;
import dev.sqo.testing.Fixtures;
import dev.sqo.testing.TestPrometheus;
import dev.sqo.api.StatusCondition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static dev.sqo.testing.TestPrometheus.END;
import static dev.sqo.testing.TestPrometheus.SCENARIO;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Against a real Prometheus holding 30 days of generated history, sqo's status agrees within 1% with numbers
 * computed directly from the generating model.
 */
class PrometheusEvaluationTest {

    private static final Duration D30 = Duration.ofDays(30);
    private static ServiceQualityEvaluator evaluator;

    @BeforeAll
    static void start() {
        evaluator = new ServiceQualityEvaluator(new SliObserver(new HttpPrometheusApi()), new PrometheusEndpointResolver(
                PrometheusEndpoint.anonymous(TestPrometheus.url(), Duration.ofSeconds(30)), new PrometheusAllowlist(List.of())));
    }

    private static ServiceQualityStatus evaluate(ServiceQuality sq) {
        return StatusAggregator.build(evaluator.evaluate(sq, END, (ns, n, k) -> Optional.empty()), null);
    }

    @Test
    void ratioObjective() {
        ServiceQualityStatus status = evaluate(Fixtures.serviceQuality("scenario.yaml"));
        ObjectiveStatus o = objective(status, "availability");
        ExpectedSlo expected = new ExpectedSlo(SCENARIO, END);
        double period = expected.errorRatio(D30);
        assertClose(100 * (1 - period), o.attainment, "attainment");
        assertClose(period / 0.001, o.errorBudget.consumed, "budget consumed");
        assertClose(1 - period / 0.001, o.errorBudget.remaining, "budget remaining");
        assertBurnRates(expected::errorRatio, 0.001, o.burnRates);
        assertEquals("Page", o.alert, "3% errors for the last hour burns 30x: both page windows fire");
        assertTrue(o.errorBudget.remaining < 0, "the outage and the steady errors overspend: reported, not clamped");
        assertEquals(null, o.exhaustionTime, "a spent budget has no exhaustion time ahead");
    }

    @Test
    void latencyObjective() {
        ObjectiveStatus o = objective(evaluate(Fixtures.serviceQuality("scenario.yaml")), "latency");
        ExpectedSlo expected = new ExpectedSlo(SCENARIO, END);
        assertClose(100 * (1 - expected.latencyBadRatio(D30, 0.3)), o.attainment, "attainment");
        assertBurnRates(w -> expected.latencyBadRatio(w, 0.3), 0.01, o.burnRates);
    }

    @Test
    void percentileObjectiveCountsSlowSlices() {
        ObjectiveStatus o = objective(evaluate(Fixtures.serviceQuality("scenario.yaml")), "p99");
        ExpectedSlo expected = new ExpectedSlo(SCENARIO, END);
        double slow = expected.slowSliceRatio(D30, 0.99, 0.5);
        assertEquals(24.0 / 8640, slow, 1e-12, "the two slow hours are 24 slices of 30 days");
        assertClose(100 * (1 - slow), o.attainment, "attainment");
        assertClose(slow / 0.005, o.errorBudget.consumed, "budget consumed");
        assertEquals(0.0, o.burnRates.h1, "no slow slice in the last hour");
    }

    @Test
    void apdexObjective() {
        ObjectiveStatus o = objective(evaluate(Fixtures.serviceQuality("scenario.yaml")), "apdex");
        ExpectedSlo expected = new ExpectedSlo(SCENARIO, END);
        assertClose(100 * (1 - expected.apdexBadRatio(D30, 0.3)), o.attainment, "Apdex in percent");
        assertBurnRates(w -> expected.apdexBadRatio(w, 0.3), 0.1, o.burnRates);
    }

    @Test
    void exclusionLeavesTheOutageOut() {
        ServiceQuality sq = Fixtures.serviceQuality("scenario.yaml");
        Exclusion maintenance = new Exclusion();
        maintenance.name = "planned-migration";
        maintenance.from = TestPrometheus.OUTAGE_START.toString();
        maintenance.to = TestPrometheus.OUTAGE_START.plus(TestPrometheus.OUTAGE_LENGTH).toString();
        sq.getSpec().exclusions = List.of(maintenance);

        ObjectiveStatus o = objective(evaluate(sq), "availability");
        ExpectedSlo expected = new ExpectedSlo(SCENARIO, END).excluding(TestPrometheus.OUTAGE_START,
                TestPrometheus.OUTAGE_START.plus(TestPrometheus.OUTAGE_LENGTH));
        assertClose(expected.errorRatio(D30) / 0.001, o.errorBudget.consumed, "budget consumed without the outage");
        double withOutage = new ExpectedSlo(SCENARIO, END).errorRatio(D30) / 0.001;
        assertTrue(withOutage - o.errorBudget.consumed > 0.5, "the outage alone spent more than half the budget");
    }

    @Test
    void recordedSeriesGiveTheSameNumbersAsRawCounters() {
        ServiceQuality recordedSq = Fixtures.serviceQuality(TestPrometheus.RECORDED_FIXTURE);
        ServiceQuality rawSq = Fixtures.serviceQuality(TestPrometheus.RECORDED_FIXTURE);
        rawSq.getMetadata().setName("scenario-without-recordings");
        ObjectiveStatus r = objective(evaluate(recordedSq), TestPrometheus.RECORDED_OBJECTIVE);
        ObjectiveStatus w = objective(evaluate(rawSq), TestPrometheus.RECORDED_OBJECTIVE);
        assertEquals("recorded", r.sliSource);
        assertEquals("raw", w.sliSource);
        assertClose(w.attainment, r.attainment, "attainment");
        assertClose(w.errorBudget.consumed, r.errorBudget.consumed, "budget consumed");
        assertClose(w.errorBudget.remaining, r.errorBudget.remaining, "budget remaining");
        assertClose(w.burnRates.h6, r.burnRates.h6, "burn 6h");
        assertClose(w.burnRates.d1, r.burnRates.d1, "burn 1d");
        assertClose(w.burnRates.d3, r.burnRates.d3, "burn 3d");
        // A recording is read as of its rule evaluation, up to one rule interval before the slice's end: a short
        // window whose edge meets a change of error rate can differ by that interval over the window, no more.
        for (Duration window : List.of(Duration.ofMinutes(30), Duration.ofHours(1), Duration.ofHours(2))) {
            double slack = 0.01 + (double) TestPrometheus.RULE_INTERVAL.toSeconds() / window.toSeconds();
            Double raw = window.toMinutes() == 30 ? w.burnRates.m30 : window.toHours() == 1 ? w.burnRates.h1 : w.burnRates.h2;
            Double rec = window.toMinutes() == 30 ? r.burnRates.m30 : window.toHours() == 1 ? r.burnRates.h1 : r.burnRates.h2;
            assertEquals(raw, rec, slack * raw, "burn " + window);
        }
        assertEquals(w.alert, r.alert);
    }

    @Test
    void objectivesWithoutRecordingsReadTheirSourceSeries() {
        ServiceQualityStatus status = evaluate(Fixtures.serviceQuality(TestPrometheus.RECORDED_FIXTURE));
        assertEquals("raw", objective(status, "latency").sliSource);
        assertEquals("raw", objective(status, "apdex").sliSource);
    }

    @Test
    void conditionsTellOnCallWhatIsWrong() {
        ServiceQualityStatus status = evaluate(Fixtures.serviceQuality("scenario.yaml"));
        assertEquals("True", condition(status, "Ready").status);
        assertEquals("True", condition(status, "MetricsAvailable").status);
        StatusCondition burning = condition(status, "BudgetBurning");
        assertEquals("True", burning.status);
        assertEquals("FastBurn", burning.reason);
        assertTrue(burning.message.matches("availability burns its error budget at \\d+\\.\\dx over 1h and \\d+\\.\\dx over 5m "
                + "\\(page threshold 14\\.40x\\).*"), burning.message);
        assertEquals("Page", status.alert);
        assertEquals("Deployment/scenario", status.target);
        assertEquals(1L, status.observedGeneration);
    }

    @Test
    void thresholdThatIsNotABucketIsExplained() {
        ServiceQuality sq = Fixtures.serviceQuality("scenario.yaml");
        sq.getSpec().objectives.get(1).latency.threshold = "400ms";
        ServiceQualityStatus status = evaluate(sq);
        ObjectiveStatus o = objective(status, "latency");
        assertEquals(null, o.attainment);
        assertTrue(o.message.contains("threshold 400ms (0.4s) is not a bucket bound of http_request_duration_seconds"), o.message);
        assertTrue(o.message.contains("le=0.025, 0.05, 0.1, 0.25, 0.3, 0.5, 1.0, 1.2, 2.5, 5.0, +Inf"), o.message);
        StatusCondition metrics = condition(status, "MetricsAvailable");
        assertEquals("False", metrics.status);
        assertEquals("InvalidSLI", metrics.reason);
        assertEquals("False", condition(status, "Ready").status);
    }

    @Test
    void metricThatDoesNotExistIsNoDataNotZero() {
        ServiceQuality sq = Fixtures.serviceQuality("scenario.yaml");
        sq.getSpec().objectives.get(0).ratio.errors = "sum(rate(does_not_exist_total[{{window}}]))";
        ServiceQualityStatus status = evaluate(sq);
        ObjectiveStatus o = objective(status, "availability");
        assertEquals(null, o.attainment);
        assertEquals(null, o.met);
        assertEquals(null, o.burnRates.h1);
        assertEquals("None", o.alert);
        assertEquals("NoData", condition(status, "MetricsAvailable").reason);
        assertTrue(status.objectivesMet.matches("[0-3]/4"), "an objective without data is not met: " + status.objectivesMet);
    }

    private interface BadRatio {
        double of(Duration window);
    }

    private static void assertBurnRates(BadRatio bad, double budget, BurnRates actual) {
        assertClose(bad.of(Duration.ofMinutes(5)) / budget, actual.m5, "burn 5m");
        assertClose(bad.of(Duration.ofMinutes(30)) / budget, actual.m30, "burn 30m");
        assertClose(bad.of(Duration.ofHours(1)) / budget, actual.h1, "burn 1h");
        assertClose(bad.of(Duration.ofHours(2)) / budget, actual.h2, "burn 2h");
        assertClose(bad.of(Duration.ofHours(6)) / budget, actual.h6, "burn 6h");
        assertClose(bad.of(Duration.ofDays(1)) / budget, actual.d1, "burn 1d");
        assertClose(bad.of(Duration.ofDays(3)) / budget, actual.d3, "burn 3d");
    }

    /** 1% relative, or 0.001 absolute for values near zero (the status rounds to 3-4 decimals). */
    private static void assertClose(double expected, Double actual, String what) {
        assertNotNull(actual, what + " is null");
        assertEquals(expected, actual, Math.max(0.01 * Math.abs(expected), 0.001), what);
    }

    static ObjectiveStatus objective(ServiceQualityStatus status, String name) {
        return status.objectives.stream().filter(o -> o.name.equals(name)).findFirst().orElseThrow();
    }

    static StatusCondition condition(ServiceQualityStatus status, String type) {
        return status.conditions.stream().filter(c -> c.type.equals(type)).findFirst().orElseThrow();
    }
}
