package dev.sqo.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The CRD refuses bad specs at admission with a message; the Java validator agrees for what slips past. */
class CelValidationTest {

    private static final ObjectMapper YAML = new YAMLMapper();
    private static CrdSchemaValidator crd;

    @BeforeAll
    static void load() throws IOException {
        crd = new CrdSchemaValidator(CrdFileTest.CRD_FILE);
    }

    /** The examples, and the kind quick start's ServiceQuality (docs/kind.md), which users apply as they are. */
    @Test
    void everyExampleIsAccepted() throws IOException {
        try (Stream<Path> files = Stream.concat(Files.list(Path.of("examples")), Files.list(Path.of("kind-config")))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).toList()) {
                for (JsonNode doc : YAML.readerFor(JsonNode.class).readValues(f.toFile()).readAll().stream().map(JsonNode.class::cast).toList()) {
                    if ("ServiceQuality".equals(doc.path("kind").asText())) {
                        assertEquals(List.of(), crd.violations(doc), f.toString());
                        ServiceQuality sq = new ObjectMapper().treeToValue(doc, ServiceQuality.class);
                        assertEquals(List.of(), SpecValidator.problems(sq.getSpec()), f.toString());
                    }
                }
            }
        }
    }

    @Test
    void everyRuleCompiles() {
        assertTrue(crd.rules().size() >= 9, "rules: " + crd.rules());
    }

    static Stream<Arguments> badSpecs() {
        return Stream.of(
                Arguments.of("two SLI kinds", "/spec/objectives/0", "{\"latency\": {\"metric\": \"m\", \"threshold\": \"300ms\"}}",
                        "set exactly one SLI"),
                Arguments.of("no SLI kind", "/spec/objectives/0", "{\"ratio\": null}", "set exactly one SLI"),
                Arguments.of("target 100", "/spec/objectives/0", "{\"target\": 100}", "strictly between 0 and 100"),
                Arguments.of("target 0", "/spec/objectives/0", "{\"target\": 0}", "strictly between 0 and 100"),
                Arguments.of("window over 90d", "/spec", "{\"window\": \"91d\"}", "between 1h and 90d"),
                Arguments.of("window under 1h", "/spec", "{\"window\": \"30m\"}", "between 1h and 90d"),
                Arguments.of("window 13w", "/spec", "{\"window\": \"13w\"}", "between 1h and 90d"),
                Arguments.of("errors and good", "/spec/objectives/0/ratio", "{\"good\": \"sum(rate(x[{{window}}]))\"}",
                        "exactly one of errors and good"),
                Arguments.of("no window placeholder", "/spec/objectives/0/ratio", "{\"total\": \"sum(rate(x[5m]))\"}",
                        "{{window}} placeholder"),
                Arguments.of("percentile 100", "/spec/objectives/0", "{\"ratio\": null, \"latencyPercentile\": "
                        + "{\"metric\": \"m\", \"percentile\": 100, \"threshold\": \"1s\"}}", "percentile is strictly between"),
                Arguments.of("absolute and recurring", "/spec", "{\"exclusions\": [{\"name\": \"x\", \"from\": \"2026-01-01T00:00:00Z\","
                        + " \"to\": \"2026-01-01T01:00:00Z\", \"schedule\": \"0 2 * * *\", \"duration\": \"1h\"}]}", "either absolute"),
                Arguments.of("to before from", "/spec", "{\"exclusions\": [{\"name\": \"x\", \"from\": \"2026-01-02T00:00:00Z\","
                        + " \"to\": \"2026-01-01T00:00:00Z\"}]}", "to must be after from"),
                Arguments.of("bearer and basic", "/spec", "{\"prometheus\": {\"url\": \"https://p.example\", "
                        + "\"bearerTokenSecret\": {\"name\": \"s\", \"key\": \"t\"}, \"basicAuthSecret\": {\"name\": \"s\"}}}",
                        "at most one of bearerTokenSecret and basicAuthSecret"),
                Arguments.of("Auto without bounds", "/spec", "{\"optimization\": {\"mode\": \"Auto\"}}", "mode Auto needs replicas"),
                Arguments.of("min above max", "/spec", "{\"optimization\": {\"mode\": \"Auto\", \"replicas\": {\"min\": 5, \"max\": 2}}}",
                        "must not be greater than replicas.max"),
                Arguments.of("mode Sometimes", "/spec", "{\"optimization\": {\"mode\": \"Sometimes\"}}", "mode"),
                Arguments.of("CPU above and below", "/spec", "{\"optimization\": {\"triggers\": [{\"kind\": \"CpuUtilization\", "
                        + "\"above\": 80, \"below\": 20}]}}", "exactly one of above"),
                Arguments.of("memory below", "/spec", "{\"optimization\": {\"triggers\": [{\"kind\": \"MemoryUtilization\", "
                        + "\"below\": 20}]}}", "sets above and not below"),
                Arguments.of("latency below", "/spec", "{\"optimization\": {\"triggers\": [{\"kind\": \"Latency\", \"below\": 20}]}}",
                        "below is not allowed"),
                Arguments.of("objective on CPU", "/spec", "{\"optimization\": {\"triggers\": [{\"kind\": \"CpuUtilization\", "
                        + "\"above\": 80, \"objective\": \"availability\"}]}}", "apply only to Latency and ErrorRatio"),
                Arguments.of("level on CPU", "/spec", "{\"optimization\": {\"triggers\": [{\"kind\": \"CpuUtilization\", "
                        + "\"above\": 80, \"level\": \"Page\"}]}}", "level applies only to BudgetBurn"),
                Arguments.of("unknown objective", "/spec", "{\"optimization\": {\"triggers\": [{\"kind\": \"Latency\", "
                        + "\"objective\": \"nope\"}]}}", "must name one of spec.objectives"),
                Arguments.of("target over above", "/spec", "{\"optimization\": {\"triggers\": [{\"kind\": \"CpuUtilization\", "
                        + "\"above\": 80, \"target\": 90}]}}", "target must be below above"),
                Arguments.of("target under below", "/spec", "{\"optimization\": {\"triggers\": [{\"kind\": \"CpuUtilization\", "
                        + "\"below\": 20, \"target\": 10}]}}", "target must be above below"),
                Arguments.of("error ratio of slices", "/spec", "{\"objectives\": [{\"name\": \"p99\", \"target\": 99, "
                        + "\"latencyPercentile\": {\"metric\": \"m\", \"percentile\": 99, \"threshold\": \"1s\"}}], "
                        + "\"optimization\": {\"triggers\": [{\"kind\": \"ErrorRatio\", \"objective\": \"p99\"}]}}",
                        "needs a ratio, latency or apdex objective"),
                Arguments.of("policy type", "/spec", "{\"optimization\": {\"behavior\": {\"scaleUp\": {\"policies\": [{\"type\": "
                        + "\"Replicas\", \"value\": 1, \"periodSeconds\": 60}]}}}}", "type"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badSpecs")
    void badSpecIsRefusedWithAMessage(String name, String at, String merge, String expected) throws IOException {
        JsonNode doc = valid();
        ObjectNode target = (ObjectNode) doc.at(at);
        new ObjectMapper().readTree(merge).fields().forEachRemaining(e -> {
            if (e.getValue().isNull()) {
                target.remove(e.getKey());
            } else {
                target.set(e.getKey(), e.getValue());
            }
        });
        List<String> violations = crd.violations(doc);
        assertTrue(violations.stream().anyMatch(v -> v.contains(expected)), "CEL violations: " + violations);

        ServiceQuality sq = new ObjectMapper().treeToValue(doc, ServiceQuality.class);
        List<String> problems = SpecValidator.problems(sq.getSpec());
        assertFalse(problems.isEmpty(), "the Java validator also refuses " + name);
    }

    static Stream<Arguments> badProfiles() {
        return Stream.of(
                Arguments.of("swappiness 5", "{\"vm\": {\"swappiness\": 5}}", "spec.vm.swappiness", "must be between 10 and 60"),
                Arguments.of("swappiness 61", "{\"vm\": {\"swappiness\": 61}}", "spec.vm.swappiness", "must be between 10 and 60"),
                Arguments.of("scheduler fast", "{\"disk\": {\"scheduler\": \"fast\"}}", "spec.disk.scheduler", "must be mq-deadline"),
                Arguments.of("governor turbo", "{\"cpu\": {\"governor\": \"turbo\"}}", "spec.cpu.governor", "must be performance"),
                Arguments.of("buffer 1 GiB", "{\"net\": {\"rmemMax\": 1073741824}}", "spec.net.rmemMax", "must be between"),
                Arguments.of("every node", "{\"nodeSelector\": {}}", "nodeSelector must have at least one label", "at least one label"),
                Arguments.of("no setting", "{\"cpu\": null, \"vm\": null, \"disk\": null, \"net\": null, \"kubelet\": null}",
                        "set at least one of cpu, vm, disk, net or kubelet", "at least one of"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badProfiles")
    void badProfileIsRefusedWithAMessage(String name, String merge, String expectedAtAdmission, String expectedInJava) throws IOException {
        JsonNode doc = YAML.readTree(Path.of("examples/node-tuning.yaml").toFile());
        ObjectNode spec = (ObjectNode) doc.at("/spec");
        new ObjectMapper().readTree(merge).fields().forEachRemaining(e -> {
            if (e.getValue().isNull()) {
                spec.remove(e.getKey());
            } else {
                spec.set(e.getKey(), e.getValue());
            }
        });
        List<String> violations = new CrdSchemaValidator(CrdFileTest.NTP_CRD_FILE).violations(doc);
        assertTrue(violations.stream().anyMatch(v -> v.contains(expectedAtAdmission)), "violations: " + violations);
        NodeTuningProfile profile = new ObjectMapper().treeToValue(doc, NodeTuningProfile.class);
        List<String> problems = NodeTuningValidator.problems(profile.getSpec());
        assertTrue(problems.stream().anyMatch(p -> p.contains(expectedInJava)), "the agent and operator refuse it too: " + problems);
    }

    @Test
    void theExampleProfileIsAccepted() throws IOException {
        JsonNode doc = YAML.readTree(Path.of("examples/node-tuning.yaml").toFile());
        assertEquals(List.of(), new CrdSchemaValidator(CrdFileTest.NTP_CRD_FILE).violations(doc));
    }

    @Test
    void duplicateObjectiveNamesAreRefused() throws IOException {
        JsonNode doc = valid();
        ((com.fasterxml.jackson.databind.node.ArrayNode) doc.at("/spec/objectives")).add(doc.at("/spec/objectives/0").deepCopy());
        assertTrue(crd.violations(doc).stream().anyMatch(v -> v.contains("objective names must be unique")));
        ServiceQuality sq = new ObjectMapper().treeToValue(doc, ServiceQuality.class);
        assertTrue(SpecValidator.problems(sq.getSpec()).stream().anyMatch(p -> p.contains("'availability' repeats")));
    }

    private static JsonNode valid() throws IOException {
        return YAML.readTree("""
                apiVersion: sqo.dev/v1alpha1
                kind: ServiceQuality
                metadata: {name: checkout, namespace: shop}
                spec:
                  targetRef: {kind: Deployment, name: checkout}
                  window: 30d
                  objectives:
                    - name: availability
                      target: 99.9
                      ratio:
                        errors: sum(rate(http_requests_total{code=~"5.."}[{{window}}]))
                        total: sum(rate(http_requests_total[{{window}}]))
                """);
    }
}
