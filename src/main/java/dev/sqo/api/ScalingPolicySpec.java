package dev.sqo.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/** At most value pods or value percent per periodSeconds, as in the HPA. */
public class ScalingPolicySpec {

    @Required
    @Pattern("^(Pods|Percent)$")
    @JsonPropertyDescription("Pods or Percent.")
    public String type;

    @Required
    @Min(1)
    @Max(10000)
    @JsonPropertyDescription("Pods, or percent of the replicas at the start of the period.")
    public int value;

    @Required
    @Min(1)
    @Max(1800)
    @JsonPropertyDescription("Length of the period in seconds, 1 to 1800.")
    public int periodSeconds;
}
