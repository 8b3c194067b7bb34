package dev.sqo.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;

/** The replica range sqo keeps the workload in. */
@ValidationRule(value = "self.min <= self.max", message = "replicas.min must not be greater than replicas.max")
public class ReplicaBounds {

    @Required
    @Min(1)
    @Max(10000)
    @JsonPropertyDescription("Fewest replicas sqo may set.")
    public int min;

    @Required
    @Min(1)
    @Max(10000)
    @JsonPropertyDescription("Most replicas sqo may set.")
    public int max;
}
