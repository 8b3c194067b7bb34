package dev.sqo.optimize;

import java.time.Duration;
import java.time.Instant;

/**
 * The workload's past, bucket by bucket at a fixed step (5 minutes): the load it was offered, the pods that served
 * it, how strained it was, and how busy its CPU was. What the objective-driven control learns capacity from and
 * forecasts with. A value without data is NaN, never zero. Buckets may reach past now (NaN there), so that a
 * growing history can be handed over without copying: readers look only at buckets before now.
 *
 * @param start     the start of the first bucket
 * @param load      requests per second offered to the workload, all answers counted (shed ones too)
 * @param readyPods pods serving, on average over the bucket
 * @param strain    how hard load pressed on the latency objectives, the worst of them: for a latency objective its
 *                  share of slow requests per share allowed (its burn rate), for a percentile objective its percentile
 *                  per threshold; 1 is at the limit. NaN when there is no latency objective or no latency data
 * @param cpu       CPU use in fractions of the request, averaged over the serving pods
 */
public record ServiceHistory(Instant start, Duration step, double[] load, double[] readyPods, double[] strain, double[] cpu) {

    public static final Duration STEP = Duration.ofMinutes(5);

    public static ServiceHistory empty(Instant now) {
        return new ServiceHistory(now, STEP, new double[0], new double[0], new double[0], new double[0]);
    }

    public int size() {
        return load.length;
    }

    /** The start of bucket i. */
    public Instant time(int i) {
        return start.plus(step.multipliedBy(i));
    }

    /** The bucket holding t, which may be outside 0..size-1. */
    public int index(Instant t) {
        return (int) Math.floorDiv(Duration.between(start, t).toSeconds(), step.toSeconds());
    }

    /** The load of the bucket holding t, NaN outside the history or without data. */
    public double loadAt(Instant t) {
        int i = index(t);
        return i >= 0 && i < size() ? load[i] : Double.NaN;
    }

    /** Load per serving pod in bucket i, NaN without data or without pods. */
    public double perPod(int i) {
        double pods = readyPods[i];
        return pods > 0 && !Double.isNaN(load[i]) ? load[i] / pods : Double.NaN;
    }

    /** How long the history reaches back before t: from its first bucket with data. */
    public Duration coverage(Instant t) {
        for (int i = 0; i < Math.min(size(), index(t)); i++) {
            if (!Double.isNaN(load[i])) {
                Duration d = Duration.between(time(i), t);
                return d.isNegative() ? Duration.ZERO : d;
            }
        }
        return Duration.ZERO;
    }
}
