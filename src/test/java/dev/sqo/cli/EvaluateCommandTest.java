package dev.sqo.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.sqo.testing.Fixtures;
import dev.sqo.testing.GappyPrometheus;
import dev.sqo.testing.TestPrometheus;
import io.fabric8.kubernetes.api.model.Quantity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `sqo evaluate` as a user runs it: the document on stdout, messages on stderr, exit code 2 for bad input. */
class EvaluateCommandTest {

    private static CliRun evaluate(String... args) {
        return CliRun.of(new EvaluateCommand(), args);
    }

    private static String[] against(Path file, String... more) {
        return Stream.concat(Stream.of("-f", file.toString(), "--prometheus", TestPrometheus.url().toString(),
                "--time", TestPrometheus.END.toString()), Stream.of(more)).toArray(String[]::new);
    }

    @Test
    void everyExampleEvaluatesWithData() throws IOException {
        List<Path> examples = Fixtures.serviceQualityExamples();
        assertTrue(examples.size() >= 2);
        for (Path example : examples) {
            CliRun run = evaluate(against(example));
            assertEquals(0, run.code(), example + ": " + run.err());
            JsonNode status = new ObjectMapper().readTree(run.out());
            assertEquals("True", condition(status, "Ready").path("status").asText(), example + ": " + run.out());
            for (JsonNode o : status.path("objectives")) {
                assertTrue(o.path("attainment").isNumber(), example + " " + o.path("name").asText() + " has an attainment");
            }
        }
    }

    @Test
    void demoCheckoutBurnsFastRightNow() throws IOException {
        CliRun run = evaluate(against(Path.of("examples/checkout.yaml")));
        JsonNode status = new ObjectMapper().readTree(run.out());
        assertEquals("Page", status.path("alert").asText());
        assertEquals("FastBurn", condition(status, "BudgetBurning").path("reason").asText());
    }

    @Test
    void theWorkloadManifestInTheFileGivesARecommendationWithoutACluster() throws IOException {
        JsonNode checkout = new ObjectMapper().readTree(evaluate(against(Path.of("examples/checkout.yaml"))).out());
        JsonNode plan = checkout.path("recommendation");
        assertEquals(3, plan.path("currentReplicas").asInt());
        // No scaling trigger listed: the objective control reads a week of load, pods, latency and CPU from Prometheus
        // and shows what the replica count rests on. The demo's numbers move with the time of day; their relation not.
        JsonNode load = plan.path("load");
        assertEquals("Learned", load.path("capacityBasis").asText(), plan.toString());
        double capacity = load.path("capacityPerPod").asDouble();
        assertTrue(capacity > 0, plan.toString());
        int needed = Math.max(3, (int) Math.ceil(load.path("requestsPerSecond").asDouble() / capacity));
        int replicas = plan.path("replicas").asInt();
        // The load over the capacity, within 3..12; or no change, when a guard rail or the 5% tolerance says so.
        assertTrue(replicas == needed || (replicas == 3 && plan.path("reasons").toString().matches(".*(refused|within 5%).*")),
                plan.toString());
        assertEquals("Daily", load.path("forecast").path("season").asText(), "the demo's daily pattern, shown behind the plan");
        assertTrue(plan.path("reasons").toString().contains("capacity: "), plan.toString());
        assertEquals("Recommending", condition(checkout, "Optimizing").path("reason").asText());
        assertEquals("True", condition(checkout, "Investigate").path("status").asText(), "2.5% errors against a near-zero baseline");

        JsonNode search = new ObjectMapper().readTree(evaluate(against(Path.of("examples/search.yaml"))).out());
        JsonNode resources = search.path("recommendation").path("resources").get(0);
        assertEquals("search", resources.path("name").asText());
        // 0.08 cores x (1 + 0.4 daily swing), p90 of the busier pod (about 0.113), sized to sit at the default CPU
        // trigger's 70% target: far below the 1-core request.
        double cpu = Quantity.getAmountInBytes(new Quantity(resources.path("cpuRequest").asText())).doubleValue();
        assertTrue(cpu > 0.14 && cpu < 0.19, resources.toString());
        assertEquals(2.0, Quantity.getAmountInBytes(new Quantity(resources.path("cpuLimit").asText())).doubleValue() / cpu, 0.02,
                "the limit keeps its 2:1 ratio");
    }

    @Test
    void withoutTheManifestTheRecommendationSaysWhatIsMissing(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("sq-only.yaml");
        Files.writeString(file, Files.readString(Path.of("examples/checkout.yaml")).split("\n---\n")[0]);
        JsonNode status = new ObjectMapper().readTree(evaluate(against(file)).out());
        assertEquals("NoWorkloadManifest", condition(status, "Optimizing").path("reason").asText());
        assertTrue(status.path("recommendation").isMissingNode());
    }

