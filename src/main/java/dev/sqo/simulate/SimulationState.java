package dev.sqo.simulate;

import dev.sqo.api.Objective;
import dev.sqo.slo.ExclusionSchedule;
import dev.sqo.slo.ObjectiveEvaluation;
import dev.sqo.slo.ObjectiveEvaluator;
import dev.sqo.slo.PromDuration;
import dev.sqo.slo.SliceSeries;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Where a simulation stands: the time, the replicas (each with the time it becomes ready), the steps so far, and each
 * objective's 5-minute slices as Prometheus would have them, for the SLO math of the real evaluator.
 */
final class SimulationState {

    /** Simulated time 0, a Monday at midnight, on a slice boundary. */
    static final Instant EPOCH = Instant.parse("2026-01-05T00:00:00Z");

    final Scenario scenario;
    final List<Objective> objectives;
    final List<SimulatedSli> slis = new ArrayList<>();
    final Duration window;
    /** Per replica, the simulated time it becomes ready. */
    final List<Duration> replicas = new ArrayList<>();
    final List<ServiceModel.Step> steps = new ArrayList<>();
    final List<Duration> stepTimes = new ArrayList<>();
    private final long firstSlice;
    private final double[][] bad;
    private final double[][] total;
    Duration now = Duration.ZERO;

    SimulationState(Scenario scenario) {
        this.scenario = scenario;
        this.objectives = scenario.serviceQuality().getSpec().objectives;
        this.window = PromDuration.parse(scenario.serviceQuality().getSpec().window);
        objectives.forEach(o -> slis.add(new SimulatedSli(o)));
        int history = ObjectiveEvaluator.slicesNeeded(window);
        int simulated = (int) (scenario.duration().toSeconds() / SliceSeries.SLICE_SECONDS) + 2;
        firstSlice = SliceSeries.indexAt(EPOCH) - history;
        bad = new double[objectives.size()][history + simulated];
        total = new double[objectives.size()][history + simulated];
        for (int o = 0; o < objectives.size(); o++) {
            // Before the simulation there is no data, which is not the same as no errors.
            Arrays.fill(bad[o], 0, history, Double.NaN);
            Arrays.fill(total[o], 0, history, Double.NaN);
        }
        for (int i = 0; i < scenario.workload().replicas(); i++) {
            replicas.add(Duration.ZERO);
        }
    }

    Instant instant() {
        return EPOCH.plus(now);
    }

    int ready() {
        return (int) replicas.stream().filter(r -> r.compareTo(now) <= 0).count();
    }

    ServiceModel.Step lastStep() {
        return steps.isEmpty() ? null : steps.get(steps.size() - 1);
    }

    void record(ServiceModel.Step step, double seconds) {
        steps.add(step);
        stepTimes.add(now);
        int slice = (int) (SliceSeries.indexAt(instant()) - firstSlice);
        for (int o = 0; o < slis.size(); o++) {
            double[] events = slis.get(o).events(step, seconds);
            bad[o][slice] += events[0];
            total[o][slice] += events[1];
        }
    }

    /** The objective as the operator would evaluate it at that time. */
    ObjectiveEvaluation evaluate(int objective, Instant at) {
        SliceSeries series = new SliceSeries(firstSlice, bad[objective], total[objective]);
        return ObjectiveEvaluator.evaluate(series, objectives.get(objective).target, window, new ExclusionSchedule(List.of()), at);
    }

    double totalBad(int objective) {
        return Arrays.stream(bad[objective]).filter(v -> !Double.isNaN(v)).sum();
    }

    double totalEvents(int objective) {
        return Arrays.stream(total[objective]).filter(v -> !Double.isNaN(v)).sum();
    }
}
