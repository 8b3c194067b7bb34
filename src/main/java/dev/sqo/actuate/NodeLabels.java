package dev.sqo.actuate;

import dev.sqo.api.SqoApi;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.util.HashMap;
import java.util.Map;

/** The sqo.dev/tuning-profile label on nodes: how a profile claims its nodes for TuneD, the agent and pinned pods. */
public final class NodeLabels {

    private final KubernetesClient client;

    public NodeLabels(KubernetesClient client) {
        this.client = client;
    }

    /** Sets the label to the profile (null removes it); writes only on change. */
    public void assign(Node node, String profile) {
        Map<String, String> labels = node.getMetadata().getLabels() == null ? Map.of() : node.getMetadata().getLabels();
        if (java.util.Objects.equals(labels.get(SqoApi.TUNING_PROFILE_LABEL), profile)) {
            return;
        }
        client.nodes().withName(node.getMetadata().getName()).edit(n -> {
            Map<String, String> l = n.getMetadata().getLabels() == null ? new HashMap<>() : new HashMap<>(n.getMetadata().getLabels());
            if (profile == null) {
                l.remove(SqoApi.TUNING_PROFILE_LABEL);
            } else {
                l.put(SqoApi.TUNING_PROFILE_LABEL, profile);
            }
            n.getMetadata().setLabels(l);
            return n;
        });
    }
}
