package dev.sqo.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** A workload in the ServiceQuality's namespace; there is deliberately no namespace field. */
public class TargetRef {

    @Default("apps/v1")
    @Pattern("^apps/v1$")
    @JsonPropertyDescription("API version of the target. Only apps/v1 is supported.")
    public String apiVersion = "apps/v1";

    @Required
    @Pattern("^(Deployment|StatefulSet)$")
    @JsonPropertyDescription("Kind of the target: Deployment or StatefulSet.")
    public String kind;

    @Required
    @Size(min = 1, max = 253)
    @JsonPropertyDescription("Name of the target in the same namespace as this ServiceQuality.")
    public String name;

    @Override
    public String toString() {
        return kind + "/" + name;
    }
}
