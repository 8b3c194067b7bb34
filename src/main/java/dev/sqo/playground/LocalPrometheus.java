package dev.sqo.playground;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A real Prometheus on 127.0.0.1 and a free port, loaded with history through promtool's backfill, with its data
 * in a temporary directory that {@link #close()} removes along with the process.
 */
public final class LocalPrometheus implements AutoCloseable {

    private static final Duration STARTUP = Duration.ofSeconds(60);

    private final PrometheusInstallation installation;
    private final Path workDir;
    private final int port;
    private final URI url;
    private Process process;

    private LocalPrometheus(PrometheusInstallation installation, Path workDir, int port) {
        this.installation = installation;
        this.workDir = workDir;
        this.port = port;
        this.url = URI.create("http://127.0.0.1:" + port);
    }

    /** Backfills the OpenMetrics history written by {@code history} and starts Prometheus on it, scraping nothing. */
    public static LocalPrometheus start(HistoryWriter history) throws IOException {
        return start(history, "global:\n  scrape_interval: 1m\n");
    }

    /** Backfills the history and starts Prometheus with this configuration (scrape jobs, intervals). */
    public static LocalPrometheus start(HistoryWriter history, String configuration) throws IOException {
        PrometheusInstallation installation = PrometheusInstallation.findOrInstall();
        Path workDir = Files.createTempDirectory("sqo-prometheus-");
        try {
            Path openMetrics = workDir.resolve("history.om");
            history.write(openMetrics);
            // One block for up to 31 days: with promtool's default 2h blocks the backfill takes a minute instead of a second.
            run(List.of(installation.promtool().toString(), "tsdb", "create-blocks-from", "openmetrics",
                    "--max-block-duration=744h", openMetrics.toString(), workDir.resolve("data").toString()),
                    workDir.resolve("promtool.log"));
            Files.delete(openMetrics);
            Files.writeString(workDir.resolve("prometheus.yml"), configuration);
            LocalPrometheus prometheus = new LocalPrometheus(installation, workDir, freePort());
            prometheus.launch();
            return prometheus;
        } catch (IOException | RuntimeException e) {
            deleteTree(workDir);
            throw e;
        }
    }

    /**
     * Evaluates recording rules over past data with promtool, as an operator backfills new rules, and restarts
     * Prometheus (same port) so that it serves the new blocks.
     */
    public void backfillRules(Path ruleFile, Instant start, Instant end, Duration evalInterval) throws IOException {
        Path blocks = workDir.resolve("rule-blocks");
        run(List.of(installation.promtool().toString(), "tsdb", "create-blocks-from", "rules",
                "--url=" + url, "--start=" + start.getEpochSecond(), "--end=" + end.getEpochSecond(),
                "--eval-interval=" + evalInterval.toSeconds() + "s", "--output-dir=" + blocks, "--quiet", ruleFile.toString()),
                workDir.resolve("promtool-rules.log"));
        stop();
        try (Stream<Path> made = Files.list(blocks)) {
            for (Path block : made.toList()) {
                Files.move(block, workDir.resolve("data").resolve(block.getFileName()));
            }
        }
        launch();
    }

    private void launch() throws IOException {
        process = new ProcessBuilder(installation.prometheus().toString(),
                "--config.file=" + workDir.resolve("prometheus.yml"),
                "--storage.tsdb.path=" + workDir.resolve("data"),
                "--storage.tsdb.retention.time=100d",
                "--web.listen-address=127.0.0.1:" + port,
                "--log.level=warn")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(workDir.resolve("prometheus.log").toFile()))
                .start();
        awaitReady();
    }

    /** Writes OpenMetrics text to a file. */
    @FunctionalInterface
    public interface HistoryWriter {
        void write(Path file) throws IOException;
    }

    public URI url() {
        return url;
    }

    @Override
    public void close() {
        stop();
        deleteTree(workDir);
    }

    private void stop() {
        process.destroy();
        try {
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private void awaitReady() throws IOException {
        Instant deadline = Instant.now().plus(STARTUP);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IOException("Prometheus exited at start (code " + process.exitValue() + "): "
                        + tail(workDir.resolve("prometheus.log")));
            }
            try {
                HttpURLConnection c = (HttpURLConnection) url.resolve("/-/ready").toURL().openConnection();
                c.setConnectTimeout(1000);
                c.setReadTimeout(1000);
                if (c.getResponseCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            sleep(200);
        }
        close();
        throw new IOException("Prometheus did not become ready within " + STARTUP.toSeconds() + "s");
    }

    private static void run(List<String> command, Path log) throws IOException {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            int code = p.waitFor();
            if (code != 0) {
                throw new IOException(String.join(" ", command.subList(0, 3)) + " failed (exit " + code + "): " + tail(log));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort: a temp dir left behind is not worth failing the caller for
        }
    }
}
