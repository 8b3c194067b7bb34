package dev.sqo.simulate;

import dev.sqo.api.Objective;
import dev.sqo.slo.PromDuration;

import java.util.List;

/**
 * An objective's good and bad events, with the semantics of the PromQL path: errors for a ratio SLI, requests over
 * the threshold for a latency SLI, Apdex's satisfied + tolerating / 2, and for a percentile SLI one event per
 * 5-minute slice. Errors count as slow requests (the histogram holds them beyond every bound): a request that
 * failed was not served well, however fast the failure came.
 */
final class SimulatedSli {

    private final Objective objective;

    SimulatedSli(Objective objective) {
        this.objective = objective;
    }

    /** {bad, total} events of the step. */
    double[] events(ServiceModel.Step s, double seconds) {
        double requests = s.offered() * seconds;
        double errors = s.errors() * seconds;
        double servedOk = (s.served() * seconds) - (s.errors() - (s.offered() - s.served())) * seconds;
        if (objective.ratio != null) {
            return new double[]{errors, requests};
        }
        if (objective.latency != null) {
            double fast = servedOk * s.servedUnder(seconds(objective.latency.threshold));
            return new double[]{requests - fast, requests};
        }
        if (objective.apdex != null) {
            double t = seconds(objective.apdex.threshold);
            double satisfied = servedOk * s.servedUnder(t);
            double tolerating = servedOk * (s.servedUnder(4 * t) - s.servedUnder(t));
            return new double[]{requests - satisfied - tolerating / 2, requests};
        }
        return new double[]{0, 0}; // a percentile SLI judges whole slices: see sliceEvents
    }

    /**
     * The events a closed slice adds: for a percentile SLI one event, bad when under the threshold falls less than the
     * percentile of all the slice's requests (errors counted as slower than any bound, as the histogram's +Inf bucket
     * holds them), and none when the slice had fewer requests than the SLI's minimum.
     */
    double[] sliceEvents(List<ServiceModel.Step> slice, double seconds) {
        if (objective.latencyPercentile == null) {
            return new double[]{0, 0};
        }
        double requests = 0;
        double fast = 0;
        double threshold = seconds(objective.latencyPercentile.threshold);
        for (ServiceModel.Step s : slice) {
            double servedOk = s.served() - (s.errors() - (s.offered() - s.served()));
            requests += s.offered() * seconds;
            fast += servedOk * seconds * s.servedUnder(threshold);
        }
        if (requests < objective.latencyPercentile.minimumRequests) {
            return new double[]{0, 0};
        }
        return new double[]{fast / requests < objective.latencyPercentile.percentile / 100 ? 1 : 0, 1};
    }

    /** The latency the objective promises, in seconds, or NaN for objectives that promise none. */
    double thresholdSeconds() {
        if (objective.latency != null) {
            return seconds(objective.latency.threshold);
        }
        if (objective.latencyPercentile != null) {
            return seconds(objective.latencyPercentile.threshold);
        }
        return Double.NaN;
    }

    private static double seconds(String duration) {
        return PromDuration.parse(duration).toMillis() / 1000.0;
    }
}
