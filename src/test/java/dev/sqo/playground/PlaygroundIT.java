package dev.sqo.playground;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The playground as a user runs it: the packaged sqo, headless for a bounded time, driven with the real kubectl
 * through the kubeconfig it writes. Everything it started must be gone afterwards.
 */
class PlaygroundIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ENDPOINT = Pattern.compile("^\\s+(kubernetes API|prometheus|workload metrics)\\s+(http://\\S+)$");

    @TempDir
    Path dir;

    private Process playground;

    @AfterEach
    void stopLeftovers() {
        if (playground != null && playground.isAlive()) {
            playground.descendants().forEach(ProcessHandle::destroyForcibly);
            playground.destroyForcibly();
        }
    }

    @Test
    void kubectlSeesTheOperatorsStatusAndScalingChangesTheSimulatedCapacity() throws Exception {
        Path kubeconfig = dir.resolve("kubeconfig");
        Path output = dir.resolve("playground.out");
        playground = new ProcessBuilder("java", "-jar", System.getProperty("sqo.jar"), "playground", "--duration", "150s",
                "--history", "3d", "--kubeconfig-out", kubeconfig.toString(), "--refresh", "2s")
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();

        String metricsUrl = await("the playground to print its endpoints", Duration.ofSeconds(120), () -> endpoint(output, "workload metrics"));
        String apiUrl = endpoint(output, "kubernetes API").orElseThrow();
        String prometheusUrl = endpoint(output, "prometheus").orElseThrow();
        List<ProcessHandle> children = playground.descendants().toList();
        assertFalse(children.isEmpty(), "Prometheus runs as a child process");

        // The operator's status, computed from the real Prometheus, through kubectl.
        JsonNode status = await("ServiceQuality checkout to have a status", Duration.ofSeconds(120), () -> {
            JsonNode sq = JSON.readTree(kubectl(kubeconfig, "get", "sq", "checkout", "-o", "json"));
            return sq.path("status").path("objectives").size() == 2 ? Optional.of(sq.path("status")) : Optional.empty();
        });
        assertEquals("True", condition(status, "MetricsAvailable"), status.toPrettyString());
        assertEquals("True", condition(status, "Ready"), status.toPrettyString());
        for (JsonNode objective : status.path("objectives")) {
            assertTrue(objective.path("attainment").isTextual() || objective.path("attainment").isNumber(), objective.toPrettyString());
            assertTrue(objective.has("errorBudget"), objective.toPrettyString());
        }

        // kubectl get shows the CRD's printer columns, as on a cluster.
        String table = kubectl(kubeconfig, "get", "sq");
        assertTrue(table.lines().findFirst().orElseThrow().matches("NAME\\s+TARGET\\s+MET\\s+BUDGET\\s+BURN-1H\\s+ALERT\\s+READY\\s+AGE"), table);
        assertTrue(table.contains("Deployment/checkout"), table);
        assertTrue(kubectl(kubeconfig, "describe", "sq", "search").contains("Objectives"));

        // kubectl scale: new pods become ready after their start-up delay, and the simulator serves with them.
        assertEquals(200.0, capacity(metricsUrl, "search"));
        kubectl(kubeconfig, "scale", "deployment", "search", "--replicas=4");
        await("search's capacity to follow its replicas", Duration.ofSeconds(90),
                () -> capacity(metricsUrl, "search") == 400.0 ? Optional.of(true) : Optional.empty());
        assertTrue(kubectl(kubeconfig, "get", "deploy", "search").contains("4/4"));

        // --duration stops everything it started: the operator, Prometheus, the simulator, the API server.
        assertTrue(playground.waitFor(150, TimeUnit.SECONDS), "the playground stops after --duration");
        assertEquals(0, playground.exitValue(), Files.readString(output));
        for (ProcessHandle child : children) {
            assertTrue(child.onExit().get(10, TimeUnit.SECONDS) != null && !child.isAlive(), "child process " + child.pid() + " stopped");
        }
        for (String url : List.of(apiUrl + "/version", prometheusUrl + "/-/ready", metricsUrl)) {
            assertTrue(refused(url), url + " is closed");
        }
        assertTrue(Files.readString(output).contains("everything it started is gone"));
    }

    private static String condition(JsonNode status, String type) {
        for (JsonNode c : status.path("conditions")) {
            if (type.equals(c.path("type").asText())) {
                return c.path("status").asText();
            }
        }
        return "absent";
    }

    private static Optional<String> endpoint(Path output, String name) throws IOException {
        if (!Files.exists(output)) {
            return Optional.empty();
        }
        for (String line : Files.readAllLines(output, StandardCharsets.UTF_8)) {
            Matcher m = ENDPOINT.matcher(line);
            if (m.matches() && m.group(1).equals(name)) {
                return Optional.of(m.group(2));
            }
        }
        return Optional.empty();
    }

    private static double capacity(String metricsUrl, String workload) throws IOException {
        String prefix = "sqo_playground_capacity_requests_per_second{namespace=\"shop\",workload=\"" + workload + "\"} ";
        try (var in = URI.create(metricsUrl).toURL().openStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> l.startsWith(prefix))
                    .mapToDouble(l -> Double.parseDouble(l.substring(prefix.length()))).findFirst().orElseThrow();
        }
    }

    private static boolean refused(String url) {
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection();
            c.setConnectTimeout(2000);
            c.getResponseCode();
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    private String kubectl(Path kubeconfig, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("kubectl", "--kubeconfig", kubeconfig.toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            fail(String.join(" ", command) + " failed: " + out);
        }
        return out;
    }

    @FunctionalInterface
    interface Probe<T> {
        Optional<T> get() throws Exception;
    }

    private <T> T await(String what, Duration timeout, Probe<T> probe) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        Exception last = null;
        while (Instant.now().isBefore(deadline)) {
            if (!playground.isAlive()) {
                fail("the playground exited while waiting for " + what + ":\n" + Files.readString(dir.resolve("playground.out")));
            }
            try {
                Optional<T> value = probe.get();
                if (value.isPresent()) {
                    return value.get();
                }
            } catch (Exception e) {
                last = e;
            }
            Thread.sleep(1000);
        }
        throw new AssertionError("timed out waiting for " + what + (last == null ? "" : ": " + last), last);
    }
}