    @Test
    void severalResourcesGiveAListNamingEachAndYamlWorks(@TempDir Path dir) throws IOException {
        Path both = dir.resolve("both.yaml");
        Files.writeString(both, Files.readString(Path.of("examples/checkout.yaml")) + "\n---\n"
                + Files.readString(Path.of("examples/search.yaml")));
        CliRun run = evaluate(against(both, "-o", "yaml"));
        assertEquals(0, run.code(), run.err());
        JsonNode list = new YAMLMapper().readTree(run.out());
        assertEquals("List", list.path("kind").asText());
        assertEquals(2, list.path("items").size());
        JsonNode search = list.path("items").get(1);
        assertEquals("ServiceQuality", search.path("kind").asText());
        assertEquals("search", search.path("metadata").path("name").asText());
        assertEquals("shop", search.path("metadata").path("namespace").asText());
        assertEquals("Deployment/search", search.path("status").path("target").asText());
    }

    @Test
    void unknownFieldIsNamedWithExitCode2(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("typo.yaml");
        Files.writeString(file, Files.readString(Path.of("examples/checkout.yaml")).replace("threshold: 300ms", "treshold: 300ms"));
        CliRun run = evaluate(against(file));
        assertEquals(2, run.code());
        assertEquals("", run.out());
        assertTrue(run.err().contains(file + ":23: ServiceQuality shop/checkout: spec.objectives[1].latency.treshold: unknown field"),
                run.err());
    }

    @Test
    void invalidSpecIsNamedWithExitCode2(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("window.yaml");
        Files.writeString(file, Files.readString(Path.of("examples/checkout.yaml")).replace("window: 30d", "window: 91d"));
        CliRun run = evaluate(against(file));
        assertEquals(2, run.code());
        assertTrue(run.err().contains(file + ":11: ServiceQuality shop/checkout: spec.window: Invalid value: \"string\": window must be "
                + "between 1h and 90d"), run.err());
    }

    @Test
    void missingFileAndBadTimeAreExitCode2() {
        assertEquals(2, evaluate(against(Path.of("examples/nope.yaml"))).code());
        CliRun badTime = evaluate("-f", "examples/checkout.yaml", "--prometheus", "http://127.0.0.1:1", "--time", "yesterday");
        assertEquals(2, badTime.code());
        assertTrue(badTime.err().contains("--time must be an RFC 3339 time"), badTime.err());
    }

    @Test
    void unreachablePrometheusIsAConditionNotACrash() throws IOException {
        CliRun run = evaluate("-f", "examples/checkout.yaml", "--prometheus", "http://127.0.0.1:1", "--timeout", "2s");
        assertEquals(0, run.code(), run.err());
        JsonNode status = new ObjectMapper().readTree(run.out());
        JsonNode metrics = condition(status, "MetricsAvailable");
        assertEquals("False", metrics.path("status").asText());
        assertEquals("QueryFailed", metrics.path("reason").asText());
        assertTrue(metrics.path("message").asText().contains("cannot reach Prometheus at http://127.0.0.1:1"), metrics.toString());
    }

    static JsonNode condition(JsonNode status, String type) {
        for (JsonNode c : status.path("conditions")) {
            if (type.equals(c.path("type").asText())) {
                return c;
            }
        }
        throw new AssertionError("no condition " + type + " in " + status);
    }

    @Test
    void brokenYamlIsExitCode2(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("broken.yaml");
        Files.writeString(file, Files.readString(Path.of("examples/checkout.yaml")) + "\n---\nkind: [unclosed\n");
        CliRun run = evaluate(against(file));
        assertEquals(2, run.code());
        assertTrue(run.err().contains("not valid YAML"), run.err());
    }

    @Test
    void badTimeoutAndUrlAreExitCode2() {
        assertEquals(2, evaluate("-f", "examples/checkout.yaml", "--prometheus", "http://127.0.0.1:1", "--timeout", "abc").code());
        assertEquals(2, evaluate("-f", "examples/checkout.yaml", "--prometheus", "localhost:9090").code());
    }

    @Test
    void aPartialAnswerShowsAsAWindowNotFullyRead() throws IOException {
        try (GappyPrometheus prometheus = GappyPrometheus.start().warnings(true)) {
            CliRun run = evaluate("-f", "examples/checkout.yaml", "--prometheus", prometheus.endpoint().url().toString(),
                    "--time", "2026-11-22T10:00:00Z");
            assertEquals(0, run.code(), run.err());
            JsonNode availability = new ObjectMapper().readTree(run.out()).path("objectives").get(0);
            assertEquals("availability", availability.path("name").asText());
            assertTrue(availability.path("coverage").asDouble() < 1, "only the maintenance windows need no reading: " + run.out());
            assertTrue(availability.path("message").asText().matches("Partial: 29d[0-9hm]+ of the 30d window not read whole: .*"), run.out());
            assertFalse(run.out().contains("10.0.0.7"), "the warning itself is not repeated");
        }
    }
}
