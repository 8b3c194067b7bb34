package dev.sqo.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sqo.actuate.WorkloadReader;
import dev.sqo.actuate.WorkloadShape;
import dev.sqo.api.NodeTuningProfile;
import dev.sqo.api.ServiceQuality;
import dev.sqo.api.SpecValidator;
import dev.sqo.api.SqoApi;
import dev.sqo.api.admission.CrdValidator;
import dev.sqo.api.admission.FieldError;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * sqo's resources among the manifests of the inputs, judged exactly as the API server's admission would judge them
 * (sqo's CRDs: schema, defaults, CEL), then as only sqo can; and the Deployments and StatefulSets beside them, so
 * that a ServiceQuality's target can be sized without a cluster. Each problem points at its file, line and field.
 */
final class CheckedInputs {

    /** After admission pruned and defaulted the object, the Java types read it; an unknown field here is a bug. */
    private static final ObjectMapper TYPES = JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
    /** Workloads are other tools' objects: sqo reads what it needs of them and leaves the rest to the API server. */
    private static final ObjectMapper TYPES_LENIENT = new ObjectMapper();

    final List<ServiceQuality> serviceQualities = new ArrayList<>();
    final List<NodeTuningProfile> profiles = new ArrayList<>();
    /** By namespace/Kind/name. */
    final Map<String, WorkloadShape> workloads = new HashMap<>();
    final List<String> problems = new ArrayList<>();

    static CheckedInputs of(InputFiles.Read read) {
        CheckedInputs out = new CheckedInputs();
        out.problems.addAll(read.problems());
        for (Manifest m : read.manifests().stream().flatMap(d -> d.objects().stream()).toList()) {
            switch (m.kind()) {
                case "ServiceQuality" -> out.serviceQuality(m);
                case "NodeTuningProfile" -> out.profile(m);
                case "Deployment", "StatefulSet" -> out.workload(m);
                default -> {
                }
            }
        }
        return out;
    }

    int resources() {
        return serviceQualities.size() + profiles.size();
    }

    private void serviceQuality(Manifest m) {
        JsonNode accepted = admitted(m, CrdValidator.serviceQualities());
        if (accepted == null) {
            return;
        }
        ServiceQuality sq = typed(m, accepted, ServiceQuality.class);
        if (sq == null) {
            return;
        }
        List<FieldError> semantic = SpecValidator.semanticProblems(sq.getSpec());
        semantic.forEach(e -> problems.add(m.at(e.path()) + ": ServiceQuality " + m.name() + ": " + e));
        if (semantic.isEmpty()) {
            serviceQualities.add(sq);
        }
    }

    private void profile(Manifest m) {
        JsonNode accepted = admitted(m, CrdValidator.nodeTuningProfiles());
        NodeTuningProfile profile = accepted == null ? null : typed(m, accepted, NodeTuningProfile.class);
        if (profile != null) {
            profiles.add(profile);
        }
    }

    /** The object as the API server would store it, or null with the reasons it would refuse it. */
    private JsonNode admitted(Manifest m, CrdValidator crd) {
        String what = m.kind() + " " + (crd.namespaced() ? m.name() : m.tree().path("metadata").path("name").asText("<no name>"));
        if (!SqoApi.API_VERSION.equals(m.apiVersion())) {
            problems.add(m.at("apiVersion") + ": " + what + ": apiVersion must be " + SqoApi.API_VERSION + ", got '" + m.apiVersion() + "'");
            return null;
        }
        CrdValidator.Review review = crd.review(m.tree());
        review.errors().forEach(e -> problems.add(m.at(e.path()) + ": " + what + ": " + e));
        if (!review.accepted()) {
            return null;
        }
        if (crd.namespaced() && !review.object().path("metadata").has("namespace")) {
            // As kubectl apply would create it with the default context.
            ((ObjectNode) review.object().get("metadata")).put("namespace", "default");
        }
        return review.object();
    }

    private <T> T typed(Manifest m, JsonNode accepted, Class<T> type) {
        try {
            return TYPES.treeToValue(accepted, type);
        } catch (JsonProcessingException e) {
            problems.add(m.source() + ":" + m.line() + ": " + m.kind() + " " + m.name() + ": sqo cannot read what admission accepted: "
                    + e.getOriginalMessage());
            return null;
        }
    }

    private void workload(Manifest m) {
        if (!"apps/v1".equals(m.apiVersion())) {
            return;
        }
        try {
            HasMetadata workload = m.kind().equals("Deployment") ? TYPES_LENIENT.treeToValue(m.tree(), Deployment.class)
                    : TYPES_LENIENT.treeToValue(m.tree(), StatefulSet.class);
            if (workload.getMetadata() == null || workload.getMetadata().getName() == null) {
                problems.add(m.at("metadata") + ": " + m.kind() + ": metadata.name is required");
                return;
            }
            String ns = workload.getMetadata().getNamespace() == null ? "default" : workload.getMetadata().getNamespace();
            workload.getMetadata().setNamespace(ns);
            workloads.put(ns + "/" + m.kind() + "/" + workload.getMetadata().getName(), WorkloadReader.fromManifest(workload));
        } catch (JsonProcessingException e) {
            problems.add(m.source() + ":" + m.line() + ": " + m.kind() + " " + m.name() + ": not a valid manifest: " + e.getOriginalMessage());
        } catch (RuntimeException e) {
            problems.add(m.at("spec.template.spec.containers") + ": " + m.kind() + " " + m.name() + ": spec.template.spec.containers is required");
        }
    }
}
