package dev.sqo.simulate;

import dev.sqo.api.ServiceQualityStatus;
import dev.sqo.metrics.HttpPrometheusApi;
import dev.sqo.metrics.PrometheusAllowlist;
import dev.sqo.metrics.PrometheusEndpoint;
import dev.sqo.metrics.PrometheusEndpointResolver;
import dev.sqo.metrics.SliObserver;
import dev.sqo.playground.LocalPrometheus;
import dev.sqo.reconcile.ServiceQualityEvaluator;
import dev.sqo.reconcile.StatusAggregator;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The simulator's SLIs against the operator's PromQL path: the run's counters and histogram, backfilled into a real
 * Prometheus, evaluated by the operator's evaluator, give the numbers the simulation computed itself.
 */
class PromqlAgreementTest {

    @Test
    void theSimulatedNumbersMatchThePromqlPathWithinOnePercent() throws Exception {
        Scenario scenario = ScenarioFile.read(Path.of("examples/scenarios/flash-crowd.yaml"));
        PolicyResult run = Simulation.run(scenario, "hpa-cpu-70");
        Instant simulatedEnd = SimulationState.EPOCH.plus(scenario.duration());
        // Whole weeks keep the slices aligned and the weekly maintenance window on the weekday the simulation saw it
        // (whole days would put a Sunday's window over the run's traffic on some days), and put the history inside
        // Prometheus's retention.
        long weeks = Duration.between(simulatedEnd, Instant.now().truncatedTo(ChronoUnit.DAYS)).toDays() / 7;
        Duration shift = Duration.ofDays(7 * weeks);
        try (LocalPrometheus prometheus = LocalPrometheus.start(file -> SimulationHistory.write(file, run, scenario.step(), "checkout", shift))) {
            ServiceQualityEvaluator evaluator = new ServiceQualityEvaluator(new SliObserver(new HttpPrometheusApi()),
                    new PrometheusEndpointResolver(PrometheusEndpoint.anonymous(prometheus.url(), Duration.ofSeconds(30)),
                            new PrometheusAllowlist(List.of())));
            ServiceQualityStatus status = StatusAggregator.build(evaluator.evaluate(scenario.serviceQuality(), simulatedEnd.plus(shift),
                    (ns, n, k) -> Optional.empty()), null);
            for (PolicyResult.ObjectiveResult simulated : run.objectives()) {
                var measured = status.objectives.stream().filter(o -> o.name.equals(simulated.name())).findFirst().orElseThrow();
                double simulatedBadRatio = (double) simulated.bad() / simulated.requests();
                double measuredBadRatio = 1 - measured.attainment / 100;
                assertEquals(simulatedBadRatio, measuredBadRatio, 0.01 * simulatedBadRatio,
                        simulated.name() + ": bad ratio " + simulatedBadRatio + " simulated, " + measuredBadRatio + " through PromQL");
            }
        }
    }
}
