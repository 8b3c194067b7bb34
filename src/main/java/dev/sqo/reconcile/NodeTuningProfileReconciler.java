package dev.sqo.reconcile;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sqo.actuate.NodeAgent;
import dev.sqo.actuate.NodeLabels;
import dev.sqo.actuate.TunedObjects;
import dev.sqo.api.NodeTuningProfile;
import dev.sqo.api.NodeTuningProfileStatus;
import dev.sqo.api.NodeTuningState;
import dev.sqo.api.NodeTuningValidator;
import dev.sqo.api.SqoApi;
import dev.sqo.tuning.NodeClaims;
import dev.sqo.tuning.NodeReport;
import dev.sqo.tuning.ProfileSettings;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.micrometer.core.instrument.MeterRegistry;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Brings a NodeTuningProfile to its nodes: labels the nodes it claims, renders a Tuned object where the OpenShift
 * Node Tuning Operator runs (else the node agent applies it), and reports per-node state in the status.
 */
@ControllerConfiguration(name = "nodetuningprofile")
public class NodeTuningProfileReconciler implements Reconciler<NodeTuningProfile>, Cleaner<NodeTuningProfile> {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final KubernetesClient client;
    private final NodeLabels labels;
    private final TunedObjects tuned;
    private final Clock clock;
    private final SqoConfig config;
    private final ReconcileTimer timer;

    public NodeTuningProfileReconciler(KubernetesClient client, Clock clock, SqoConfig config, MeterRegistry registry) {
        this.client = client;
        this.labels = new NodeLabels(client);
        this.tuned = new TunedObjects(client, config.tuning().tunedNamespace());
        this.clock = clock;
        this.config = config;
        this.timer = new ReconcileTimer(registry, "nodetuningprofile");
    }

    @Override
    public UpdateControl<NodeTuningProfile> reconcile(NodeTuningProfile profile, Context<NodeTuningProfile> context) {
        return timer.time(() -> tune(profile));
    }

    private UpdateControl<NodeTuningProfile> tune(NodeTuningProfile profile) {
        Instant now = clock.instant();
        String name = profile.getMetadata().getName();
        List<String> problems = NodeTuningValidator.problems(profile);
        NodeTuningProfileStatus status;
        if (!problems.isEmpty()) {
            status = NodeTuningStatusAggregator.invalid(profile, problems, now);
        } else {
            List<Node> nodes = client.nodes().list().getItems();
            Map<String, Map<String, String>> nodeLabels = new HashMap<>();
            nodes.forEach(n -> nodeLabels.put(n.getMetadata().getName(),
                    n.getMetadata().getLabels() == null ? Map.of() : n.getMetadata().getLabels()));
            List<NodeClaims.Profile> all = client.resources(NodeTuningProfile.class).list().getItems().stream()
                    // An invalid or deleted profile claims no node: it would keep them from a valid one and apply nothing.
                    .filter(p -> p.getMetadata().getDeletionTimestamp() == null
                            && NodeTuningValidator.problems(p).isEmpty())
                    .map(p -> new NodeClaims.Profile(p.getMetadata().getName(), p.getSpec().nodeSelector)).toList();
            Map<String, String> claims = NodeClaims.assign(all, nodeLabels);
            List<String> mine = new ArrayList<>();
            for (Node n : nodes) {
                String claimed = claims.get(n.getMetadata().getName());
                String current = nodeLabels.get(n.getMetadata().getName()).get(SqoApi.TUNING_PROFILE_LABEL);
                if (name.equals(claimed)) {
                    labels.assign(n, name);
                    mine.add(n.getMetadata().getName());
                } else if (name.equals(current)) {
                    labels.assign(n, claimed); // no longer matched: the node's agent restores it, or another profile takes it
                }
            }
            ProfileSettings settings = ProfileSettings.of(profile.getSpec());
            Map<String, NodeTuningState> states = new HashMap<>();
            SqoConfig.TuningMechanism mechanism = config.tuning().mechanism();
            boolean tunedInstalled = tuned.installed();
            if (mechanism == SqoConfig.TuningMechanism.Tuned && tunedInstalled) {
                tuned.publish(profile, settings.settings());
                Map<String, String[]> reported = tuned.nodeStates(name);
                for (String node : mine) {
                    String[] s = reported.getOrDefault(node, new String[]{"Pending", "the Node Tuning Operator has no Profile for the node yet"});
                    states.put(node, state(node, s[0], s[1], null));
                }
            } else if (mechanism == SqoConfig.TuningMechanism.Tuned) {
                for (String node : mine) {
                    states.put(node, state(node, "Pending", "sqo is set to apply profiles through the OpenShift Node Tuning "
                            + "Operator (sqo.tuning.mechanism=Tuned), but this cluster has no " + TunedObjects.API_VERSION
                            + " API: install the chart with nodeTuning.openshift=false to use sqo's node agent", null));
                }
            } else {
                for (Node n : nodes) {
                    if (mine.contains(n.getMetadata().getName())) {
                        states.put(n.getMetadata().getName(), agentState(n, profile, tunedInstalled));
                    }
                }
            }
            NodeClaims.Profile self = new NodeClaims.Profile(name, profile.getSpec().nodeSelector);
            status = NodeTuningStatusAggregator.build(profile, mechanism.name(), mine, states, NodeClaims.lost(self, nodeLabels, claims),
                    settings.warnings(), now);
        }
        UpdateControl<NodeTuningProfile> control;
        if (JSON.valueToTree(status).equals(JSON.valueToTree(profile.getStatus()))) {
            control = UpdateControl.noUpdate();
        } else {
            NodeTuningProfile patch = new NodeTuningProfile();
            patch.setMetadata(new ObjectMetaBuilder().withName(name).build());
            patch.setStatus(status);
            control = UpdateControl.patchStatus(patch);
        }
        return control.rescheduleAfter(config.reconcile().interval());
    }

