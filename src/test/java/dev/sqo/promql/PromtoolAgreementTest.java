package dev.sqo.promql;

import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.sqo.playground.PrometheusInstallation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A differential test against the real Prometheus: promtool parses every expression of {@link PromtoolCorpus} as a
 * recording rule, and {@link PromQL#parse} must accept exactly what it accepts and refuse the rest with its
 * message, position included.
 */
class PromtoolAgreementTest {

    /**
     * Expressions whose message alone differs from promtool's, with the message we give. Prometheus 2.42 names the
     * token @ by its internal number ({@code unexpected "<Item 57385>" <op:@>}), a slip 3.0 fixed by giving @ its
     * name; quoting a token number would tell a user nothing, so we give 3.x's message.
     */
    private static final Map<String, String> OWN_MESSAGES = Map.of(
            "@ 5", "1:1: parse error: unexpected <op:@>",
            "foo @ @", "1:7: parse error: unexpected <op:@> in @, expected timestamp");

    private static final Pattern RULE_ERROR = Pattern.compile("rule \\d+, \"r(\\d+)\": could not parse expression: (.*)");

    @Test
    void acceptsWhatPromtoolAcceptsAndRefusesTheRestWithItsMessage(@TempDir Path dir) throws Exception {
        List<String> corpus = new ArrayList<>(PromtoolCorpus.VALID);
        corpus.addAll(PromtoolCorpus.INVALID);
        Map<Integer, String> promtool = promtoolErrors(corpus, dir);

        List<String> disagreements = new ArrayList<>();
        for (int i = 0; i < corpus.size(); i++) {
            String expr = corpus.get(i);
            String theirs = promtool.get(i);
            boolean meantValid = i < PromtoolCorpus.VALID.size();
            assertEquals(meantValid, theirs == null, "the corpus lists " + quoted(expr) + " as "
                    + (meantValid ? "valid" : "invalid") + ", promtool says " + theirs);
            String ours = ourMessage(expr);
            String expected = OWN_MESSAGES.containsKey(expr) ? OWN_MESSAGES.get(expr) : theirs;
            if (!Objects.equals(expected, ours)) {
                disagreements.add(quoted(expr) + "\n    promtool: " + theirs + "\n    ours:     " + ours);
            }
        }
        assertEquals("", String.join("\n", disagreements), disagreements.size() + " disagreements");
        for (String expr : OWN_MESSAGES.keySet()) {
            assertTrue(PromtoolCorpus.INVALID.contains(expr), expr + " is in the corpus, and promtool refuses it");
        }
    }

    /** promtool's error per expression, by index; one run for the whole corpus, which reports every rule's error. */
    private static Map<Integer, String> promtoolErrors(List<String> corpus, Path dir) throws Exception {
        List<Map<String, String>> rules = new ArrayList<>();
        for (int i = 0; i < corpus.size(); i++) {
            rules.add(Map.of("record", "r" + i, "expr", corpus.get(i)));
        }
        Path file = dir.resolve("corpus.yml");
        new YAMLMapper().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER).writeValue(file.toFile(),
                Map.of("groups", List.of(Map.of("name", "corpus", "rules", rules))));

        Process promtool = new ProcessBuilder(PrometheusInstallation.findOrInstall().promtool().toString(),
                "check", "rules", file.toString()).redirectErrorStream(true).start();
        String output = new String(promtool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        promtool.waitFor();

        Map<Integer, String> errors = new HashMap<>();
        for (String line : output.split("\n")) {
            Matcher m = RULE_ERROR.matcher(line);
            if (m.find()) {
                errors.put(Integer.parseInt(m.group(1)), m.group(2));
            }
        }
        assertNotNull(output);
        assertEquals(PromtoolCorpus.INVALID.size(), errors.size(), "promtool's errors, one per invalid rule:\n" + output);
        return errors;
    }

    private static String ourMessage(String expr) {
        try {
            PromQL.parse(expr);
            return null;
        } catch (PromQLSyntaxException e) {
            return e.getMessage();
        }
    }

    private static String quoted(String expr) {
        return "\"" + expr.replace("\n", "\\n") + "\"";
    }
}
