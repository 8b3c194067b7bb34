package dev.sqo.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;

import java.util.List;

/** One direction of the HPA behavior: stabilization window, policies and how to pick among them. */
public class ScalingDirection {

    @Min(0)
    @Max(3600)
    @JsonPropertyDescription("Seconds of past recommendations to consider: the most conservative one in the window wins. "
            + "Defaults to 0 for scaleUp and 300 for scaleDown.")
    public Integer stabilizationWindowSeconds;

    @Pattern("^(Max|Min|Disabled)$")
    @JsonPropertyDescription("Max (default) applies the policy allowing the largest change, Min the smallest, Disabled "
            + "forbids this direction.")
    public String selectPolicy;

    @Size(max = 10)
    @JsonPropertyDescription("Rate limits of this direction. Defaults as in the HPA.")
    public List<ScalingPolicySpec> policies;
}
