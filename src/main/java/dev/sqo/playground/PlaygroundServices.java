package dev.sqo.playground;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The services the playground simulates: the two example workloads, shop/checkout and shop/search. checkout had
 * a 20-minute outage ten days ago and gets a surge of three times its traffic two minutes after the start, more
 * than its three pods serve; search is over-provisioned for its traffic.
 */
public final class PlaygroundServices {

    private static final double MIB = 1024 * 1024;

    private PlaygroundServices() {
    }

    /**
     * @param start when the playground goes live
     * @param surge whether checkout's scripted surge happens
     */
    public static List<ServiceProfile> profiles(Instant start, boolean surge) {
        List<TrafficEvent> checkoutEvents = surge
                ? List.of(outage(start), new TrafficEvent(start.plus(Duration.ofMinutes(2)), Duration.ofHours(1), 3, 0))
                : List.of(outage(start));
        return List.of(
                new ServiceProfile("shop", "checkout", 150, 0.3, 200, 0.08, 0.0002, 300 * MIB, 0.5 * MIB,
                        Duration.ofSeconds(60), checkoutEvents),
                new ServiceProfile("shop", "search", 40, 0.5, 50, 0.06, 0.0001, 180 * MIB, 0.2 * MIB,
                        Duration.ofSeconds(30), List.of()));
    }

    private static TrafficEvent outage(Instant start) {
        return new TrafficEvent(start.minus(Duration.ofDays(10)), Duration.ofMinutes(20), 1, 1.0);
    }
}
