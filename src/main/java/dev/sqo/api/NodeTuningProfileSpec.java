package dev.sqo.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;

import java.util.LinkedHashMap;
import java.util.Map;

/** Typed, validated node settings: there are deliberately no free-form sysctls. */
@ValidationRule(value = "has(self.cpu) || has(self.vm) || has(self.disk) || has(self.net) || has(self.kubelet)",
        message = "set at least one of cpu, vm, disk, net or kubelet")
public class NodeTuningProfileSpec {

    @Required
    @ValidationRule(value = "size(self) > 0", message = "nodeSelector must have at least one label: a profile for every node is a mistake")
    @JsonPropertyDescription("Labels a node must carry to get this profile. sqo labels the matched nodes "
            + "sqo.dev/tuning-profile=<profile name>.")
    public Map<String, String> nodeSelector = new LinkedHashMap<>();

    @JsonPropertyDescription("CPU frequency scaling.")
    public CpuTuning cpu;

    @JsonPropertyDescription("Virtual memory.")
    public VmTuning vm;

    @JsonPropertyDescription("Block device IO scheduling.")
    public DiskTuning disk;

    @JsonPropertyDescription("Network buffer limits.")
    public NetTuning net;

    @JsonPropertyDescription("What the kubelet on these nodes must be configured with; sqo verifies it and reports a mismatch, "
            + "it does not reconfigure the kubelet.")
    public KubeletExpectation kubelet;
}
