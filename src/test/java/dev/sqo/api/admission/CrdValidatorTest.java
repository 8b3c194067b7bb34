package dev.sqo.api.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The CRD judges specs at admission the way the API server does: schema, defaults, CEL. Every bad spec gets the
 * rule's message, and no spec, however hostile, makes a rule error instead of answering.
 */
class CrdValidatorTest {

    private static final ObjectMapper YAML = new YAMLMapper();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final CrdValidator SERVICE_QUALITIES = CrdValidator.serviceQualities();
    private static final CrdValidator PROFILES = CrdValidator.nodeTuningProfiles();

    /** The examples, and the kind quick start's ServiceQuality, which users apply as they are. */
    @Test
    void everyExampleIsAccepted() throws IOException {
        try (Stream<Path> files = Stream.concat(Files.list(Path.of("examples")), Files.list(Path.of("kind-config")))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).toList()) {
                for (Object o : YAML.readerFor(JsonNode.class).readValues(f.toFile()).readAll()) {
                    JsonNode doc = (JsonNode) o;
                    String kind = doc.path("kind").asText();
                    if (kind.equals("ServiceQuality") || kind.equals("NodeTuningProfile")) {
                        CrdValidator crd = kind.equals("ServiceQuality") ? SERVICE_QUALITIES : PROFILES;
                        assertEquals(List.of(), crd.review(doc).errors(), f.toString());
                    }
                }
            }
        }
    }

    @Test
    void everyRuleCompilesWithTheApiServersLibraries() {
        assertTrue(SERVICE_QUALITIES.rules().size() >= 20, "rules: " + SERVICE_QUALITIES.rules());
        assertFalse(PROFILES.rules().isEmpty());
    }

    @Test
    void defaultsAreAppliedAndUnknownFieldsRefusedByPath() throws IOException {
        ObjectNode doc = valid();
        ((ObjectNode) doc.at("/spec/objectives/0/ratio")).put("treshold", "300ms");
        CrdValidator.Review review = SERVICE_QUALITIES.review(doc);
        assertEquals(List.of("spec.objectives[0].ratio.treshold: unknown field \"spec.objectives[0].ratio.treshold\""),
                review.errors().stream().map(FieldError::toString).toList());
        assertEquals("30d", review.object().at("/spec/window").asText(), "the CRD's default");
        assertFalse(review.object().at("/spec/objectives/0/ratio").has("treshold"), "pruned, as the API server would");
    }

    @Test
    void aShapeErrorStopsTheRulesAsOnTheApiServer() throws IOException {
        ObjectNode doc = valid();
        ((ObjectNode) doc.at("/spec/objectives/0")).put("target", "high");
        ((ObjectNode) doc.at("/spec/objectives/0/ratio")).remove("errors");
        List<String> errors = SERVICE_QUALITIES.review(doc).errors().stream().map(FieldError::toString).toList();
        assertEquals(List.of("spec.objectives[0].target: Invalid value: \"string\": must be of type number",
                "some validation rules were not checked because the object was invalid; correct the existing errors to complete "
                        + "validation"), errors);
    }

    @Test
    void metadataNeedsAName() throws IOException {
        ObjectNode doc = valid();
        ((ObjectNode) doc.get("metadata")).remove("name");
        assertEquals("metadata.name: Required value: name or generateName is required",
                SERVICE_QUALITIES.review(doc).errors().get(0).toString());
        ((ObjectNode) doc.get("metadata")).put("name", "Checkout");
        assertTrue(SERVICE_QUALITIES.review(doc).errors().get(0).toString().startsWith("metadata.name: Invalid value: \"Checkout\""));
    }

    static Stream<Arguments> badSpecs() {
        return Stream.of(
                Arguments.of("two SLI kinds", "/spec/objectives/0", "{\"latency\": {\"metric\": \"m\", \"threshold\": \"300ms\"}}",
                        "spec.objectives[0]", "set exactly one SLI"),
                Arguments.of("no SLI kind", "/spec/objectives/0", "{\"ratio\": null}", "spec.objectives[0]", "set exactly one SLI"),
                Arguments.of("target 100", "/spec/objectives/0", "{\"target\": 100}", "spec.objectives[0]", "strictly between 0 and 100"),
                Arguments.of("target 0", "/spec/objectives/0", "{\"target\": 0}", "spec.objectives[0]", "strictly between 0 and 100"),
                Arguments.of("window over 90d", "/spec", "{\"window\": \"91d\"}", "spec.window", "between 1h and 90d"),
                Arguments.of("window under 1h", "/spec", "{\"window\": \"30m\"}", "spec.window", "between 1h and 90d"),
                Arguments.of("window 13w", "/spec", "{\"window\": \"13w\"}", "spec.window", "between 1h and 90d"),
                Arguments.of("window 1h30m", "/spec", "{\"window\": \"1h30m\"}", "spec.window", "should match"),
                Arguments.of("errors and good", "/spec/objectives/0/ratio", "{\"good\": \"sum(rate(x[{{window}}]))\"}",
                        "spec.objectives[0].ratio", "exactly one of errors and good"),
                Arguments.of("neither errors nor good", "/spec/objectives/0/ratio", "{\"errors\": null}",
                        "spec.objectives[0].ratio", "exactly one of errors and good"),
                Arguments.of("no window placeholder", "/spec/objectives/0/ratio", "{\"total\": \"sum(rate(x[5m]))\"}",
                        "spec.objectives[0].ratio", "{{window}} placeholder"),
                Arguments.of("percentile 100", "/spec/objectives/0", "{\"ratio\": null, \"latencyPercentile\": "
                        + "{\"metric\": \"m\", \"percentile\": 100, \"threshold\": \"1s\"}}", "spec.objectives[0].latencyPercentile",
                        "percentile is strictly between"),
                Arguments.of("absolute and recurring", "/spec", "{\"exclusions\": [{\"name\": \"x\", \"from\": \"2026-01-01T00:00:00Z\","
                        + " \"to\": \"2026-01-01T01:00:00Z\", \"schedule\": \"0 2 * * *\", \"duration\": \"1h\"}]}", "spec.exclusions[0]",
                        "either absolute"),
                Arguments.of("to before from", "/spec", "{\"exclusions\": [{\"name\": \"x\", \"from\": \"2026-01-02T00:00:00Z\","
                        + " \"to\": \"2026-01-01T00:00:00Z\"}]}", "spec.exclusions[0]", "to must be after from"),
                Arguments.of("a day that does not exist", "/spec", "{\"exclusions\": [{\"name\": \"x\", \"from\": \"2026-02-30T00:00:00Z\","
                        + " \"to\": \"2026-03-01T00:00:00Z\"}]}", "spec.exclusions[0].from", "should match"),
                Arguments.of("29 February of a common year", "/spec", "{\"exclusions\": [{\"name\": \"x\", \"from\": \"2027-02-29T00:00:00Z\","
                        + " \"to\": \"2027-03-01T00:00:00Z\"}]}", "spec.exclusions[0].from", "should match"),
                Arguments.of("duration 1h30m", "/spec", "{\"exclusions\": [{\"name\": \"x\", \"schedule\": \"0 2 * * *\","
                        + " \"duration\": \"1h30m\"}]}", "spec.exclusions[0].duration", "should match"),
                Arguments.of("duration 9999d", "/spec", "{\"exclusions\": [{\"name\": \"x\", \"schedule\": \"* * * * *\","
                        + " \"duration\": \"9999d\"}]}", "spec.exclusions[0].duration", "duration must be between 1m and 31d"),
                Arguments.of("duration 745h", "/spec", "{\"exclusions\": [{\"name\": \"x\", \"schedule\": \"0 2 * * *\","
                        + " \"duration\": \"745h\"}]}", "spec.exclusions[0].duration", "duration must be between 1m and 31d"),
                Arguments.of("duration 0m", "/spec", "{\"exclusions\": [{\"name\": \"x\", \"schedule\": \"0 2 * * *\","
                        + " \"duration\": \"0m\"}]}", "spec.exclusions[0].duration", "duration must be between 1m and 31d"),
                Arguments.of("minute 60", "/spec", "{\"exclusions\": [{\"name\": \"x\", \"schedule\": \"60 2 * * *\","
                        + " \"duration\": \"1h\"}]}", "spec.exclusions[0].schedule", "should match"),
                Arguments.of("six cron fields", "/spec", "{\"exclusions\": [{\"name\": \"x\", \"schedule\": \"0 0 2 * * *\","
                        + " \"duration\": \"1h\"}]}", "spec.exclusions[0].schedule", "should match"),
                Arguments.of("a weekday that does not exist", "/spec", "{\"exclusions\": [{\"name\": \"x\", \"schedule\": \"0 2 * * FUN\","
                        + " \"duration\": \"1h\"}]}", "spec.exclusions[0].schedule", "should match"),
                Arguments.of("a time zone that is no name", "/spec", "{\"exclusions\": [{\"name\": \"x\", \"schedule\": \"0 2 * * *\","
                        + " \"duration\": \"1h\", \"timeZone\": \"+01:00\"}]}", "spec.exclusions[0].timeZone", "should match"),
                Arguments.of("bearer and basic", "/spec", "{\"prometheus\": {\"url\": \"https://p.example\", "
                        + "\"bearerTokenSecret\": {\"name\": \"s\", \"key\": \"t\"}, \"basicAuthSecret\": {\"name\": \"s\"}}}",
                        "spec.prometheus", "at most one of bearerTokenSecret and basicAuthSecret"),
                Arguments.of("Auto without bounds", "/spec", "{\"optimization\": {\"mode\": \"Auto\"}}", "spec.optimization",
                        "mode Auto needs replicas"),
                Arguments.of("min above max", "/spec", "{\"optimization\": {\"mode\": \"Auto\", \"replicas\": {\"min\": 5, \"max\": 2}}}",
                        "spec.optimization.replicas", "must not be greater than replicas.max"),
                Arguments.of("mode Sometimes", "/spec", "{\"optimization\": {\"mode\": \"Sometimes\"}}", "spec.optimization.mode",
                        "Unsupported value: \"Sometimes\""),
                Arguments.of("CPU above and below", "/spec", "{\"optimization\": {\"triggers\": [{\"kind\": \"CpuUtilization\", "
                        + "\"above\": 80, \"below\": 20}]}}", "spec.optimization.triggers[0]", "exactly one of above"),
                Arguments.of("memory below", "/spec", "{\"optimization\": {\"triggers\": [{\"kind\": \"MemoryUtilization\", "
                        + "\"below\": 20}]}}", "spec.optimization.triggers[0]", "sets above and not below"),
                Arguments.of("latency below", "/spec", "{\"optimization\": {\"triggers\": [{\"kind\": \"Latency\", \"below\": 20}]}}",
                        "spec.optimization.triggers[0]", "below is not allowed"),
                Arguments.of("burn below", "/spec", "{\"optimization\": {\"triggers\": [{\"kind\": \"BudgetBurn\", \"below\": 20}]}}",
                        "spec.optimization.triggers[0]", "above, below and for do not apply"),
                Arguments.of("burn for", "/spec", "{\"optimization\": {\"triggers\": [{\"kind\": \"BudgetBurn\", \"for\": \"10m\"}]}}",
                        "spec.optimization.triggers[0]", "above, below and for do not apply"),
                Arguments.of("target on latency", "/spec", "{\"optimization\": {\"triggers\": [{\"kind\": \"Latency\", \"target\": 50}]}}",
                        "spec.optimization.triggers[0]", "target applies only to CpuUtilization and MemoryUtilization"),
                Arguments.of("scaleOutPercent on CPU", "/spec", "{\"optimization\": {\"triggers\": [{\"kind\": \"CpuUtilization\", "
                        + "\"above\": 80, \"scaleOutPercent\": 100}]}}", "spec.optimization.triggers[0]",
                        "scaleOutPercent applies only to Latency and BudgetBurn"),
                Arguments.of("objective on CPU", "/spec", "{\"optimization\": {\"triggers\": [{\"kind\": \"CpuUtilization\", "
                        + "\"above\": 80, \"objective\": \"availability\"}]}}", "spec.optimization.triggers[0]",
                        "apply only to Latency and ErrorRatio"),
                Arguments.of("level on CPU", "/spec", "{\"optimization\": {\"triggers\": [{\"kind\": \"CpuUtilization\", "
                        + "\"above\": 80, \"level\": \"Page\"}]}}", "spec.optimization.triggers[0]", "level applies only to BudgetBurn"),
                Arguments.of("unknown objective", "/spec", "{\"optimization\": {\"triggers\": [{\"kind\": \"Latency\", "
                        + "\"objective\": \"nope\"}]}}", "spec", "must name one of spec.objectives"),
                Arguments.of("target over above", "/spec", "{\"optimization\": {\"triggers\": [{\"kind\": \"CpuUtilization\", "
                        + "\"above\": 80, \"target\": 90}]}}", "spec.optimization.triggers[0]", "target must be below above"),
                Arguments.of("target under below", "/spec", "{\"optimization\": {\"triggers\": [{\"kind\": \"CpuUtilization\", "
                        + "\"below\": 20, \"target\": 10}]}}", "spec.optimization.triggers[0]", "target must be above below"),
                Arguments.of("error ratio of slices", "/spec", "{\"objectives\": [{\"name\": \"p99\", \"target\": 99, "
                        + "\"latencyPercentile\": {\"metric\": \"m\", \"percentile\": 99, \"threshold\": \"1s\"}}], "
                        + "\"optimization\": {\"triggers\": [{\"kind\": \"ErrorRatio\", \"objective\": \"p99\"}]}}", "spec",
                        "needs a ratio, latency or apdex objective"),
                Arguments.of("resource bounds crossed", "/spec", "{\"optimization\": {\"resources\": {\"cpu\": {\"min\": \"2\", "
                        + "\"max\": \"500m\"}}}}", "spec.optimization.resources.cpu", "min must not be greater than max"),
                Arguments.of("memory bounds crossed across units", "/spec", "{\"optimization\": {\"resources\": {\"memory\": "
                        + "{\"min\": \"1Gi\", \"max\": \"1000Mi\"}}}}", "spec.optimization.resources.memory", "min must not be greater than max"),
                Arguments.of("policy type", "/spec", "{\"optimization\": {\"behavior\": {\"scaleUp\": {\"policies\": [{\"type\": "
                        + "\"Replicas\", \"value\": 1, \"periodSeconds\": 60}]}}}}", "spec.optimization.behavior.scaleUp.policies[0].type",
                        "should match '^(Pods|Percent)$'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badSpecs")
    void badSpecIsRefusedWithTheRulesMessageAtItsField(String name, String at, String merge, String path, String expected) throws IOException {
        ObjectNode doc = valid();
        merge((ObjectNode) doc.at(at), merge);
        List<FieldError> errors = SERVICE_QUALITIES.review(doc).errors();
        assertTrue(errors.stream().anyMatch(e -> e.path().equals(path) && e.message().contains(expected)), "errors: " + errors);
        assertTrue(errors.stream().noneMatch(e -> e.type() == FieldError.Type.RULE_ERROR), "a rule errored: " + errors);
    }

    @Test
    void boundsThatHoldAreAccepted() throws IOException {
        ObjectNode doc = valid();
        merge((ObjectNode) doc.get("spec"), "{\"optimization\": {\"resources\": {\"cpu\": {\"min\": \"500m\", \"max\": \"2\"}, "
                + "\"memory\": {\"min\": \"1000Mi\", \"max\": \"1Gi\"}}}, \"exclusions\": [{\"name\": \"leap\", "
                + "\"from\": \"2028-02-29T22:00:00+01:00\", \"to\": \"2028-02-29T23:30:00.5+01:00\"}, {\"name\": \"weekly\", "
                + "\"schedule\": \"*/15 2-4 1,15 jan-MAR mon-fri\", \"duration\": \"30m\", \"timeZone\": \"America/Argentina/Buenos_Aires\"}, "
                + "{\"name\": \"month\", \"schedule\": \"0 0 1 * *\", \"duration\": \"31d\"}, "
                + "{\"name\": \"minute\", \"schedule\": \"* * * * *\", \"duration\": \"1m\"}]}");
        assertEquals(List.of(), SERVICE_QUALITIES.review(doc).errors());
    }

    /** Values of the wrong kind in every string field of the schema: each is refused with a message, never a rule error. */
    @Test
    void noHostileStringMakesARuleError() throws IOException {
        List<String> hostile = List.of("", " ", "1h30m", "0", "-1", "2026-02-30T00:00:00Z", "9999-99-99T99:99:99Z", "{{window}}",
                "sum(", "'", "\\", "é", "x".repeat(70));
        assertEquals(List.of(), SERVICE_QUALITIES.review(richSpec()).errors(), "the spec every rule runs on is valid");
        List<String> paths = new ArrayList<>();
        stringPaths(JSON.readTree(JSON.writeValueAsString(richSpec())), "", paths);
        assertTrue(paths.size() > 20, "string fields: " + paths);
        for (String path : paths) {
            for (String value : hostile) {
                ObjectNode doc = richSpec();
                ObjectNode parent = (ObjectNode) doc.at(path.substring(0, path.lastIndexOf('/')));
                parent.put(path.substring(path.lastIndexOf('/') + 1), value);
                List<FieldError> errors = SERVICE_QUALITIES.review(doc).errors();
                assertTrue(errors.stream().noneMatch(e -> e.type() == FieldError.Type.RULE_ERROR),
                        path + " = '" + value + "': " + errors);
            }
        }
    }

    static Stream<Arguments> badProfiles() {
        return Stream.of(
                Arguments.of("swappiness 5", "{\"vm\": {\"swappiness\": 5}}", "spec.vm.swappiness", "greater than or equal to 10"),
                Arguments.of("swappiness 61", "{\"vm\": {\"swappiness\": 61}}", "spec.vm.swappiness", "less than or equal to 60"),
                Arguments.of("scheduler fast", "{\"disk\": {\"scheduler\": \"fast\"}}", "spec.disk.scheduler", "should match"),
                Arguments.of("governor turbo", "{\"cpu\": {\"governor\": \"turbo\"}}", "spec.cpu.governor", "should match"),
                Arguments.of("buffer 1 GiB", "{\"net\": {\"rmemMax\": 1073741824}}", "spec.net.rmemMax", "less than or equal to"),
                Arguments.of("every node", "{\"nodeSelector\": {}}", "spec.nodeSelector", "at least one label"),
                Arguments.of("no setting", "{\"cpu\": null, \"vm\": null, \"disk\": null, \"net\": null, \"kubelet\": null}",
                        "spec", "set at least one of"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badProfiles")
    void badProfileIsRefusedWithAMessage(String name, String merge, String path, String expected) throws IOException {
        ObjectNode doc = (ObjectNode) YAML.readTree(Path.of("examples/node-tuning.yaml").toFile());
        merge((ObjectNode) doc.get("spec"), merge);
        List<FieldError> errors = PROFILES.review(doc).errors();
        assertTrue(errors.stream().anyMatch(e -> e.path().equals(path) && e.message().contains(expected)), "errors: " + errors);
    }

    @Test
    void aProfileNameMustFitANodeLabel() throws IOException {
        ObjectNode doc = (ObjectNode) YAML.readTree(Path.of("examples/node-tuning.yaml").toFile());
        ((ObjectNode) doc.get("metadata")).put("name", "p".repeat(64));
        assertTrue(PROFILES.review(doc).errors().stream().anyMatch(e -> e.message().contains("at most 63 characters")));
    }

    @Test
    void duplicateObjectiveNamesAreRefused() throws IOException {
        ObjectNode doc = valid();
        ((ArrayNode) doc.at("/spec/objectives")).add(doc.at("/spec/objectives/0").deepCopy());
        assertTrue(SERVICE_QUALITIES.review(doc).errors().stream().anyMatch(e -> e.message().contains("objective names must be unique")));
    }

    private static void merge(ObjectNode target, String json) throws IOException {
        JSON.readTree(json).fields().forEachRemaining(e -> {
            if (e.getValue().isNull()) {
                target.remove(e.getKey());
            } else {
                target.set(e.getKey(), e.getValue());
            }
        });
    }

    private static void stringPaths(JsonNode node, String at, List<String> out) {
        if (node.isTextual()) {
            out.add(at);
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!at.isEmpty() || e.getKey().equals("spec")) {
                stringPaths(e.getValue(), at + "/" + e.getKey(), out);
            }
        }
        for (int i = 0; i < node.size() && node.isArray(); i++) {
            stringPaths(node.get(i), at + "/" + i, out);
        }
    }

    static ObjectNode valid() throws IOException {
        return (ObjectNode) YAML.readTree("""
                apiVersion: sqo.dev/v1alpha1
                kind: ServiceQuality
                metadata: {name: checkout, namespace: shop}
                spec:
                  targetRef: {kind: Deployment, name: checkout}
                  objectives:
                    - name: availability
                      target: 99.9
                      ratio:
                        errors: sum(rate(http_requests_total{code=~"5.."}[{{window}}]))
                        total: sum(rate(http_requests_total[{{window}}]))
                """);
    }

    /** A spec with every part set, so that every rule runs. */
    private static ObjectNode richSpec() throws IOException {
        return (ObjectNode) YAML.readTree("""
                apiVersion: sqo.dev/v1alpha1
                kind: ServiceQuality
                metadata: {name: checkout, namespace: shop}
                spec:
                  targetRef: {kind: Deployment, name: checkout}
                  window: 28d
                  prometheus:
                    url: https://prometheus.example
                    timeout: 10s
                    bearerTokenSecret: {name: token, key: token}
                  objectives:
                    - name: availability
                      target: 99.9
                      ratio:
                        errors: sum(rate(http_requests_total{code=~"5.."}[{{window}}]))
                        total: sum(rate(http_requests_total[{{window}}]))
                    - name: good
                      target: 99
                      ratio:
                        good: sum(rate(http_requests_total{code!~"5.."}[{{window}}]))
                        total: sum(rate(http_requests_total[{{window}}]))
                    - name: latency
                      target: 99
                      latency: {metric: http_request_duration_seconds, selector: job="checkout", threshold: 300ms}
                    - name: p99
                      target: 95
                      latencyPercentile: {metric: http_request_duration_seconds, percentile: 99, threshold: 1s}
                    - name: apdex
                      target: 90
                      apdex: {metric: http_request_duration_seconds, threshold: 250ms}
                  alerting: {pageSeverity: critical, ticketSeverity: warning, runbookUrl: https://runbooks.example/x}
                  exclusions:
                    - {name: deploy, from: "2026-11-20T22:00:00Z", to: "2026-11-20T23:00:00Z"}
                    - {name: weekly, schedule: "0 3 * * SUN", duration: 30m, timeZone: Europe/Berlin}
                  optimization:
                    mode: Auto
                    replicas: {min: 2, max: 10}
                    budgetFloor: 20
                    cooldown: 5m
                    validationWindow: 10m
                    triggers:
                      - {kind: CpuUtilization, above: 80, target: 70, for: 5m}
                      - {kind: CpuUtilization, below: 20}
                      - {kind: MemoryUtilization, above: 85}
                      - {kind: Latency, objective: latency, baselineFactor: 1.5, scaleOutPercent: 50}
                      - {kind: ErrorRatio, objective: availability}
                      - {kind: BudgetBurn, level: Page}
                    resources:
                      lookback: 7d
                      cpu: {min: 100m, max: "2", percentile: 95, margin: 15}
                      memory: {min: 128Mi, max: 2Gi, percentile: 99, margin: 20}
                    cpuPinning: {profile: latency-critical}
                    behavior:
                      scaleUp:
                        stabilizationWindowSeconds: 0
                        selectPolicy: Max
                        policies: [{type: Pods, value: 4, periodSeconds: 60}]
                """);
    }
}
