package dev.sqo.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SimulateCommandTest {

    @Test
    void everyExampleScenarioPrintsTheComparison() throws IOException {
        try (var files = Files.list(Path.of("examples/scenarios"))) {
            for (Path scenario : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                CliRun run = CliRun.of(new SimulateCommand(), "--scenario", scenario.toString());
                assertEquals(0, run.code(), scenario + ": " + run.err());
                for (String policy : new String[]{"sqo", "hpa-cpu-70", "static", "oracle"}) {
                    assertTrue(run.out().lines().anyMatch(l -> l.startsWith(policy + " ")), scenario + " " + policy + ":\n" + run.out());
                }
            }
        }
    }

    @Test
    void theTextSaysWhereScoringStarts() {
        CliRun run = CliRun.of(new SimulateCommand(), "--scenario", "src/test/resources/simulate/history.yaml");
        assertEquals(0, run.code(), run.err());
        assertTrue(run.out().startsWith("Scored from 1h; what came before is history.\nPOLICY "), run.out());
    }

    @Test
    void jsonAndTheReport(@TempDir Path dir) throws IOException {
        CliRun run = CliRun.of(new SimulateCommand(), "--scenario", "examples/scenarios/flash-crowd.yaml", "-o", "json",
                "--report", dir.toString());
        assertEquals(0, run.code(), run.err());
        JsonNode results = new ObjectMapper().readTree(run.out());
        assertEquals(4, results.size());
        assertEquals("sqo", results.get(0).path("policy").asText());
        assertTrue(results.get(0).path("objectives").get(0).path("attainment").isNumber());
        assertTrue(Files.exists(dir.resolve("index.html")));
        assertTrue(run.err().contains("report written to"), run.err());
    }

    @Test
    void aBadScenarioExitsWith2(@TempDir Path dir) throws IOException {
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "duration: 1h\n");
        CliRun run = CliRun.of(new SimulateCommand(), "--scenario", bad.toString());
        assertEquals(2, run.code());
        assertTrue(run.err().contains("workload is required"), run.err());
    }
}
