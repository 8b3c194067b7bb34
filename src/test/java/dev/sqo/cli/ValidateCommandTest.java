package dev.sqo.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * `sqo validate`, as a CI job runs it: what the cluster's admission would refuse is refused here too, each problem
 * at its file, line and field, in the words of the API server or of Prometheus.
 */
class ValidateCommandTest {

    private static CliRun validate(String... args) {
        return CliRun.of(new ValidateCommand(), args);
    }

    private static Path checkoutWith(Path dir, String name, String from, String to) throws IOException {
        Path file = dir.resolve(name);
        String checkout = Files.readString(Path.of("examples/checkout.yaml"));
        assertTrue(checkout.contains(from), from);
        Files.writeString(file, checkout.replace(from, to));
        return file;
    }

    @Test
    void theExamplesAreValid() {
        CliRun run = validate("-f", "examples");
        assertEquals(0, run.code(), run.err());
        assertEquals("2 ServiceQualities and 1 NodeTuningProfile are valid", run.out().strip());
    }

    @Test
    void aDurationThePatternRefusesIsRefusedAsTheClusterWould(@TempDir Path dir) throws IOException {
        Path file = checkoutWith(dir, "duration.yaml", "duration: 30m", "duration: 1h30m");
        CliRun run = validate("-f", file.toString());
        assertEquals(1, run.code());
        assertEquals("sqo validate: " + file + ":29: ServiceQuality shop/checkout: spec.exclusions[0].duration: Invalid value: "
                + "\"1h30m\": should match '^[0-9]{1,4}(m|h|d)$'", run.err().strip());
    }

    @Test
    void promqlIsParsedWhereItEntersWithPrometheusReason(@TempDir Path dir) throws IOException {
        Path unbalanced = checkoutWith(dir, "paren.yaml", "total: sum(rate(http_requests_total{job=\"checkout\"}[{{window}}]))",
                "total: sum(rate(http_requests_total{job=\"checkout\"}[{{window}}])");
        CliRun run = validate("-f", unbalanced.toString());
        assertEquals(1, run.code());
        assertEquals("sqo validate: " + unbalanced + ":17: ServiceQuality shop/checkout: spec.objectives[0].ratio.total: Invalid value: "
                + "\"sum(rate(http_requests_total{job=\\\"checkout\\\"}[{{window}}])\": 1:58: parse error: unclosed left parenthesis",
                run.err().strip());

        Path range = checkoutWith(dir, "range.yaml", "total: sum(rate(http_requests_total{job=\"checkout\"}[{{window}}]))",
                "total: http_requests_total{job=\"checkout\"}[{{window}}]");
        CliRun rangeRun = validate("-f", range.toString());
        assertEquals(1, rangeRun.code());
        assertTrue(rangeRun.err().contains("spec.objectives[0].ratio.total: Invalid value: \"http_requests_total{job=\\\"checkout\\\"}"
                + "[{{window}}]\": must be an instant vector, got range vector: take its rate() or increase() over {{window}}"),
                rangeRun.err());
    }

    @Test
    void aRepeatedKeyIsRefusedNotResolvedToTheLastOne(@TempDir Path dir) throws IOException {
        Path file = checkoutWith(dir, "twice.yaml", "      target: 99.9\n", "      target: 99.9\n      target: 95\n");
        CliRun run = validate("-f", file.toString());
        assertEquals(1, run.code());
        assertEquals("sqo validate: " + file + ":15: key 'target' repeats in spec.objectives[0] (first on line 14); a reader would keep "
                + "only the last one", run.err().strip());
    }

    @Test
    void aResourceWithoutANameIsRefused(@TempDir Path dir) throws IOException {
        Path file = checkoutWith(dir, "nameless.yaml", "  name: checkout\n  namespace: shop\nspec:", "  namespace: shop\nspec:");
        CliRun run = validate("-f", file.toString());
        assertEquals(1, run.code());
        assertTrue(run.err().contains(file + ":4: ServiceQuality shop/<no name>: metadata.name: Required value"), run.err());
    }

    @Test
    void filesDirectoriesAndStdinTogether(@TempDir Path dir) throws IOException {
        Path nested = Files.createDirectories(dir.resolve("team/nested"));
        Files.copy(Path.of("examples/search.yaml"), nested.resolve("search.yaml"));
        Files.writeString(dir.resolve("notes.txt"), "not a manifest");
        InputStream stdin = System.in;
        try {
            System.setIn(new ByteArrayInputStream(Files.readAllBytes(Path.of("examples/checkout.yaml"))));
            CliRun run = validate("-f", "-", "-f", dir.toString(), "-R", "-f", "examples/node-tuning.yaml");
            assertEquals(0, run.code(), run.err());
            assertEquals("2 ServiceQualities and 1 NodeTuningProfile are valid", run.out().strip());
        } finally {
            System.setIn(stdin);
        }
        CliRun flat = validate("-f", dir.toString());
        assertEquals(1, flat.code(), "without -R the subdirectory is not read, and nothing is left to validate");
        assertTrue(flat.err().contains("no ServiceQuality or NodeTuningProfile in " + dir), flat.err());
    }

    @Test
    void problemsOfEveryFileAreReportedTogether(@TempDir Path dir) throws IOException {
        Path bad = checkoutWith(dir, "bad.yaml", "window: 30d", "window: 91d");
        Files.writeString(dir.resolve("broken.yaml"), "spec: [\n", StandardCharsets.UTF_8);
        CliRun run = validate("-f", bad + "," + dir.resolve("broken.yaml") + "," + dir.resolve("missing.yaml"));
        assertEquals(1, run.code());
        assertTrue(run.err().contains(bad + ":11: ServiceQuality shop/checkout: spec.window:"), run.err());
        assertTrue(run.err().contains(dir.resolve("broken.yaml") + ":1: not valid YAML"), run.err());
        assertTrue(run.err().contains(dir.resolve("missing.yaml") + ": no such file or directory"), run.err());
    }

    @Test
    void aListAsKubectlWritesItIsReadItemByItem(@TempDir Path dir) throws IOException {
        Path list = dir.resolve("list.yaml");
        String checkout = Files.readString(Path.of("examples/checkout.yaml")).split("\n---\n")[0].replace("window: 30d", "window: 91d");
        Files.writeString(list, "apiVersion: v1\nkind: List\nitems:\n"
                + ("- " + checkout.lines().filter(l -> !l.startsWith("#")).reduce((a, b) -> a + "\n  " + b).orElseThrow()) + "\n");
        CliRun run = validate("-f", list.toString());
        assertEquals(1, run.code());
        assertTrue(run.err().contains(list + ":13: ServiceQuality shop/checkout: spec.window:"), run.err());
    }
}
