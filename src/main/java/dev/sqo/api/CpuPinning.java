package dev.sqo.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** Exclusive cores on tuned nodes for a latency-critical workload. */
public class CpuPinning {

    @Required
    @Size(min = 1, max = 253)
    @JsonPropertyDescription("The NodeTuningProfile whose nodes the workload moves to. Its pods become Guaranteed with whole CPUs, "
            + "which the kubelet's static CPU manager pins to exclusive cores.")
    public String profile;

    @Size(max = 253)
    @Pattern("^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$")
    @JsonPropertyDescription("A PriorityClass to give the pods, so that they are scheduled first and evicted last. Kubernetes has "
            + "no per-process nice value; this is its scheduling-level counterpart. Unset leaves the pods' priority as it is.")
    public String priorityClassName;
}
