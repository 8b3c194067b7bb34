package dev.sqo.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.generator.annotation.Required;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** What "good service" means for one workload, and (later) what sqo may do about it. */
@Group(SqoApi.GROUP)
@Version(SqoApi.VERSION)
@ShortNames("sq")
@AdditionalPrinterColumn(name = "Target", jsonPath = ".status.target", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Met", jsonPath = ".status.objectivesMet", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Budget", jsonPath = ".status.worstBudgetRemaining", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Burn-1h", jsonPath = ".status.worstBurnRate1h", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Alert", jsonPath = ".status.alert", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Ready", jsonPath = ".status.conditions[?(@.type==\"Ready\")].status", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
public class ServiceQuality extends CustomResource<ServiceQualitySpec, ServiceQualityStatus> implements Namespaced {

    // Overridden only to describe the two fields in the CRD schema.
    @Override
    @Required
    @JsonPropertyDescription("What good service means for the workload: its SLOs, their window and maintenance windows.")
    public ServiceQualitySpec getSpec() {
        return super.getSpec();
    }

    @Override
    @JsonPropertyDescription("How the workload is doing against its SLOs, as of the last 5-minute slice boundary. Written by sqo.")
    public ServiceQualityStatus getStatus() {
        return super.getStatus();
    }
}
