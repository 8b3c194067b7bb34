package dev.sqo.simulate;

import dev.sqo.optimize.ServiceHistory;
import dev.sqo.reconcile.OptimizationPolicies;
import dev.sqo.slo.SliceSeries;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The simulated service's past in 5-minute buckets, as the operator reads it from Prometheus: the offered request
 * rate, the ready pods, the latency objectives' percentiles of served requests over their thresholds, and CPU.
 * Filled as buckets close, handed over without copying.
 */
final class SimulatedHistory {

    private final SimulationState state;
    private final int stepsPerBucket;
    private final double[] load;
    private final double[] ready;
    private final double[] strain;
    private final double[] cpu;
    private int closed;

    SimulatedHistory(SimulationState state) {
        this.state = state;
        this.stepsPerBucket = (int) (SliceSeries.SLICE_SECONDS / state.scenario.step().toSeconds());
        int buckets = (int) (state.scenario.duration().toSeconds() / SliceSeries.SLICE_SECONDS) + 1;
        load = nan(buckets);
        ready = nan(buckets);
        strain = nan(buckets);
        cpu = nan(buckets);
    }

    /** The history up to the last closed bucket. */
    ServiceHistory upToNow() {
        while ((closed + 1) * stepsPerBucket <= state.steps.size()) {
            close(closed++);
        }
        return new ServiceHistory(SimulationState.EPOCH, ServiceHistory.STEP, load, ready, strain, cpu);
    }

    private void close(int bucket) {
        List<ServiceModel.Step> steps = state.steps.subList(bucket * stepsPerBucket, (bucket + 1) * stepsPerBucket);
        List<ServiceModel.Step> serving = new ArrayList<>();
        double offered = 0;
        double pods = 0;
        double busy = 0;
        for (int i = 0; i < steps.size(); i++) {
            ServiceModel.Step s = steps.get(i);
            offered += s.offered();
            pods += state.readySteps.get(bucket * stepsPerBucket + i);
            if (s.served() > 0) {
                serving.add(s);
                busy += s.cpu();
            }
        }
        load[bucket] = offered / steps.size();
        ready[bucket] = pods / steps.size();
        cpu[bucket] = serving.isEmpty() ? Double.NaN : busy / serving.size() / 100;
        double worst = Double.NaN;
        for (int o = 0; o < state.objectives.size(); o++) {
            double strained = strain(state.objectives.get(o), state.slis.get(o).thresholdSeconds(), serving);
            if (!Double.isNaN(strained)) {
                worst = Double.isNaN(worst) ? strained : Math.max(worst, strained);
            }
        }
        strain[bucket] = worst;
    }

    /**
     * The strain of served requests, as the operator reads it (SliRuleExpressions.strain): for a latency objective the
     * share over the threshold per share allowed, for a percentile objective the percentile over the threshold. Errors
     * an incident causes are no sign of load; requests shed for lack of capacity show as CPU at its request.
     */
    private static double strain(dev.sqo.api.Objective objective, double threshold, List<ServiceModel.Step> serving) {
        if (Double.isNaN(threshold) || serving.isEmpty()) {
            return Double.NaN;
        }
        if (objective.latency != null) {
            return (1 - LatencyMixture.fractionUnder(serving, threshold)) / (1 - objective.target / 100);
        }
        return LatencyMixture.quantileSeconds(serving, OptimizationPolicies.latencyQuantile(objective)) / threshold;
    }

    /** The 1-minute request rate at t: the steps ending within the minute before it. */
    double loadAt(Duration t) {
        List<ServiceModel.Step> window = state.stepsEndingWithin(t.minus(Duration.ofMinutes(1)), t);
        return window.isEmpty() ? Double.NaN : window.stream().mapToDouble(ServiceModel.Step::offered).average().orElse(Double.NaN);
    }

    /** CPU over the last minute, in fractions of the request; NaN when nothing was served. */
    double cpuAt(Duration t) {
        return state.stepsEndingWithin(t.minus(Duration.ofMinutes(1)), t).stream().filter(s -> s.served() > 0)
                .mapToDouble(s -> s.cpu() / 100).average().orElse(Double.NaN);
    }

    private static double[] nan(int n) {
        double[] a = new double[n];
        Arrays.fill(a, Double.NaN);
        return a;
    }
}
