package dev.sqo.playground;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A deterministic model of one HTTP service, minute by minute: requests with a daily cycle, a baseline error
 * ratio, incidents, and log-normal latency. Minute {@code m} is the minute that ends at epoch second m x 60; its
 * counts are what a scrape at that second adds to the counters.
 *
 * @param job             value of the job label
 * @param requestsPerMin  mean requests per minute
 * @param dailySwing      relative amplitude of the daily cycle, 0..1
 * @param errorRatio      baseline share of 5xx responses
 * @param medianLatency   baseline median latency in seconds
 */
public record SyntheticService(String job, double requestsPerMin, double dailySwing, double errorRatio,
                               double medianLatency, List<Incident> incidents) {

    /** Bucket bounds of the latency histogram, in seconds; 0.3/1.2 allow an Apdex with T = 300ms. */
    public static final double[] BUCKETS = {0.025, 0.05, 0.1, 0.25, 0.3, 0.5, 1, 1.2, 2.5, 5};
    private static final double LATENCY_SIGMA = 0.5;

    /**
     * A period with a different error ratio and latency.
     *
     * @param errorRatio     share of 5xx responses during the incident, or NaN to keep the baseline
     * @param latencyFactor  multiplier of the median latency
     */
    public record Incident(Instant start, Duration length, double errorRatio, double latencyFactor) {
        boolean covers(long minute) {
            long end = minute * 60;
            return end > start.getEpochSecond() && end <= start.plus(length).getEpochSecond();
        }
    }

    public long requests(long minute) {
        double phase = 2 * Math.PI * Math.floorMod(minute, 1440) / 1440.0;
        return Math.round(requestsPerMin * (1 + dailySwing * Math.sin(phase)));
    }

    public long errors(long minute) {
        double ratio = errorRatio;
        for (Incident i : incidents) {
            if (i.covers(minute) && !Double.isNaN(i.errorRatio())) {
                ratio = i.errorRatio();
            }
        }
        // Dithered rather than rounded: 300 requests a minute at 0.02% errors is 0.06 errors a minute, which
        // rounding would turn into none at all.
        return (long) Math.floor(requests(minute) * ratio + dither(minute));
    }

    /** A deterministic value in [0, 1) per minute (Knuth's multiplicative hash). */
    private static double dither(long minute) {
        return ((minute * 2654435761L) & 0xFFFFFFFFL) / 4294967296.0;
    }

    public double median(long minute) {
        double median = medianLatency;
        for (Incident i : incidents) {
            if (i.covers(minute)) {
                median *= i.latencyFactor();
            }
        }
        return median;
    }

    /** Requests of the minute at or under each bound of {@link #BUCKETS}: cumulative, as in a histogram. */
    public long[] latencyBuckets(long minute) {
        long n = requests(minute);
        LogNormalLatency latency = latency(minute);
        long[] out = new long[BUCKETS.length];
        for (int b = 0; b < BUCKETS.length; b++) {
            out[b] = Math.round(n * latency.fractionUnder(BUCKETS[b]));
        }
        return out;
    }

    private LogNormalLatency latency(long minute) {
        return new LogNormalLatency(median(minute), LATENCY_SIGMA);
    }

    /** Requests of the minute at or under {@code bound}, which must be one of {@link #BUCKETS}. */
    public long requestsUnder(long minute, double bound) {
        for (int b = 0; b < BUCKETS.length; b++) {
            if (BUCKETS[b] == bound) {
                return latencyBuckets(minute)[b];
            }
        }
        throw new IllegalArgumentException(bound + " is not a bucket bound");
    }

    /** Exact quantile of the minute's latency distribution. */
    public double latencyQuantile(long minute, double q) {
        return latency(minute).quantile(q);
    }

    public double meanLatency(long minute) {
        return latency(minute).mean();
    }
}
