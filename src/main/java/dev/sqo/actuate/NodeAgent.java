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
import java.time.Duration;
import java.time.Instant;
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
    private static final Duration HEARTBEAT = Duration.ofMinutes(10);

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
        } else if (!NodeTuningValidator.problems(profile).isEmpty()) {
            // A profile that slipped past admission is refused whole, and what an earlier one wrote is given back:
            // the agent writes only typed, valid settings.
            results = tuner.restore();
            report = new NodeReport(assigned, profile.getMetadata().getGeneration(),
                    NodeTuningValidator.problems(profile), now);
        } else {
            results = tuner.apply(assigned, ProfileSettings.of(profile.getSpec()).settings());
            report = NodeReport.of(assigned, profile.getMetadata().getGeneration(), results, now);
        }
        Map<String, String> annotations = node.getMetadata().getAnnotations();
        NodeReport previous = decode(annotations == null ? null : annotations.get(SqoApi.TUNING_STATE_ANNOTATION));
        if (previous == null || !previous.sameAs(report) || stale(previous)) {
            client.nodes().withName(nodeName).edit(n -> {
                Map<String, String> a = n.getMetadata().getAnnotations() == null ? new HashMap<>() : new HashMap<>(n.getMetadata().getAnnotations());
                a.put(SqoApi.TUNING_STATE_ANNOTATION, encode(report));
                n.getMetadata().setAnnotations(a);
                return n;
            });
        }
        return results;
    }

    /** An unchanged report is written again only this often, as a heartbeat that the agent still runs. */
    private boolean stale(NodeReport previous) {
        try {
            return Instant.parse(previous.reportedAt()).isBefore(clock.instant().minus(HEARTBEAT));
        } catch (RuntimeException e) {
            return true;
        }
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
