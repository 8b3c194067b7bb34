package dev.sqo.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import java.util.ArrayList;
import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class NodeTuningProfileStatus {

    @JsonPropertyDescription("The metadata.generation this status was computed from.")
    public Long observedGeneration;

    @JsonPropertyDescription("How the settings reach the nodes: Tuned (the OpenShift Node Tuning Operator) or Agent (sqo's node agent).")
    public String mechanism;

    @JsonPropertyDescription("Nodes the selector matches.")
    public Integer matchedNodes;

    @JsonPropertyDescription("Matched nodes where every setting is applied.")
    public Integer appliedNodes;

    @JsonPropertyDescription("Per matched node: whether the profile is applied.")
    public List<NodeTuningState> nodes = new ArrayList<>();

    @JsonPropertyDescription("Applied, Degraded and Warning, per Kubernetes API conventions.")
    public List<StatusCondition> conditions = new ArrayList<>();
}
