package dev.sqo.playground;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * How one simulated service behaves: its traffic over the day, how much of it a CPU core serves, how fast it answers
 * when idle, how often it fails on its own, its memory, and how long a new pod takes to become ready.
 *
 * @param requestsPerSecond     mean offered requests per second over a day
 * @param dailySwing            relative amplitude of the daily cycle, 0..1
 * @param requestsPerCoreSecond requests one core serves per second at 100% CPU
 * @param baseLatencySeconds    median latency of an idle service
 * @param errorRatio            share of served requests that fail with a 500 outside events
 * @param memoryBytes           working set of an idle pod
 * @param memoryBytesPerRequest extra working set per request per second a pod serves
 */
public record ServiceProfile(String namespace, String workload, double requestsPerSecond, double dailySwing,
                             double requestsPerCoreSecond, double baseLatencySeconds, double errorRatio, double memoryBytes,
                             double memoryBytesPerRequest, Duration startupDelay, List<TrafficEvent> events) {

    /** Requests per second arriving at the instant, before any override. */
    public double offered(Instant t) {
        double phase = 2 * Math.PI * Math.floorMod(t.getEpochSecond(), 86_400) / 86_400.0;
        double rate = requestsPerSecond * (1 + dailySwing * Math.sin(phase));
        for (TrafficEvent e : events) {
            if (e.covers(t)) {
                rate *= e.trafficFactor();
            }
        }
        return rate;
    }

    /** Share of served requests failing at the instant: the worst of the baseline and the events covering it. */
    public double errorRatioAt(Instant t) {
        double ratio = errorRatio;
        for (TrafficEvent e : events) {
            if (e.covers(t)) {
                ratio = Math.max(ratio, e.errorRatio());
            }
        }
        return ratio;
    }
}
