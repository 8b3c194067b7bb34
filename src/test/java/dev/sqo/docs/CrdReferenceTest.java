package dev.sqo.docs;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * docs/crd-reference.md is rendered from crds/; this test renders it again and fails when the checked-in file
 * differs. Run with -Dsqo.docs.update=true to rewrite it.
 */
class CrdReferenceTest {

    static final Path CRDS = Path.of("crds");
    static final Path REFERENCE = Path.of("docs/crd-reference.md");

    @Test
    void checkedInReferenceIsCurrent() throws IOException {
        String rendered = render();
        if (Boolean.getBoolean("sqo.docs.update")) {
            Files.writeString(REFERENCE, rendered);
        }
        String checkedIn = Files.exists(REFERENCE) ? Files.readString(REFERENCE) : "";
        if (!rendered.equals(checkedIn)) {
            fail(REFERENCE + " is stale (" + firstDifference(rendered, checkedIn) + "): run "
                    + CrdReference.REGENERATE + " and commit it");
        }
    }

    /** Guards the renderer itself: the staleness check alone would accept an empty or shallow document. */
    @Test
    void referenceHasEveryLevelOfTheSchema() throws IOException {
        String md = render();

        assertTrue(md.startsWith("> Generated from `crds/` by `CrdReferenceTest`; do not edit by hand."), "header");
        assertTrue(md.contains("| Burn-1h | `.status.worstBurnRate1h` | string |"), "printer columns");
        assertTrue(md.contains("- Scope: Cluster\n- Plural: `nodetuningprofiles`\n- Short names: `ntp`"), "NTP names");

        assertTrue(row(md, "spec.objectives[].target").startsWith("| number | yes |"));
        // The target's bounds are exclusive, so the CRD states them as a rule of the objective, not as min/max.
        assertTrue(row(md, "spec.objectives").contains(
                "“target is a percentage strictly between 0 and 100, e.g. 99.9”"));
        assertTrue(row(md, "spec.objectives").contains("1 to 20 items"));
        assertTrue(row(md, "spec.objectives[].ratio.errors").contains("length 1 to 4096"));
        assertTrue(row(md, "spec.optimization.replicas.min").contains("| 1 to 10000 |"));
        assertTrue(row(md, "spec.optimization.behavior.scaleUp.policies[].periodSeconds").contains("1 to 1800"));
        assertTrue(row(md, "spec.optimization.mode")
                .startsWith("| string | no | `Recommend` | one of `Auto`, `Off`, `Recommend` |"));
        assertTrue(row(md, "spec.optimization.triggers").contains("“level applies only to BudgetBurn triggers”"));
        assertTrue(row(md, "spec.nodeSelector").startsWith("| map[string]string | yes |"));
        // Markdown-safe: a pipe in a pattern stays in its cell, and <profile name> is not taken for an HTML tag.
        assertTrue(row(md, "spec.optimization.behavior.scaleUp.policies[].type").contains("`^(Pods\\|Percent)$`"));
        assertTrue(row(md, "spec.nodeSelector").contains("sqo.dev/tuning-profile=&lt;profile name>"));
        assertTrue(row(md, "status.objectives[].burnRates.1h").startsWith("| number (nullable) | no |"));
    }

    /** The cells after the path of a field's row. */
    private static String row(String md, String path) {
        String start = "| `" + path + "` ";
        return md.lines().filter(l -> l.startsWith(start)).findFirst()
                .map(l -> l.substring(start.length()))
                .orElseThrow(() -> new AssertionError("no row for " + path));
    }

    private static String render() throws IOException {
        try (Stream<Path> files = Files.list(CRDS)) {
            List<Path> crds = files.filter(f -> f.toString().endsWith(".yml")).sorted().toList();
            return CrdReference.render(crds);
        }
    }

    private static String firstDifference(String rendered, String checkedIn) {
        List<String> expected = rendered.lines().toList();
        List<String> actual = checkedIn.lines().toList();
        for (int i = 0; i < Math.min(expected.size(), actual.size()); i++) {
            if (!expected.get(i).equals(actual.get(i))) {
                return "line " + (i + 1) + " should be: " + expected.get(i);
            }
        }
        return expected.size() + " lines rendered, " + actual.size() + " checked in";
    }
}
