package dev.sqo.simulate;

import dev.sqo.api.Objective;
import dev.sqo.slo.PromDuration;

/**
 * An objective's good and bad events for one simulated step, with the semantics of the PromQL path: errors for a
 * ratio SLI, requests over the threshold (and errors) for a latency SLI, Apdex's satisfied + tolerating / 2, and for
 * a percentile SLI the step counts as one bad event when the percentile is over the threshold.
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
        double q = s.quantileSeconds(objective.latencyPercentile.percentile / 100);
        boolean bad = Double.isNaN(q) || q > seconds(objective.latencyPercentile.threshold) || errors > 0 && s.served() == 0;
        return new double[]{bad ? 1 : 0, 1};
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