    /** What the node agent reported for this profile at this generation; anything older is still pending. */
    private static NodeTuningState agentState(Node node, NodeTuningProfile profile, boolean tunedInstalled) {
        Map<String, String> annotations = node.getMetadata().getAnnotations();
        NodeReport report = NodeAgent.decode(annotations == null ? null : annotations.get(SqoApi.TUNING_STATE_ANNOTATION));
        String name = node.getMetadata().getName();
        if (report == null || !profile.getMetadata().getName().equals(report.profile())
                || !java.util.Objects.equals(report.generation(), profile.getMetadata().getGeneration())) {
            // With TuneD on the node too, enabling the agent would leave two daemons writing the same settings.
            String hint = tunedInstalled ? " (this cluster runs the OpenShift Node Tuning Operator: install the chart with "
                    + "nodeTuning.openshift=true so that TuneD applies it)" : " (is the agent DaemonSet enabled?)";
            return state(name, "Pending", "waiting for the sqo node agent on the node to apply generation "
                    + profile.getMetadata().getGeneration() + hint, report == null ? null : report.reportedAt());
        }
        return report.degraded() ? state(name, "Degraded", String.join("; ", report.failed()), report.reportedAt())
                : state(name, "Applied", null, report.reportedAt());
    }

    private static NodeTuningState state(String node, String state, String message, String reportedAt) {
        NodeTuningState s = new NodeTuningState();
        s.name = node;
        s.state = state;
        s.message = message;
        s.reportedAt = reportedAt;
        return s;
    }

    /** Deleting a profile frees its nodes: the label goes, the agents restore their originals, TuneD drops the Tuned object. */
    @Override
    public DeleteControl cleanup(NodeTuningProfile profile, Context<NodeTuningProfile> context) {
        String name = profile.getMetadata().getName();
        for (Node n : client.nodes().withLabel(SqoApi.TUNING_PROFILE_LABEL, name).list().getItems()) {
            labels.assign(n, null);
        }
        return DeleteControl.defaultDelete();
    }
}
