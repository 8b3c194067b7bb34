package dev.sqo.playground;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The history bundled with {@code sqo evaluate --demo}: 31 days of minute samples for the services the files in
 * examples/ describe, ending now. checkout had an outage ten days ago and burns its budget fast right now; search
 * had slow hours four days ago.
 */
public final class DemoHistory {

    public static final Duration LENGTH = Duration.ofDays(31);

    private DemoHistory() {
    }

    public static List<SyntheticService> services(Instant end) {
        SyntheticService checkout = new SyntheticService("checkout", 600, 0.3, 0.0002, 0.08, List.of(
                new SyntheticService.Incident(end.minus(Duration.ofDays(10)), Duration.ofMinutes(20), 1.0, 1.0),
                new SyntheticService.Incident(end.minus(Duration.ofMinutes(45)), Duration.ofMinutes(45), 0.02, 1.5)));
        SyntheticService search = new SyntheticService("search", 300, 0.5, 0.0002, 0.06, List.of(
                new SyntheticService.Incident(end.minus(Duration.ofDays(4)), Duration.ofHours(3), Double.NaN, 12.0)));
        return List.of(checkout, search);
    }

    public static LocalPrometheus start(Instant end) throws IOException {
        long lastMinute = end.getEpochSecond() / 60;
        return LocalPrometheus.start(file -> OpenMetricsHistory.write(file, services(end), lastMinute - LENGTH.toMinutes(),
                lastMinute));
    }
}
