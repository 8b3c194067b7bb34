package dev.sqo.simulate;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.sqo.api.ServiceQuality;
import dev.sqo.api.SpecValidator;
import dev.sqo.slo.PromDuration;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/** Reads a scenario file; every problem is an {@link IllegalArgumentException} naming the field. */
public final class ScenarioFile {

    private static final ObjectMapper YAML = new YAMLMapper();
    private static final ObjectMapper STRICT = JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
    private static final Set<String> FIELDS = Set.of("duration", "step", "seed", "workload", "traffic", "incidents", "serviceQuality",
            "policies");
    /** More steps than this is a scenario that would run for minutes: a shorter duration or a longer step says the same. */
    static final int MAX_STEPS = 200_000;

    private ScenarioFile() {
    }

    public static Scenario read(Path file) throws IOException {
        if (!Files.exists(file)) {
            throw new IllegalArgumentException(file + ": no such file");
        }
        JsonNode doc = YAML.readTree(file.toFile());
        if (doc == null || !doc.isObject()) {
            throw new IllegalArgumentException(file + ": not a scenario (a YAML mapping)");
        }
        for (Iterator<String> it = doc.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!FIELDS.contains(f)) {
                throw new IllegalArgumentException(file + ": unknown field " + f + " (known: " + String.join(", ", FIELDS) + ")");
            }
        }
        Duration duration = duration(doc, "duration", null);
        Duration step = duration(doc, "step", "30s");
        if (step.isZero() || duration.isZero() || duration.toMillis() / step.toMillis() > MAX_STEPS) {
            throw new IllegalArgumentException(file + ": duration and step must be positive and give at most " + MAX_STEPS + " steps");
        }
        JsonNode w = required(doc, "workload");
        Scenario.Workload workload = new Scenario.Workload(positiveInt(w, "replicas"), cores(w.path("cpuRequest").asText("500m")),
                positive(w, "capacityPerReplica"), duration(w, "baseLatency", "40ms"), duration(w, "startupDelay", "60s"));
        List<Scenario.TrafficPoint> traffic = new ArrayList<>();
        for (JsonNode p : required(doc, "traffic")) {
            traffic.add(new Scenario.TrafficPoint(duration(p, "at", null), nonNegative(p, "rps")));
        }
        for (int i = 1; i < traffic.size(); i++) {
            if (traffic.get(i).at().compareTo(traffic.get(i - 1).at()) < 0) {
                throw new IllegalArgumentException(file + ": traffic points must be in time order");
            }
        }
        List<Scenario.Incident> incidents = new ArrayList<>();
        for (JsonNode i : doc.path("incidents")) {
            double ratio = nonNegative(i, "errorRatio");
            if (ratio > 1) {
                throw new IllegalArgumentException(file + ": incidents[].errorRatio is a share from 0 to 1, got " + ratio);
            }
            incidents.add(new Scenario.Incident(duration(i, "at", null), duration(i, "duration", null), ratio));
        }
        ServiceQuality sq = serviceQuality(file, required(doc, "serviceQuality"));
        List<String> policies = new ArrayList<>();
        doc.path("policies").forEach(p -> policies.add(p.asText()));
        if (policies.isEmpty()) {
            policies.addAll(Policies.NAMES);
        }
        for (String p : policies) {
            if (!Policies.NAMES.contains(p) && !p.matches("hpa-cpu-[1-9][0-9]?")) {
                throw new IllegalArgumentException(file + ": unknown policy " + p + ": use sqo, hpa-cpu-<target>, static or oracle");
            }
        }
        return new Scenario(duration, step, doc.path("seed").asLong(1), workload, traffic, incidents, sq, policies);
    }

    /** A path relative to the scenario file (or to the working directory), or the resource inline. */
    private static ServiceQuality serviceQuality(Path file, JsonNode node) throws IOException {
        JsonNode doc = node;
        if (node.isTextual()) {
            Path sq = file.resolveSibling(node.asText());
            if (!Files.exists(sq)) {
                sq = Path.of(node.asText());
            }
            if (!Files.exists(sq)) {
                throw new IllegalArgumentException(file + ": serviceQuality " + node.asText() + ": no such file");
            }
            // The first document: a file of examples/ may carry the workload's manifest after it.
            doc = YAML.readValues(YAML.getFactory().createParser(sq.toFile()), JsonNode.class).next();
        }
        ServiceQuality resource;
        try {
            resource = STRICT.treeToValue(doc, ServiceQuality.class);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": serviceQuality: " + e.getMessage().lines().findFirst().orElse(""));
        }
        List<String> problems = SpecValidator.problems(resource.getSpec());
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(file + ": serviceQuality: " + String.join("; ", problems));
        }
        return resource;
    }

    private static JsonNode required(JsonNode n, String field) {
        if (!n.has(field) || n.get(field).isNull()) {
            throw new IllegalArgumentException(field + " is required");
        }
        return n.get(field);
    }

    private static Duration duration(JsonNode n, String field, String fallback) {
        String text = n.has(field) ? n.get(field).asText() : fallback;
        if (text == null) {
            throw new IllegalArgumentException(field + " is required (a duration like 30s, 15m, 24h)");
        }
        try {
            return PromDuration.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(field + ": '" + text + "' is not a duration like 30s, 15m, 24h");
        }
    }

    private static double positive(JsonNode n, String field) {
        double v = required(n, field).asDouble();
        if (!(v > 0)) {
            throw new IllegalArgumentException(field + " must be positive, got " + n.get(field).asText());
        }
        return v;
    }

    private static double nonNegative(JsonNode n, String field) {
        double v = required(n, field).asDouble(-1);
        if (v < 0) {
            throw new IllegalArgumentException(field + " must be zero or more, got " + n.get(field).asText());
        }
        return v;
    }

    private static int positiveInt(JsonNode n, String field) {
        int v = required(n, field).asInt();
        if (v < 1) {
            throw new IllegalArgumentException(field + " must be at least 1, got " + n.get(field).asText());
        }
        return v;
    }

    private static double cores(String quantity) {
        return io.fabric8.kubernetes.api.model.Quantity.getAmountInBytes(new io.fabric8.kubernetes.api.model.Quantity(quantity)).doubleValue();
    }
}
