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
import static org.junit.jupiter.api.Assertions.assertFalse;
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
    @Test
    void severalFilesGiveAListAndEveryRuleIsReadable() throws Exception {
        CliRun r = run("-f", "examples/checkout.yaml,examples/search.yaml");
        assertEquals(0, r.code(), r.err());
        JsonNode list = new YAMLMapper().readTree(r.out());
        assertEquals("List", list.path("kind").asText());
        assertEquals(2, list.path("items").size());
        assertFalse(r.out().contains("sum(sum("), "a total is not summed again");
        assertTrue(r.out().contains("expr: |-\n"), "expressions are literal blocks, not quoted and escaped");
        for (String line : r.out().split("\n")) {
            assertFalse(line.stripLeading().startsWith("\\"), "no string folded mid-token: " + line);
        }
        assertTrue(r.out().lines().anyMatch(l -> l.stripLeading().startsWith("and slo:sli_error:ratio_rate5m{")),
                "one condition a line:\n" + r.out());
    }

    @Test
    void labelsGoOnEveryRuleOfARuleFile() throws Exception {
        CliRun r = run("-f", "examples/checkout.yaml", "--format", "rulefile", "--label", "team=shop", "--label", "severity=low");
        assertEquals(0, r.code(), r.err());
        JsonNode rules = new YAMLMapper().readTree(r.out()).at("/groups/0/rules");
        for (JsonNode rule : rules) {
            assertEquals("shop", rule.at("/labels/team").asText(), rule.toString());
        }
        JsonNode page = rules.findParents("alert").stream().filter(a -> a.path("alert").asText().equals("SLOFastBurn")).findFirst().orElseThrow();
        assertEquals("critical", page.at("/labels/severity").asText(), "sqo's own labels keep their values");
    }

    @Test
    void anInvalidFileIsExitCode2WithItsLine(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("nameless.yaml");
        Files.writeString(file, Files.readString(Path.of("examples/checkout.yaml")).replace("  name: checkout\n  namespace: shop\n", "  namespace: shop\n"));
        CliRun r = run("-f", file.toString());
        assertEquals(2, r.code());
        assertEquals("", r.out(), "no sqo-null rules");
        assertTrue(r.err().contains(file + ":4: ServiceQuality shop/<no name>: metadata.name: Required value"), r.err());
    }
}
