package dev.sqo.optimize;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.NavigableMap;

/**
 * The last minutes of the load, read for what they say about the next ones: the load now, whether a rise over the
 * replicas' capacity is sustained or a minute's noise, and whether the load is ramping or surging, judged against
 * the workload's own noise. Pure.
 */
public final class RecentLoad {

    /** Load samples older than this are stale: the reading is missing. */
    static final Duration FRESH = Duration.ofMinutes(2);
    /** A rise of more than this within five minutes is a ramp, which goes on while new pods start. */
    static final double RAMP = 0.1;
    /** A rise of more than this within a minute is a surge: a crowd arriving. */
    static final double SURGE = 0.2;
    /** A rise counts only beyond this many times the workload's own minute-to-minute noise. */
    static final double NOISE_MULTIPLE = 4;

    private final NavigableMap<Instant, Double> load;
    /** The newest sample's time: every reading is relative to it, so a sample missing at the end shifts, not breaks, them. */
    private final Instant now;
    private final double latest;
    private final double noise;

    public RecentLoad(NavigableMap<Instant, Double> load, Instant now) {
        this.load = load;
        Map.Entry<Instant, Double> last = load.floorEntry(now);
        boolean fresh = last != null && !last.getKey().isBefore(now.minus(FRESH)) && Double.isFinite(last.getValue());
        this.now = fresh ? last.getKey() : now;
        this.latest = fresh ? last.getValue() : Double.NaN;
        this.noise = noise();
    }

    /** The newest 1-minute rate, NaN when there is none within {@link #FRESH}. */
    public double latest() {
        return latest;
    }

    /** The lower of now and a minute ago: a minute over a line is noise until the minute before says the same. */
    public double sustained() {
        return sustainedAt(now);
    }

    /** {@link #sustained()} as it read at an earlier sample's time t; NaN without a sample at t. */
    public double sustainedAt(Instant t) {
        double at = at(t);
        double before = at(t.minus(Duration.ofMinutes(1)));
        return Double.isNaN(before) ? at : Math.min(at, before);
    }

    /**
     * How fast a ramp rises, requests per second per minute over the last five minutes; 0 without one, and no faster
     * than the last minute rose: a ramp that reached its plateau is over.
     */
    public double ramp() {
        double fiveMinutes = rise(Duration.ofMinutes(5), RAMP);
        double before = at(now.minus(Duration.ofMinutes(1)));
        return Double.isNaN(before) ? 0 : Math.max(0, Math.min(fiveMinutes, latest - before));
    }

    /**
     * How fast a surge rises, requests per second per minute over the last minute; 0 without one. The sample half a
     * minute ago must have risen too: a crowd keeps arriving, a noisy sample does not.
     */
    public double surge() {
        double rise = rise(Duration.ofMinutes(1), SURGE);
        double half = at(now.minusSeconds(30));
        double before = at(now.minus(Duration.ofMinutes(1)));
        return rise > 0 && !Double.isNaN(half) && half > before * (1 + threshold(SURGE) / 2) ? rise : 0;
    }

    /** The relative minute-to-minute change of the load before the last minute, as a root mean square. */
    double noise() {
        double sum = 0;
        int n = 0;
        for (Map.Entry<Instant, Double> e : load.headMap(now.minus(Duration.ofMinutes(1)), true).entrySet()) {
            double before = at(e.getKey().minus(Duration.ofMinutes(1)));
            if (!Double.isNaN(before) && before > 0) {
                double change = (e.getValue() - before) / before;
                sum += change * change;
                n++;
            }
        }
        return n == 0 ? 0 : Math.sqrt(sum / n);
    }

    /** The rise over the span, per minute, when larger than the threshold and the noise allow; 0 otherwise. */
    private double rise(Duration span, double threshold) {
        double before = at(now.minus(span));
        if (Double.isNaN(latest) || Double.isNaN(before) || latest <= before * (1 + threshold(threshold))) {
            return 0;
        }
        return (latest - before) / (span.toSeconds() / 60.0);
    }

    /** The relative rise that counts: the threshold, or beyond the workload's noise. */
    private double threshold(double threshold) {
        return Math.max(threshold, NOISE_MULTIPLE * noise);
    }

    /** The sample at t or up to 30 s before it, NaN without one or when it is not finite. */
    private double at(Instant t) {
        Map.Entry<Instant, Double> e = load.floorEntry(t);
        return e == null || e.getKey().isBefore(t.minusSeconds(30)) || !Double.isFinite(e.getValue()) ? Double.NaN : e.getValue();
    }
}
