package dev.sqo.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import java.util.ArrayList;
import java.util.List;

/** The plan sqo computed this cycle: applied in Auto mode, only shown in Recommend mode. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RecommendationStatus {

    @JsonPropertyDescription("Replicas of the workload now.")
    public Integer currentReplicas;

    @JsonPropertyDescription("Replicas sqo recommends, after behavior, bounds and guard rails.")
    public Integer replicas;

    @JsonPropertyDescription("Container requests and limits sqo recommends; only containers with a change worth making.")
    public List<ContainerResources> resources = new ArrayList<>();

    @JsonPropertyDescription("CPU pinning onto a NodeTuningProfile's nodes: Pinned, Planned (the change that would pin it), "
            + "Refused (with why), or NotGuaranteed (the template is pinned but the pods' QoS is not Guaranteed), when "
            + "spec.optimization.cpuPinning is set.")
    public String cpuPinning;

    @JsonPropertyDescription("The load, capacity and forecast behind the replica recommendation, when sqo's objective control "
            + "decides replicas (no trigger that scales is listed).")
    public LoadStatus load;

    @JsonPropertyDescription("Why, one sentence per signal and guard rail.")
    public List<String> reasons = new ArrayList<>();
}
