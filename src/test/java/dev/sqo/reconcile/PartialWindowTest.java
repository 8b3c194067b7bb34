package dev.sqo.reconcile;

import dev.sqo.actuate.WorkloadShape;
import dev.sqo.api.Objective;
import dev.sqo.api.ObjectiveStatus;
import dev.sqo.api.ServiceQuality;
import dev.sqo.metrics.HttpPrometheusApi;
import dev.sqo.metrics.PrometheusAllowlist;
import dev.sqo.metrics.PrometheusEndpointResolver;
import dev.sqo.metrics.SliObserver;
import dev.sqo.optimize.OptimizationPolicy;
import dev.sqo.optimize.ReplicaBehavior;
import dev.sqo.optimize.ResourcePolicy;
import dev.sqo.optimize.ScalingGuard;
import dev.sqo.optimize.WorkloadObservation;
import dev.sqo.slo.SliceSeries;
import dev.sqo.testing.Fixtures;
import dev.sqo.testing.GappyPrometheus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A Thanos whose store for older blocks does not answer gives a partial response: success, with a warning, and
 * without the day that held an outage. The 30-day numbers then look healthy. sqo shows how much of the window it
 * has read, shows the partial numbers as partial, and no budget-based guard acts on them until the whole window is
 * read; then the numbers are the real ones.
 */
class PartialWindowTest {

    private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");
    private static final long END = SliceSeries.indexAt(NOW);
    /** Two hours, three days ago, when half the requests failed. */
    private static final long OUTAGE = END - 3 * 288;
    private static final double FLOOR = 0.10;

    private final GappyPrometheus prometheus = GappyPrometheus.start().counts(
            slice -> slice >= OUTAGE && slice < OUTAGE + 24 ? new double[]{5000, 10_000} : new double[]{1, 10_000});
    private final ServiceQualityEvaluator evaluator = new ServiceQualityEvaluator(new SliObserver(new HttpPrometheusApi()),
            new PrometheusEndpointResolver(prometheus.endpoint(), new PrometheusAllowlist(List.of())));
    private final SignalCollector signals = new SignalCollector(new HttpPrometheusApi());
    private final ServiceQuality sq = availabilityOnly();
    /** No trigger and no right-sizing: the budget is all the guards read here. */
    private final OptimizationPolicy policy = new OptimizationPolicy(List.of(), ReplicaBehavior.defaults(2, 10), FLOOR,
            Duration.ofMinutes(5), Duration.ofMinutes(10), true, false, Set.of(), ResourcePolicy.cpuDefaults(0.01, 8),
            ResourcePolicy.memoryDefaults(32e6, 16e9), false);
    private final WorkloadShape workload = new WorkloadShape("Deployment", "scenario", 6,
            List.of(new WorkloadShape.Container("app", 0.5, null, 256e6, null)), Map.of(), null, null, 0, null, Set.of(), null, 1L);

    @AfterEach
    void stop() {
        prometheus.close();
    }

    private static ServiceQuality availabilityOnly() {
        ServiceQuality sq = Fixtures.serviceQuality("scenario.yaml");
        sq.getSpec().objectives = List.of(sq.getSpec().objectives.get(0));
        sq.getSpec().exclusions = List.of();
        return sq;
    }

    private record Cycle(ObjectiveStatus status, WorkloadObservation observation, String scaleInBlocker) {
    }

    private Cycle cycle(Instant at) {
        EvaluationReport report = evaluator.evaluate(sq, at, (ns, n, k) -> Optional.empty());
        WorkloadObservation obs = signals.collect(report, policy, Duration.ofHours(1), workload, true, at);
        return new Cycle(StatusAggregator.build(report, null).objectives.get(0), obs,
                ScalingGuard.triggerScaleInBlocker(!obs.failedSignals().isEmpty(), obs.alert(), obs.budgetRemaining(), FLOOR));
    }

    private void storeDown() {
        prometheus.warnings(true).counts(slice -> slice >= END - 2 * 288 ? new double[]{1, 10_000}
                : slice >= END - 4 * 288 ? null : new double[]{1, 10_000});
    }

    @Test
    void whileTheWindowIsNotFullyReadTheBudgetIsUnknownToTheGuards() {
        storeDown();
        Cycle partial = cycle(NOW);
        assertEquals(0.9, partial.status().errorBudget.remaining, 0.01, "the partial number looks healthy");
        assertNull(partial.observation().budgetRemaining(), "but it is no budget to act on");
        assertNotNull(partial.scaleInBlocker(), "no scale-in on a window not read");
        assertTrue(partial.observation().failedSignals().get("objective:availability").startsWith("30d of the 30d window not read whole"),
                partial.observation().failedSignals().toString());

        prometheus.warnings(false).counts(
                slice -> slice >= OUTAGE && slice < OUTAGE + 24 ? new double[]{5000, 10_000} : new double[]{1, 10_000});
        Instant at = NOW.plus(Duration.ofMinutes(5));
        Cycle c = cycle(at);
        for (int cycles = 1; c.status().coverage < 100; cycles++) {
            assertTrue(cycles < 5, "a week of the window is read again per cycle");
            assertNull(c.observation().budgetRemaining(), "unknown at " + c.status().coverage + "% read");
            assertNotNull(c.scaleInBlocker());
            at = at.plusSeconds(30);
            c = cycle(at);
        }
        assertEquals(-0.49, c.observation().budgetRemaining(), 0.01, "read whole, the outage overspent the budget");
        assertTrue(c.scaleInBlocker().contains("below the floor"), c.scaleInBlocker());
    }

    @Test
    void theStatusSaysHowMuchOfTheWindowWasRead() {
        storeDown();
        ObjectiveStatus partial = cycle(NOW).status();
        assertEquals(0.0, partial.coverage, "no slice of a partial answer counts as read");
        assertTrue(partial.message.startsWith("Partial: 30d of the 30d window not read whole"), partial.message);

        prometheus.warnings(false);
        ObjectiveStatus healing = cycle(NOW.plus(Duration.ofMinutes(5))).status();
        assertEquals(23.4, healing.coverage, 0.05, "the newest week (and hour) is read again");
        assertTrue(healing.message.startsWith("Partial: 22d23h of the 30d window not read whole"), healing.message);

        Instant at = NOW.plus(Duration.ofMinutes(5));
        ObjectiveStatus s = healing;
        while (s.coverage < 100) {
            at = at.plusSeconds(30);
            s = cycle(at).status();
        }
        assertNull(s.message, "read whole: nothing to say");
    }

    @Test
    void aWindowWithoutTrafficForMostOfItIsReadWhole() {
        prometheus.counts(slice -> slice >= END - 288 ? new double[]{1, 10_000} : null);
        Cycle quiet = cycle(NOW);
        assertEquals(100.0, quiet.status().coverage, "time without traffic is read: it is complete data");
        assertEquals(0.9, quiet.observation().budgetRemaining(), 0.01);
        assertNull(quiet.scaleInBlocker());
    }
}
