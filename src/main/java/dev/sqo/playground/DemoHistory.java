package dev.sqo.playground;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The history bundled with {@code sqo evaluate --demo}: 31 days of minute samples for the services the files in
 * examples/ describe, ending now. checkout had an outage ten days ago and burns its budget fast right now; search
 * had slow hours four days ago. Their workloads' CPU and memory come with them.
 */
public final class DemoHistory {

    public static final Duration LENGTH = Duration.ofDays(31);

    private DemoHistory() {
    }

    public static List<SyntheticService> services(Instant end) {
        SyntheticService checkout = new SyntheticService("checkout", 600, 0.3, 0.0002, 0.08, List.of(
                new SyntheticService.Incident(end.minus(Duration.ofDays(10)), Duration.ofMinutes(20), 1.0, 1.0),
                new SyntheticService.Incident(end.minus(Duration.ofMinutes(45)), Duration.ofMinutes(45), 0.025, 1.5)));
        SyntheticService search = new SyntheticService("search", 300, 0.5, 0.0002, 0.06, List.of(
                new SyntheticService.Incident(end.minus(Duration.ofDays(4)), Duration.ofHours(3), Double.NaN, 12.0)));
        return List.of(checkout, search);
    }

    /**
     * The cAdvisor series of the example workloads: checkout's three pods run at 60% of their 500m CPU request and
     * have been at 90% for the last 45 minutes; search's two pods use a small part of their 1-core, 1Gi requests.
     */
    public static List<SyntheticWorkload> workloads(Instant end) {
        double mib = 1024 * 1024;
        SyntheticWorkload checkout = new SyntheticWorkload("shop", "checkout",
                List.of("checkout-7c9d8f6b5-q2x7k", "checkout-7c9d8f6b5-r8m4p", "checkout-7c9d8f6b5-w5n9t"), 0.3, 0.1, 300 * mib,
                end.minus(Duration.ofMinutes(45)), 1.5, 1.05);
        SyntheticWorkload search = new SyntheticWorkload("shop", "search", List.of("search-5b6c7d8e9-h3j6l", "search-5b6c7d8e9-v7b2c"),
                0.08, 0.4, 180 * mib, null, 1, 1);
        return List.of(checkout, search);
    }

    public static LocalPrometheus start(Instant end) throws IOException {
        long lastMinute = end.getEpochSecond() / 60;
        return LocalPrometheus.start(file -> OpenMetricsHistory.write(file, services(end), workloads(end),
                lastMinute - LENGTH.toMinutes(), lastMinute));
    }
}
