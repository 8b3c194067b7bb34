package dev.sqo.testing;

import dev.sqo.playground.SyntheticService;

import java.time.Duration;
import java.time.Instant;
import java.util.function.LongPredicate;

/**
 * SLO numbers computed straight from a service model, minute by minute, without Prometheus, slices or sqo's
 * evaluation code: what the tests compare sqo's status with. Minute m is the one ending at epoch second m x 60.
 */
public final class ExpectedSlo {

    private final SyntheticService service;
    private final Instant end;
    private LongPredicate excludedMinute = m -> false;

    public ExpectedSlo(SyntheticService service, Instant end) {
        this.service = service;
        this.end = end;
    }

    /** Leaves out the minutes that end inside (from, to]. */
    public ExpectedSlo excluding(Instant from, Instant to) {
        LongPredicate before = excludedMinute;
        excludedMinute = m -> before.test(m) || (m * 60 > from.getEpochSecond() && m * 60 <= to.getEpochSecond());
        return this;
    }

    public double errorRatio(Duration window) {
        return ratio(window, service::errors, service::requests);
    }

    public double latencyBadRatio(Duration window, double thresholdSeconds) {
        return 1 - ratio(window, m -> service.requestsUnder(m, thresholdSeconds), service::requests);
    }

    /** 1 - Apdex(T). */
    public double apdexBadRatio(Duration window, double t) {
        double good = 0;
        double total = 0;
        for (long m = firstMinute(window); m <= lastMinute(); m++) {
            if (!excludedMinute.test(m)) {
                good += (service.requestsUnder(m, t) + service.requestsUnder(m, 4 * t)) / 2.0;
                total += service.requests(m);
            }
        }
        return 1 - good / total;
    }

    /** Share of 5-minute slices whose true percentile latency is over the threshold. */
    public double slowSliceRatio(Duration window, double quantile, double thresholdSeconds) {
        long slow = 0;
        long slices = 0;
        for (long m = firstMinute(window); m <= lastMinute(); m += 5) {
            if (excludedMinute.test(m)) {
                continue;
            }
            slices++;
            if (service.latencyQuantile(m + 4, quantile) > thresholdSeconds) {
                slow++;
            }
        }
        return (double) slow / slices;
    }

    private double ratio(Duration window, java.util.function.LongToDoubleFunction part,
                         java.util.function.LongToDoubleFunction total) {
        double p = 0;
        double t = 0;
        for (long m = firstMinute(window); m <= lastMinute(); m++) {
            if (!excludedMinute.test(m)) {
                p += part.applyAsDouble(m);
                t += total.applyAsDouble(m);
            }
        }
        return p / t;
    }

    private long lastMinute() {
        return end.getEpochSecond() / 60;
    }

    private long firstMinute(Duration window) {
        return lastMinute() - window.toMinutes() + 1;
    }
}
