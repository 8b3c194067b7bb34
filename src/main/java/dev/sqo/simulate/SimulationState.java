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
 * objective's 5-minute slices as Prometheus would have them, evaluated by the operator's SLO code at every slice
 * boundary (the numbers the operator would show, and act on, until the next one). Slices before the scenario's
 * scoreFrom feed the evaluations like any others but are left out of the scored totals.
 */
final class SimulationState {

    /** Simulated time 0, a Monday at midnight, on a slice boundary. */
    static final Instant EPOCH = Instant.parse("2026-01-05T00:00:00Z");

    final Scenario scenario;
    final List<Objective> objectives;
    final List<SimulatedSli> slis = new ArrayList<>();
    final Duration window;
    final ExclusionSchedule exclusions;
    /** Per replica, the simulated time it becomes ready. */
    final List<Duration> replicas = new ArrayList<>();
    final List<ServiceModel.Step> steps = new ArrayList<>();
    final List<Duration> stepTimes = new ArrayList<>();
    /** Per step, the replicas that served it. */
    final List<Integer> readySteps = new ArrayList<>();
    private final long firstSlice;
    private final boolean[] excluded;
    private final double[][] bad;
    private final double[][] total;
    /** The first slice that starts at or after scoreFrom: it and those after count whole. */
    private final int firstScoredSlice;
    /** The slice scoreFrom falls inside when it is not on a slice boundary, or -1: only its scored steps count. */
    private final int partlyScoredSlice;
    private final double[] partlyScoredBad;
    private final double[] partlyScoredTotal;
    private final ObjectiveEvaluation[] evaluations;
    private final List<ServiceModel.Step> sliceSteps = new ArrayList<>();
    Duration now = Duration.ZERO;

    SimulationState(Scenario scenario) {
        this.scenario = scenario;
        this.objectives = scenario.serviceQuality().getSpec().objectives;
        this.window = PromDuration.parse(scenario.serviceQuality().getSpec().window);
        this.exclusions = scenario.serviceQuality().getSpec().exclusionSchedule();
        objectives.forEach(o -> slis.add(new SimulatedSli(o)));
        int history = ObjectiveEvaluator.slicesNeeded(window);
        int simulated = (int) (scenario.duration().toSeconds() / SliceSeries.SLICE_SECONDS) + 2;
        firstSlice = SliceSeries.indexAt(EPOCH) - history;
        excluded = exclusions.excludedSlices(firstSlice, history + simulated);
        long scoreFrom = scenario.scoreFrom().toSeconds();
        firstScoredSlice = history + (int) ((scoreFrom + SliceSeries.SLICE_SECONDS - 1) / SliceSeries.SLICE_SECONDS);
        partlyScoredSlice = scoreFrom % SliceSeries.SLICE_SECONDS == 0 ? -1 : firstScoredSlice - 1;
        partlyScoredBad = new double[objectives.size()];
        partlyScoredTotal = new double[objectives.size()];
        bad = new double[objectives.size()][history + simulated];
        total = new double[objectives.size()][history + simulated];
        for (int o = 0; o < objectives.size(); o++) {
            // Before the simulation there is no data, which is not the same as no errors.
            Arrays.fill(bad[o], 0, history, Double.NaN);
            Arrays.fill(total[o], 0, history, Double.NaN);
        }
        evaluations = new ObjectiveEvaluation[objectives.size()];
        for (int o = 0; o < objectives.size(); o++) {
            evaluations[o] = evaluate(o, EPOCH);
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

    /** The steps whose end lies in (from, to]: what a rate over that window reads. */
    List<ServiceModel.Step> stepsEndingWithin(Duration from, Duration to) {
        List<ServiceModel.Step> out = new ArrayList<>();
        for (int i = steps.size() - 1; i >= 0; i--) {
            Duration end = stepTimes.get(i).plus(scenario.step());
            if (end.compareTo(from) <= 0) {
                break;
            }
            if (end.compareTo(to) <= 0) {
                out.add(steps.get(i));
            }
        }
        return out;
    }

    /**
     * Counts the step (which starts at {@link #now}) into its slice; when the step ends on a slice boundary, closes
     * the slice and evaluates every objective as of that boundary.
     *
     * @return whether a slice was closed
     */
    boolean record(ServiceModel.Step step, double seconds) {
        steps.add(step);
        stepTimes.add(now);
        readySteps.add(ready());
        int slice = (int) (SliceSeries.indexAt(instant()) - firstSlice);
        for (int o = 0; o < slis.size(); o++) {
            double[] events = slis.get(o).events(step, seconds);
            bad[o][slice] += events[0];
            total[o][slice] += events[1];
            if (slice == partlyScoredSlice && scenario.scored(now)) {
                partlyScoredBad[o] += events[0];
                partlyScoredTotal[o] += events[1];
            }
        }
        sliceSteps.add(step);
        Instant end = instant().plusMillis(scenario.step().toMillis());
        if (end.getEpochSecond() % SliceSeries.SLICE_SECONDS != 0) {
            return false;
        }
        for (int o = 0; o < slis.size(); o++) {
            double[] events = slis.get(o).sliceEvents(sliceSteps, seconds);
            bad[o][slice] += events[0];
            total[o][slice] += events[1];
        }
        sliceSteps.clear();
        for (int o = 0; o < objectives.size(); o++) {
            evaluations[o] = evaluate(o, end);
        }
        return true;
    }

    /** The objective as the operator shows it now: as of the last slice boundary. */
    ObjectiveEvaluation evaluation(int objective) {
        return evaluations[objective];
    }

    private ObjectiveEvaluation evaluate(int objective, Instant at) {
        SliceSeries series = new SliceSeries(firstSlice, bad[objective], total[objective]);
        return ObjectiveEvaluator.evaluate(series, objectives.get(objective).target, window, exclusions, at);
    }

    /**
     * Bad events of the scored part of the run, maintenance windows left out as the operator leaves them out. A
     * percentile objective's slice that starts before scoreFrom does not count: it judges history too.
     */
    double scoredBad(int objective) {
        return scoredSum(bad[objective], partlyScoredBad[objective]);
    }

    double scoredEvents(int objective) {
        return scoredSum(total[objective], partlyScoredTotal[objective]);
    }

    private double scoredSum(double[] values, double partlyScored) {
        double sum = 0;
        for (int i = firstScoredSlice; i < values.length; i++) {
            if (!excluded[i] && !Double.isNaN(values[i])) {
                sum += values[i];
            }
        }
        return partlyScoredSlice >= 0 && !excluded[partlyScoredSlice] ? sum + partlyScored : sum;
    }
}
