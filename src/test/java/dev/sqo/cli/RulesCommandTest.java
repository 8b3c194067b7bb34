package dev.sqo.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.sqo.playground.PrometheusInstallation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `sqo rules` prints only the document, in the formats GitOps users commit. */
class RulesCommandTest {

    private static CliRun run(String... args) {
        return CliRun.of(new RulesCommand(), args);
    }

    @Test
    void prometheusRuleObjectWithLabels() throws Exception {
        CliRun r = run("-f", "examples/checkout.yaml", "--label", "release=prometheus");
        assertEquals(0, r.code(), r.err());
        JsonNode rule = new YAMLMapper().readTree(r.out());
        assertEquals("monitoring.coreos.com/v1", rule.path("apiVersion").asText());
        assertEquals("PrometheusRule", rule.path("kind").asText());
        assertEquals("sqo-checkout", rule.at("/metadata/name").asText());
        assertEquals("shop", rule.at("/metadata/namespace").asText());
        assertEquals("prometheus", rule.at("/metadata/labels/release").asText());
        assertEquals("sqo-shop-checkout", rule.at("/spec/groups/0/name").asText());
    }

    @Test
    void ruleFileIsAcceptedByPromtool(@TempDir Path dir) throws Exception {
        CliRun r = run("-f", "examples/search.yaml", "--format", "rulefile");
        assertEquals(0, r.code(), r.err());
        Path file = dir.resolve("search.rules.yml");
        Files.writeString(file, r.out());
        Process p = new ProcessBuilder(PrometheusInstallation.findOrInstall().promtool().toString(), "check", "rules", file.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), out);
    }

    @Test
    void jsonOutput() throws Exception {
        CliRun r = run("-f", "examples/checkout.yaml", "--format", "rulefile", "-o", "json");
        assertTrue(new ObjectMapper().readTree(r.out()).path("groups").isArray());
    }

    @Test
    void badFormatIsExitCode2() {
        assertEquals(2, run("-f", "examples/checkout.yaml", "--format", "sloth").code());
    }
}
