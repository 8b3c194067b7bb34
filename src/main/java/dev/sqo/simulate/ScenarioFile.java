package dev.sqo.simulate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.sqo.api.ServiceQuality;
import dev.sqo.api.SpecValidator;
import dev.sqo.api.admission.CrdValidator;
import dev.sqo.slo.PromDuration;
import io.fabric8.kubernetes.api.model.Quantity;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.stream.Collectors;

/** Reads a scenario file; every problem is an {@link IllegalArgumentException} naming the field. */
public final class ScenarioFile {

    private static final ObjectMapper YAML = new YAMLMapper();
    private static final ObjectMapper STRICT = JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
    private static final Set<String> FIELDS = Set.of("duration", "step", "scoreFrom", "seed", "noise", "workload", "traffic",
            "incidents", "serviceQuality", "policies");
    /** More steps than this is a scenario that would run for minutes: a shorter duration or a longer step says the same. */
    static final int MAX_STEPS = 200_000;
    static final int MAX_REPLICAS = 10_000;

    private ScenarioFile() {
    }

    public static Scenario read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(file + ": no such file");
        }
        try {
            return parse(file, YAML.readTree(file.toFile()));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(file + ": not valid YAML: " + e.getOriginalMessage());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage().startsWith(file.toString()) ? e.getMessage() : file + ": " + e.getMessage());
        } catch (ArithmeticException | NoSuchElementException e) {
            throw new IllegalArgumentException(file + ": out of range or empty: " + e.getMessage());
        }
    }

    private static Scenario parse(Path file, JsonNode doc) throws IOException {
        if (doc == null || !doc.isObject()) {
            throw new IllegalArgumentException("not a scenario (a YAML mapping)");
        }
        known(doc, FIELDS, "");
        Duration duration = duration(doc, "duration", null);
        Duration step = duration(doc, "step", "30s");
        if (step.toMillis() < 1000 || 60_000 % step.toMillis() != 0) {
            throw new IllegalArgumentException("step must be whole seconds that divide a minute (1s to 60s, e.g. 15s or 30s), got "
                    + PromDuration.format(step));
        }
        if (duration.compareTo(step) < 0 || duration.toMillis() / step.toMillis() > MAX_STEPS) {
            throw new IllegalArgumentException("duration must be at least one step and at most " + MAX_STEPS + " steps");
        }
        Duration scoreFrom = duration(doc, "scoreFrom", "0s");
        if (scoreFrom.compareTo(duration) >= 0 || scoreFrom.toMillis() % step.toMillis() != 0) {
            throw new IllegalArgumentException("scoreFrom must be a whole number of steps (" + PromDuration.format(step)
                    + ") before the end of duration (" + PromDuration.format(duration) + "), got " + PromDuration.format(scoreFrom));
        }
        double noise = Scenario.DEFAULT_NOISE;
        if (doc.has("noise")) {
            noise = doc.get("noise").isNumber() ? doc.get("noise").asDouble() : -1;
            if (!(noise >= 0 && noise <= 1)) {
                throw new IllegalArgumentException("noise is a relative standard deviation from 0 to 1 (0.05 for 5%), got "
                        + doc.get("noise").asText());
            }
        }
        JsonNode w = required(doc, "workload");
        known(w, Set.of("replicas", "cpuRequest", "capacityPerReplica", "baseLatency", "startupDelay"), "workload.");
        int replicas = positiveInt(w, "replicas");
        if (replicas > MAX_REPLICAS) {
            throw new IllegalArgumentException("workload.replicas must be at most " + MAX_REPLICAS);
        }
        Scenario.Workload workload = new Scenario.Workload(replicas, cores(w.path("cpuRequest").asText("500m")),
                positive(w, "capacityPerReplica"), duration(w, "baseLatency", "40ms"), duration(w, "startupDelay", "60s"));
        if (workload.baseLatency().isZero()) {
            throw new IllegalArgumentException("workload.baseLatency must be positive");
        }
        List<Scenario.TrafficPoint> traffic = new ArrayList<>();
        for (JsonNode p : list(doc, "traffic", true)) {
            known(p, Set.of("at", "rps"), "traffic[].");
            traffic.add(new Scenario.TrafficPoint(duration(p, "at", null), nonNegative(p, "rps")));
        }
        for (int i = 1; i < traffic.size(); i++) {
            if (traffic.get(i).at().compareTo(traffic.get(i - 1).at()) < 0) {
                throw new IllegalArgumentException("traffic points must be in time order");
            }
        }
        List<Scenario.Incident> incidents = new ArrayList<>();
        for (JsonNode i : list(doc, "incidents", false)) {
            known(i, Set.of("at", "duration", "errorRatio"), "incidents[].");
            double ratio = nonNegative(i, "errorRatio");
            if (ratio > 1) {
                throw new IllegalArgumentException("incidents[].errorRatio is a share from 0 to 1, got " + ratio);
            }
            incidents.add(new Scenario.Incident(duration(i, "at", null), duration(i, "duration", null), ratio));
        }
        ServiceQuality sq = serviceQuality(file, required(doc, "serviceQuality"));
        List<String> policies = new ArrayList<>();
        list(doc, "policies", false).forEach(p -> policies.add(p.asText()));
        if (policies.isEmpty()) {
            policies.addAll(Policies.NAMES);
        }
        for (String p : policies) {
            if (!Policies.valid(p)) {
                throw new IllegalArgumentException("unknown policy " + p + ": use sqo, hpa-cpu-<target>, static or oracle");
            }
        }
        if (doc.has("seed") && !doc.get("seed").canConvertToLong()) {
            throw new IllegalArgumentException("seed must be a whole number, got " + doc.get("seed").asText());
        }
        return new Scenario(duration, step, scoreFrom, doc.path("seed").asLong(1), noise, workload, traffic, incidents, sq, policies);
    }

    private static void known(JsonNode node, Set<String> fields, String prefix) {
        if (!node.isObject()) {
            throw new IllegalArgumentException(prefix.isEmpty() ? "not a mapping" : prefix.substring(0, prefix.length() - 1) + " must be a mapping");
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!fields.contains(f)) {
                throw new IllegalArgumentException("unknown field " + prefix + f + " (known: " + String.join(", ", new java.util.TreeSet<>(fields)) + ")");
            }
        }
    }

    private static JsonNode list(JsonNode doc, String field, boolean required) {
        JsonNode n = doc.get(field);
        if (n == null || n.isNull()) {
            if (required) {
                throw new IllegalArgumentException(field + " is required");
            }
            return YAML.createArrayNode();
        }
        if (!n.isArray()) {
            throw new IllegalArgumentException(field + " must be a list");
        }
        return n;
    }

    /** A path relative to the scenario file (or to the working directory), or the resource inline. */
    private static ServiceQuality serviceQuality(Path file, JsonNode node) throws IOException {
        JsonNode doc = node;
        if (node.isTextual()) {
            Path sq = file.resolveSibling(node.asText());
            if (!Files.exists(sq)) {
                sq = Path.of(node.asText());
            }
            if (!Files.isRegularFile(sq)) {
                throw new IllegalArgumentException("serviceQuality " + node.asText() + ": no such file");
            }
            // The first document: a file of examples/ may carry the workload's manifest after it.
            var documents = YAML.readValues(YAML.getFactory().createParser(sq.toFile()), JsonNode.class);
            if (!documents.hasNext()) {
                throw new IllegalArgumentException("serviceQuality " + node.asText() + " is empty");
            }
            doc = documents.next();
        }
        // Judged as the cluster would judge it, in the words of the API server, before the Java types read it.
        CrdValidator.Review review = CrdValidator.serviceQualities().review(doc);
        if (!review.accepted()) {
            throw new IllegalArgumentException("serviceQuality: " + review.errors().stream().map(Object::toString)
                    .collect(Collectors.joining("; ")));
        }
        ServiceQuality resource = STRICT.treeToValue(review.object(), ServiceQuality.class);
        List<String> problems = SpecValidator.semanticProblems(resource.getSpec()).stream().map(Object::toString).toList();
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("serviceQuality: " + String.join("; ", problems));
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
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(field + " must be positive, got " + n.get(field).asText());
        }
        return v;
    }

    private static double nonNegative(JsonNode n, String field) {
        double v = required(n, field).asDouble(-1);
        if (!(v >= 0) || Double.isInfinite(v)) {
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
        double cores;
        try {
            cores = Quantity.getAmountInBytes(new Quantity(quantity)).doubleValue();
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new IllegalArgumentException("workload.cpuRequest: '" + quantity + "' is not a quantity like 500m or 2");
        }
        if (!(cores > 0)) {
            throw new IllegalArgumentException("workload.cpuRequest must be positive, got " + quantity);
        }
        return cores;
    }
}
