package dev.sqo.reconcile;

import dev.sqo.api.NodeTuningProfile;
import dev.sqo.api.NodeTuningProfileStatus;
import dev.sqo.api.NodeTuningState;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** A NodeTuningProfile's status, built whole from what was found: conditions Applied, Degraded and Warning. */
final class NodeTuningStatusAggregator {

    static final String APPLIED = "Applied";
    static final String DEGRADED = "Degraded";
    static final String WARNING = "Warning";

    private NodeTuningStatusAggregator() {
    }

    static NodeTuningProfileStatus invalid(NodeTuningProfile profile, List<String> problems, Instant now) {
        NodeTuningProfileStatus status = new NodeTuningProfileStatus();
        status.observedGeneration = profile.getMetadata().getGeneration();
        String message = "The spec is invalid: " + String.join("; ", problems) + ". Nothing is applied.";
        status.conditions = new ConditionSet(previous(profile), status.observedGeneration, now)
                .set(APPLIED, ConditionSet.FALSE, "InvalidSpec", message)
                .set(DEGRADED, ConditionSet.TRUE, "InvalidSpec", message).build();
        return status;
    }

    static NodeTuningProfileStatus build(NodeTuningProfile profile, String mechanism, List<String> matched,
                                         Map<String, NodeTuningState> states, List<String> claimedElsewhere, List<String> warnings,
                                         Instant now) {
        NodeTuningProfileStatus status = new NodeTuningProfileStatus();
        status.observedGeneration = profile.getMetadata().getGeneration();
        status.mechanism = mechanism;
        status.matchedNodes = matched.size();
        status.nodes = states.values().stream().sorted(Comparator.comparing(s -> s.name)).toList();
        status.appliedNodes = (int) status.nodes.stream().filter(s -> "Applied".equals(s.state)).count();
        ConditionSet conditions = new ConditionSet(previous(profile), status.observedGeneration, now);
        List<NodeTuningState> degraded = status.nodes.stream().filter(s -> "Degraded".equals(s.state)).toList();
        if (matched.isEmpty()) {
            conditions.set(APPLIED, ConditionSet.FALSE, "NoMatchingNodes", "No node carries the labels of spec.nodeSelector"
                    + (claimedElsewhere.isEmpty() ? "." : " without being claimed by another profile first: "
                    + String.join(", ", claimedElsewhere) + " (the first profile by name wins)."));
        } else if (status.appliedNodes == matched.size()) {
            conditions.set(APPLIED, ConditionSet.TRUE, "AllNodesApplied", "Applied on all " + matched.size() + " matched nodes through "
                    + mechanism + "." + contested(claimedElsewhere));
        } else {
            conditions.set(APPLIED, ConditionSet.FALSE, degraded.isEmpty() ? "Pending" : "SettingsFailed",
                    "Applied on " + status.appliedNodes + " of " + matched.size() + " matched nodes; "
                            + status.nodes.stream().filter(s -> !"Applied".equals(s.state)).map(s -> s.name + ": " + s.state)
                            .collect(Collectors.joining(", ")) + "." + contested(claimedElsewhere));
        }
        if (degraded.isEmpty()) {
            conditions.set(DEGRADED, ConditionSet.FALSE, "NoFailures", "No setting failed on any node.");
        } else {
            conditions.set(DEGRADED, ConditionSet.TRUE, "SettingFailed", degraded.stream().map(s -> s.name + ": " + s.message)
                    .collect(Collectors.joining("; ")) + ".");
        }
        if (warnings.isEmpty()) {
            conditions.set(WARNING, ConditionSet.FALSE, "None", "Nothing to warn about.");
        } else {
            conditions.set(WARNING, ConditionSet.TRUE, "LegacySchedulerName", String.join("; ", warnings) + ".");
        }
        status.conditions = conditions.build();
        return status;
    }

    private static String contested(List<String> nodes) {
        return nodes.isEmpty() ? "" : " Also matched but claimed by a profile earlier by name: " + String.join(", ", nodes) + ".";
    }

    private static List<dev.sqo.api.StatusCondition> previous(NodeTuningProfile profile) {
        return profile.getStatus() == null ? null : profile.getStatus().conditions;
    }
}
