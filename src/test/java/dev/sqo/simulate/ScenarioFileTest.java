package dev.sqo.simulate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScenarioFileTest {

    private static String example() throws IOException {
        return Files.readString(Path.of("examples/scenarios/daily-peak.yaml"));
    }

    private static String problem(Path dir, String text) throws IOException {
        Path file = dir.resolve("scenario.yaml");
        Files.writeString(file, text);
        Files.copy(Path.of("examples/checkout.yaml"), dir.resolve("checkout.yaml"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return assertThrows(IllegalArgumentException.class, () -> ScenarioFile.read(file)).getMessage();
    }

    @Test
    void theExampleReadsWithItsServiceQuality() throws IOException {
        Scenario s = ScenarioFile.read(Path.of("examples/scenarios/daily-peak.yaml"));
        assertEquals("checkout", s.serviceQuality().getMetadata().getName());
        assertEquals(300, s.rps(java.time.Duration.ofMinutes(270)), 1e-9, "halfway from 120 at 0h to 480 at 9h");
        assertEquals(0.05, s.incidentErrorRatio(java.time.Duration.ofHours(14).plusMinutes(5)));
        assertEquals(Duration.ZERO, s.scoreFrom(), "scored from the start unless it says otherwise");
        assertEquals(Scenario.DEFAULT_NOISE, s.noise());
    }

    @Test
    void scoreFromAndNoiseAreRead(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("scenario.yaml");
        Files.writeString(file, example().replace("step: 30s", "step: 30s\nscoreFrom: 2h30m\nnoise: 0.2"));
        Files.copy(Path.of("examples/checkout.yaml"), dir.resolve("checkout.yaml"));
        Files.writeString(file, Files.readString(file).replace("../checkout.yaml", "checkout.yaml"));
        Scenario s = ScenarioFile.read(file);
        assertEquals(Duration.ofMinutes(150), s.scoreFrom());
        assertEquals(0.2, s.noise());
        assertFalse(s.scored(Duration.ofMinutes(149).plusSeconds(30)));
        assertTrue(s.scored(Duration.ofMinutes(150)));
    }

    @Test
    void badScoreFromAndNoiseSayWhat(@TempDir Path dir) throws IOException {
        String base = example().replace("../checkout.yaml", "checkout.yaml");
        String wholeSteps = "scoreFrom must be a whole number of steps (30s) before the end of duration (1d)";
        assertTrue(problem(dir, base + "scoreFrom: 24h\n").contains(wholeSteps), "not the whole run");
        assertTrue(problem(dir, base + "scoreFrom: 25h\n").contains(wholeSteps));
        assertTrue(problem(dir, base + "scoreFrom: 45s\n").contains(wholeSteps + ", got 45s"));
        assertTrue(problem(dir, base + "scoreFrom: -1h\n").contains("scoreFrom: '-1h' is not a duration"));
        assertTrue(problem(dir, base + "scoreFrom: soon\n").contains("scoreFrom: 'soon' is not a duration"));
        assertTrue(problem(dir, base + "noise: 1.5\n").contains("noise is a relative standard deviation from 0 to 1"));
        assertTrue(problem(dir, base + "noise: -0.1\n").contains("noise is a relative standard deviation from 0 to 1"));
        assertTrue(problem(dir, base + "noise: lots\n").contains("noise is a relative standard deviation from 0 to 1 (0.05 for 5%), got lots"));
    }

    /** The decision bench's scenarios, read as the bench reads them; running them is the bench's job. */
    @Test
    void everyBenchScenarioReads() throws IOException {
        List<Path> files;
        try (var list = Files.list(Path.of("bench/scenarios"))) {
            files = list.filter(f -> f.toString().endsWith(".yaml") && !f.getFileName().toString().equals("service.yaml")).sorted().toList();
        }
        assertEquals(7, files.size(), files.toString());
        for (Path f : files) {
            Scenario s = ScenarioFile.read(f);
            assertEquals(List.of("sqo", "hpa-cpu-70", "oracle"), s.policies(), f.toString());
            assertEquals("web", s.serviceQuality().getMetadata().getName(), f + " uses bench/scenarios/service.yaml");
            assertTrue(s.scoreFrom().compareTo(Duration.ZERO) > 0, f + " has history before it is scored");
        }
    }

    @Test
    void badScenariosSayWhat(@TempDir Path dir) throws IOException {
        String base = example().replace("../checkout.yaml", "checkout.yaml");
        assertTrue(problem(dir, base + "\nspeed: fast\n").contains("unknown field speed"));
        assertTrue(problem(dir, base.replace("policies: [sqo, hpa-cpu-70, static, oracle]", "policies: [magic]"))
                .contains("unknown policy magic"));
        assertTrue(problem(dir, base.replace("errorRatio: 0.05", "errorRatio: 5")).contains("errorRatio is a share from 0 to 1"));
        assertTrue(problem(dir, base.replace("step: 30s", "step: 0s")).contains("step must be whole seconds that divide a minute"));
        assertTrue(problem(dir, base.replace("step: 30s", "step: 45s")).contains("step must be whole seconds that divide a minute"));
        assertTrue(problem(dir, base.replace("startupDelay: 60s", "startupdelay: 60s")).contains("unknown field workload.startupdelay"));
        assertTrue(problem(dir, base.replace("cpuRequest: 500m", "cpuRequest: abc")).contains("workload.cpuRequest: 'abc' is not a quantity"));
        assertTrue(problem(dir, base.replace("cpuRequest: 500m", "cpuRequest: \"0\"")).contains("workload.cpuRequest must be positive"));
        assertTrue(problem(dir, base.replace("policies: [sqo, hpa-cpu-70, static, oracle]", "policies: oracle")).contains("policies must be a list"));
        assertTrue(problem(dir, base.replace("seed: 7", "seed: abc")).contains("seed must be a whole number"));
        assertTrue(problem(dir, base.replace("duration: 24h", "duration: 300000000y")).contains("out of range"));
        assertTrue(problem(dir, "traffic: [\n").contains("not valid YAML"));
        assertTrue(problem(dir, base.replace("serviceQuality: checkout.yaml", "serviceQuality: nope.yaml")).contains("no such file"));
        assertTrue(problem(dir, base.replace("serviceQuality: checkout.yaml", "serviceQuality: .")).contains("no such file"));
        Files.writeString(dir.resolve("typo.yaml"), Files.readString(Path.of("examples/checkout.yaml")).replace("threshold: 300ms",
                "treshold: 300ms"));
        assertTrue(problem(dir, base.replace("serviceQuality: checkout.yaml", "serviceQuality: typo.yaml")).contains(
                "serviceQuality: spec.objectives[1].latency.treshold: unknown field"), "in the API server's words, not Java's");
    }
}
