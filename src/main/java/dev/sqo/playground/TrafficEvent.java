package dev.sqo.playground;

import java.time.Duration;
import java.time.Instant;

/**
 * A period of a simulated service's life with more (or less) traffic and/or a share of failing requests.
 *
 * @param trafficFactor multiplier of the offered requests, 1 for none
 * @param errorRatio    share of served requests that fail with a 500, 0 for none
 */
public record TrafficEvent(Instant start, Duration length, double trafficFactor, double errorRatio) {

    public boolean covers(Instant t) {
        return t.isAfter(start) && !t.isAfter(start.plus(length));
    }
}
