package dev.sqo.simulate;

import java.util.List;

/**
 * Latency over several steps, as a histogram aggregated over them reads it: the steps' distributions mixed in
 * proportion to the requests they served. histogram_quantile over a 5-minute rate answers the same question.
 */
final class LatencyMixture {

    private LatencyMixture() {
    }

    /** Share of the served requests of the steps at or under the latency; NaN when none was served. */
    static double fractionUnder(List<ServiceModel.Step> steps, double seconds) {
        double served = 0;
        double under = 0;
        for (ServiceModel.Step s : steps) {
            served += s.served();
            under += s.served() * s.servedUnder(seconds);
        }
        return served == 0 ? Double.NaN : under / served;
    }

    /** The latency at a quantile (0..1) of the steps' served requests; NaN when none was served. */
    static double quantileSeconds(List<ServiceModel.Step> steps, double q) {
        double lo = Double.MAX_VALUE;
        double hi = 0;
        for (ServiceModel.Step s : steps) {
            if (s.served() > 0) {
                lo = Math.min(lo, s.quantileSeconds(q));
                hi = Math.max(hi, s.quantileSeconds(q));
            }
        }
        if (hi == 0) {
            return Double.NaN;
        }
        // The mixture's quantile lies between the steps' own; bisection in log space reaches a microsecond quickly.
        double a = Math.log(lo);
        double b = Math.log(hi);
        for (int i = 0; i < 60 && b - a > 1e-9; i++) {
            double mid = (a + b) / 2;
            if (fractionUnder(steps, Math.exp(mid)) < q) {
                a = mid;
            } else {
                b = mid;
            }
        }
        return Math.exp((a + b) / 2);
    }
}
