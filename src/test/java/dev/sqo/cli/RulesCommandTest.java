package dev.sqo.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.sqo.playground.PrometheusInstallation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `sqo rules` prints only the document, in the formats GitOps users commit. */
class RulesCommandTest {

    private static synchronized String[] run(String... args) {
        PrintStream stdout = System.out;
        PrintStream stderr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = new CommandLine(new RulesCommand()).execute(args);
            return new String[]{Integer.toString(code), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8)};
        } finally {
            System.setOut(stdout);
            System.setErr(stderr);
        }
    }

    @Test
    void prometheusRuleObjectWithLabels() throws Exception {
        String[] r = run("-f", "examples/checkout.yaml", "--label", "release=prometheus");
        assertEquals("0", r[0], r[2]);
        JsonNode rule = new YAMLMapper().readTree(r[1]);
        assertEquals("monitoring.coreos.com/v1", rule.path("apiVersion").asText());
        assertEquals("PrometheusRule", rule.path("kind").asText());
        assertEquals("sqo-checkout", rule.at("/metadata/name").asText());
        assertEquals("shop", rule.at("/metadata/namespace").asText());
        assertEquals("prometheus", rule.at("/metadata/labels/release").asText());
        assertEquals("sqo-shop-checkout", rule.at("/spec/groups/0/name").asText());
    }

    @Test
    void ruleFileIsAcceptedByPromtool(@TempDir Path dir) throws Exception {
        String[] r = run("-f", "examples/search.yaml", "--format", "rulefile");
        assertEquals("0", r[0], r[2]);
        Path file = dir.resolve("search.rules.yml");
        Files.writeString(file, r[1]);
        Process p = new ProcessBuilder(PrometheusInstallation.findOrInstall().promtool().toString(), "check", "rules", file.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), out);
    }

    @Test
    void jsonOutput() throws Exception {
        String[] r = run("-f", "examples/checkout.yaml", "--format", "rulefile", "-o", "json");
        assertTrue(new ObjectMapper().readTree(r[1]).path("groups").isArray());
    }

    @Test
    void badFormatIsExitCode2() {
        assertEquals("2", run("-f", "examples/checkout.yaml", "--format", "sloth")[0]);
    }
}
