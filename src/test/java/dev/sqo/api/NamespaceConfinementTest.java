package dev.sqo.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.sqo.testing.Fixtures;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The confined copy of a spec: its SLI queries select the namespace, and nothing else of it changes. */
class NamespaceConfinementTest {

    private static final ObjectMapper YAML = new YAMLMapper();
    private static final NamespaceConfinement CONFINEMENT = new NamespaceConfinement("namespace");

    @Test
    void everyExampleKeepsAllButItsSliQueriesWhichSelectItsNamespace() throws Exception {
        for (Path example : Fixtures.serviceQualityExamples()) {
            ServiceQuality sq = YAML.readValue(example.toFile(), ServiceQuality.class);
            String namespace = sq.getMetadata().getNamespace();
            JsonNode written = YAML.valueToTree(sq.getSpec());

            NamespaceConfinement.Confined confined = CONFINEMENT.confine(sq.getSpec(), namespace);

            assertEquals(List.of(), confined.problems(), example.toString());
            assertEquals(written, YAML.valueToTree(sq.getSpec()), "the spec confined is left as it is");
            String own = "namespace=\"" + namespace + "\"";
            for (Objective o : confined.spec().objectives) {
                for (String query : new String[]{o.ratio == null ? null : o.ratio.total, o.ratio == null ? null : o.ratio.errors,
                        o.ratio == null ? null : o.ratio.good}) {
                    assertTrue(query == null || query.contains(own), query);
                }
                for (HistogramSli h : new HistogramSli[]{o.latency, o.apdex, o.latencyPercentile}) {
                    assertTrue(h == null || h.selector.startsWith(own + ","), () -> h.selector);
                }
            }
            assertEquals(withoutSliQueries(written), withoutSliQueries(YAML.valueToTree(confined.spec())), example.toString());
        }
    }

    private static JsonNode withoutSliQueries(JsonNode spec) {
        for (JsonNode objective : spec.path("objectives")) {
            for (String field : new String[]{"ratio.errors", "ratio.good", "ratio.total", "latency.selector", "apdex.selector",
                    "latencyPercentile.selector"}) {
                String[] path = field.split("\\.");
                if (objective.path(path[0]) instanceof ObjectNode sli) {
                    sli.remove(path[1]);
                }
            }
        }
        return spec;
    }

    @Test
    void aHistogramWithoutSelectorGetsOne() {
        ServiceQuality sq = Fixtures.serviceQuality("scenario.yaml");
        sq.getSpec().objectives.get(1).latency.selector = null;
        assertEquals("namespace=\"team-a\"", CONFINEMENT.confine(sq.getSpec(), "team-a").spec().objectives.get(1).latency.selector);
    }

    @Test
    void anotherNamespaceIsAProblemOfItsField() {
        ServiceQuality sq = Fixtures.serviceQuality("scenario.yaml");
        sq.getSpec().objectives.get(2).latencyPercentile.selector = "job=\"scenario\",namespace!=\"team-a\"";
        NamespaceConfinement.Confined confined = CONFINEMENT.confine(sq.getSpec(), "team-a");
        assertNull(confined.spec());
        assertEquals(1, confined.problems().size());
        assertTrue(confined.problems().get(0).toString().startsWith("spec.objectives[2].latencyPercentile.selector: Invalid value: "
                + "\"job=\\\"scenario\\\",namespace!=\\\"team-a\\\"\": this operator confines"), confined.problems().toString());
        assertFalse(confined.problems().get(0).toString().contains("team-b"));
    }

    @Test
    void aLabelThatIsNoLabelNameIsAConfigurationError() {
        assertThrows(IllegalArgumentException.class, () -> new NamespaceConfinement("kubernetes.namespace"));
    }
}
