package dev.sqo.actuate;

import dev.sqo.api.SqoApi;
import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.NodeAffinity;
import io.fabric8.kubernetes.api.model.NodeSelector;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirementBuilder;
import io.fabric8.kubernetes.api.model.NodeSelectorTerm;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;

import java.util.ArrayList;
import java.util.List;

/**
 * The required node affinity that puts a workload on a tuning profile's nodes. The terms of a required node
 * affinity are alternatives, so the profile's expression goes into every term: the user's own placement still holds,
 * and only on tuned nodes.
 */
final class PodPlacement {

    private PodPlacement() {
    }

    /** The profile every required term restricts the pods to, or null. */
    static String pinnedTo(PodTemplateSpec template) {
        List<NodeSelectorTerm> terms = terms(template);
        String profile = null;
        for (NodeSelectorTerm t : terms) {
            String in = t.getMatchExpressions() == null ? null : t.getMatchExpressions().stream()
                    .filter(e -> SqoApi.TUNING_PROFILE_LABEL.equals(e.getKey()) && "In".equals(e.getOperator())
                            && e.getValues() != null && e.getValues().size() == 1)
                    .map(e -> e.getValues().get(0)).findFirst().orElse(null);
            if (in == null || (profile != null && !profile.equals(in))) {
                return null;
            }
            profile = in;
        }
        return profile;
    }

    /** Restricts the template's pods to the profile's nodes, replacing an earlier profile restriction of sqo's. */
    static void pin(PodTemplateSpec template, String profile) {
        var spec = template.getSpec();
        Affinity affinity = spec.getAffinity() == null ? new Affinity() : spec.getAffinity();
        NodeAffinity node = affinity.getNodeAffinity() == null ? new NodeAffinity() : affinity.getNodeAffinity();
        NodeSelector required = node.getRequiredDuringSchedulingIgnoredDuringExecution() == null ? new NodeSelector()
                : node.getRequiredDuringSchedulingIgnoredDuringExecution();
        List<NodeSelectorTerm> terms = required.getNodeSelectorTerms() == null || required.getNodeSelectorTerms().isEmpty()
                ? new ArrayList<>(List.of(new NodeSelectorTerm())) : new ArrayList<>(required.getNodeSelectorTerms());
        NodeSelectorRequirement onProfile = new NodeSelectorRequirementBuilder().withKey(SqoApi.TUNING_PROFILE_LABEL)
                .withOperator("In").withValues(profile).build();
        for (NodeSelectorTerm t : terms) {
            List<NodeSelectorRequirement> expressions = t.getMatchExpressions() == null ? new ArrayList<>()
                    : new ArrayList<>(t.getMatchExpressions());
            expressions.removeIf(e -> SqoApi.TUNING_PROFILE_LABEL.equals(e.getKey()));
            expressions.add(onProfile);
            t.setMatchExpressions(expressions);
        }
        required.setNodeSelectorTerms(terms);
        node.setRequiredDuringSchedulingIgnoredDuringExecution(required);
        affinity.setNodeAffinity(node);
        spec.setAffinity(affinity);
    }

    private static List<NodeSelectorTerm> terms(PodTemplateSpec template) {
        Affinity a = template.getSpec().getAffinity();
        if (a == null || a.getNodeAffinity() == null || a.getNodeAffinity().getRequiredDuringSchedulingIgnoredDuringExecution() == null
                || a.getNodeAffinity().getRequiredDuringSchedulingIgnoredDuringExecution().getNodeSelectorTerms() == null) {
            return List.of();
        }
        return a.getNodeAffinity().getRequiredDuringSchedulingIgnoredDuringExecution().getNodeSelectorTerms();
    }
}
