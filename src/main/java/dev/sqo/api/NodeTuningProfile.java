package dev.sqo.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** Node-level tuning for latency-critical workloads, for the nodes a selector picks. Cluster-scoped. */
@Group(SqoApi.GROUP)
@Version(SqoApi.VERSION)
@ShortNames("ntp")
@AdditionalPrinterColumn(name = "Mechanism", jsonPath = ".status.mechanism", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Nodes", jsonPath = ".status.matchedNodes", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "Applied", jsonPath = ".status.appliedNodes", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "Degraded", jsonPath = ".status.conditions[?(@.type==\"Degraded\")].status",
        type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
@ValidationRule(value = "size(self.metadata.name) <= 63",
        message = "a NodeTuningProfile's name is at most 63 characters: it becomes the value of its nodes' sqo.dev/tuning-profile label")
public class NodeTuningProfile extends CustomResource<NodeTuningProfileSpec, NodeTuningProfileStatus> {

    // Overridden only to describe the two fields in the CRD schema, and to require the spec.
    @Override
    @Required
    @JsonPropertyDescription("Which nodes, and the typed settings they get.")
    public NodeTuningProfileSpec getSpec() {
        return super.getSpec();
    }

    @Override
    @JsonPropertyDescription("Where the profile is applied, per node. Written by sqo.")
    public NodeTuningProfileStatus getStatus() {
        return super.getStatus();
    }
}
