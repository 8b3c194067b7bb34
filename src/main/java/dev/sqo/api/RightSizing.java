package dev.sqo.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;

import java.util.ArrayList;
import java.util.List;

/**
 * Permission and bounds for sqo to change container resources: right-sizing from observed usage, in the spirit of
 * the VerticalPodAutoscaler, and memory raises. Without this block sqo never changes container resources.
 */
public class RightSizing {

    @Default("true")
    @JsonPropertyDescription("Whether requests follow observed usage. Defaults to true. With false, sqo changes container "
            + "resources only to raise memory when a MemoryUtilization trigger fires, within the bounds below.")
    public boolean enabled = true;

    @Size(max = 20)
    @JsonPropertyDescription("Names of the containers to right-size; all containers of the pod template when empty.")
    public List<String> containers = new ArrayList<>();

    @Default("7d")
    @Size(max = 10)
    @Pattern(Durations.PERIOD_PATTERN)
    @JsonPropertyDescription("Usage history the recommendation is computed from. Defaults to 7d.")
    public String lookback = "7d";

    @JsonPropertyDescription("CPU: bounds, percentile (default 90) and margin (default 15%).")
    public ResourceSizing cpu;

    @JsonPropertyDescription("Memory, sized from 5-minute peaks of the working set: bounds, percentile (default 95) and "
            + "margin (default 15%).")
    public ResourceSizing memory;

    @Default("10")
    @Min(0)
    @Max(100)
    @JsonPropertyDescription("Change in percent below which a request is left alone, so that noise does not roll the pods. "
            + "Defaults to 10.")
    public double minimumChange = 10;
}
