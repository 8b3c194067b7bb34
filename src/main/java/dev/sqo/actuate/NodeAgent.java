package dev.sqo.actuate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sqo.api.NodeTuningProfile;
import dev.sqo.api.NodeTuningValidator;
import dev.sqo.api.SqoApi;
import dev.sqo.tuning.NodeReport;
import dev.sqo.tuning.NodeTuner;
import dev.sqo.tuning.ProfileSettings;
import dev.sqo.tuning.SettingResult;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The node agent in a cluster: applies the profile the operator assigned to its node (the sqo.dev/tuning-profile
 * label), restores everything when the label goes, and reports what it did in an annotation on its node.
 */
public final class NodeAgent {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final KubernetesClient client;
    private final NodeTuner tuner;
    private final String nodeName;
    private final Clock clock;

    public NodeAgent(KubernetesClient client, NodeTuner tuner, String nodeName, Clock clock) {
        this.client = client;
        this.tuner = tuner;
        this.nodeName = nodeName;
        this.clock = clock;
    }

    /** One pass: read the assignment, apply or restore, report. */
    public List<SettingResult> cycle() throws IOException {
        Node node = client.nodes().withName(nodeName).get();
        if (node == null) {
            throw new IllegalStateException("node " + nodeName + " does not exist: set NODE_NAME from spec.nodeName");
        }
        String assigned = node.getMetadata().getLabels() == null ? null : node.getMetadata().getLabels().get(SqoApi.TUNING_PROFILE_LABEL);
        NodeTuningProfile profile = assigned == null ? null : client.resources(NodeTuningProfile.class).withName(assigned).get();
        List<SettingResult> results;
        NodeReport report;
        String now = clock.instant().truncatedTo(ChronoUnit.SECONDS).toString();
        if (profile == null) {
            results = tuner.restore();
            report = NodeReport.of(null, null, results, now);
        } else if (!NodeTuningValidator.problems(profile.getSpec()).isEmpty()) {
            // A profile that slipped past admission is refused whole: the agent writes only typed, valid settings.
            results = List.of();
            report = new NodeReport(assigned, profile.getMetadata().getGeneration(),
                    NodeTuningValidator.problems(profile.getSpec()), now);
        } else {
            results = tuner.apply(assigned, ProfileSettings.of(profile.getSpec()).settings());
            report = NodeReport.of(assigned, profile.getMetadata().getGeneration(), results, now);
        }
        client.nodes().withName(nodeName).edit(n -> {
            Map<String, String> annotations = n.getMetadata().getAnnotations() == null ? new HashMap<>()
                    : new HashMap<>(n.getMetadata().getAnnotations());
            annotations.put(SqoApi.TUNING_STATE_ANNOTATION, encode(report));
            n.getMetadata().setAnnotations(annotations);
            return n;
        });
        return results;
    }

    static String encode(NodeReport report) {
        try {
            return JSON.writeValueAsString(report);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The report on a node, or null when there is none or it cannot be read. */
    public static NodeReport decode(String annotation) {
        if (annotation == null) {
            return null;
        }
        try {
            return JSON.readValue(annotation, NodeReport.class);
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
