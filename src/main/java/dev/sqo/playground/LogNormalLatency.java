package dev.sqo.playground;

/**
 * Request latency as a log-normal distribution around a median: what service latencies look like (a long right tail,
 * no negative values), with closed forms for the share under a bound and for a quantile.
 */
public record LogNormalLatency(double medianSeconds, double sigma) {

    public double fractionUnder(double seconds) {
        return normalCdf((Math.log(seconds) - Math.log(medianSeconds)) / sigma);
    }

    public double quantile(double q) {
        return medianSeconds * Math.exp(sigma * inverseNormalCdf(q));
    }

    public double mean() {
        return medianSeconds * Math.exp(sigma * sigma / 2);
    }

    /** Abramowitz and Stegun 7.1.26: error below 1.5e-7, far under one request in a minute. */
    static double normalCdf(double z) {
        double x = Math.abs(z) / Math.sqrt(2);
        double t = 1 / (1 + 0.3275911 * x);
        double erf = 1 - (((((1.061405429 * t - 1.453152027) * t) + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t
                * Math.exp(-x * x);
        return z >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
    }

    /** Bisection on {@link #normalCdf}: a hundred halvings reach the double's precision. */
    static double inverseNormalCdf(double p) {
        double lo = -10;
        double hi = 10;
        for (int i = 0; i < 100; i++) {
            double mid = (lo + hi) / 2;
            if (normalCdf(mid) < p) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return (lo + hi) / 2;
    }
}
