package dev.sqo.playground;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The OpenMetrics text of simulated services: live, as a scrape returns it, and as history, minute by minute with
 * timestamps, for {@code promtool tsdb create-blocks-from openmetrics}. Both list each family's samples together,
 * as the format requires.
 */
public final class Exposition {

    public static final String CONTENT_TYPE = "application/openmetrics-text; version=1.0.0; charset=utf-8";

    private Exposition() {
    }

    /** One scrape: every sample of every service now. */
    public static String scrape(List<SimulatedService> services) {
        Map<SimulatedService.Family, StringBuilder> byFamily = new EnumMap<>(SimulatedService.Family.class);
        for (SimulatedService.Family f : SimulatedService.Family.values()) {
            byFamily.put(f, new StringBuilder());
        }
        for (SimulatedService s : services) {
            s.samples((family, series, value) -> byFamily.get(family).append(series).append(' ')
                    .append(SimulatedService.value(value)).append('\n'));
        }
        StringBuilder out = new StringBuilder();
        byFamily.forEach((family, samples) -> out.append(header(family)).append(samples));
        return out.append("# EOF\n").toString();
    }

    /** Receives the pods of each service at a minute of the history. */
    @FunctionalInterface
    public interface PodsAt {
        List<PodView> pods(SimulatedService service, Instant minuteEnd);
    }

    /**
     * Writes the services' history from {@code first} (exclusive) to {@code last}, one sample per series a minute,
     * advancing their counters as it goes: afterwards they continue from where the history ends.
     */
    public static void history(Path file, List<SimulatedService> services, Instant first, Instant last, PodsAt pods)
            throws IOException {
        Path dir = Files.createTempDirectory(file.toAbsolutePath().getParent(), "families-");
        Map<SimulatedService.Family, BufferedWriter> writers = new EnumMap<>(SimulatedService.Family.class);
        try {
            for (SimulatedService.Family f : SimulatedService.Family.values()) {
                writers.put(f, Files.newBufferedWriter(dir.resolve(f.name), StandardCharsets.UTF_8));
            }
            for (Instant t = first.plusSeconds(60); !t.isAfter(last); t = t.plusSeconds(60)) {
                String timestamp = " " + t.getEpochSecond() + "\n";
                for (SimulatedService s : services) {
                    s.advance(t, 60, pods.pods(s, t), 1, Double.NaN);
                    s.samples((family, series, value) -> append(writers.get(family), series, value, timestamp));
                }
            }
            for (Writer w : writers.values()) {
                w.close();
            }
            try (OutputStream out = Files.newOutputStream(file)) {
                for (SimulatedService.Family f : SimulatedService.Family.values()) {
                    out.write(header(f).getBytes(StandardCharsets.UTF_8));
                    Files.copy(dir.resolve(f.name), out);
                }
                out.write("# EOF\n".getBytes(StandardCharsets.UTF_8));
            }
        } finally {
            for (Writer w : writers.values()) {
                w.close();
            }
            for (SimulatedService.Family f : SimulatedService.Family.values()) {
                Files.deleteIfExists(dir.resolve(f.name));
            }
            Files.deleteIfExists(dir);
        }
    }

    private static void append(BufferedWriter w, String series, double value, String timestamp) {
        try {
            w.write(series);
            w.write(' ');
            w.write(SimulatedService.value(value));
            w.write(timestamp);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String header(SimulatedService.Family f) {
        return "# HELP " + f.name + " " + f.help + "\n# TYPE " + f.name + " " + f.type + "\n";
    }
}
