package dev.sqo.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

@ValidationRule(value = "[has(self.ratio), has(self.latency), has(self.latencyPercentile), has(self.apdex)].exists_one(k, k)",
        message = "set exactly one SLI: ratio, latency, latencyPercentile or apdex")
@ValidationRule(value = "self.target > 0.0 && self.target < 100.0",
        message = "target is a percentage strictly between 0 and 100, e.g. 99.9")
public class Objective {

    @Required
    @Size(min = 1, max = 63)
    @Pattern("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$")
    @JsonPropertyDescription("Name of the objective, unique within the ServiceQuality (lowercase, digits and '-').")
    public String name;

    @Required
    @JsonPropertyDescription("Objective in percent, strictly between 0 and 100: the share of good events "
            + "(ratio, latency), of good 5-minute slices (latencyPercentile) or the minimum Apdex score (apdex).")
    public double target;

    @JsonPropertyDescription("Which generated burn-rate alerts this objective gets; both by default.")
    public ObjectiveAlerts alerts;

    @JsonPropertyDescription("SLI from two PromQL expressions: errors (or good) events and total events.")
    public RatioSli ratio;

    @JsonPropertyDescription("SLI from a histogram: the share of requests at or under a latency threshold.")
    public LatencySli latency;

    @JsonPropertyDescription("SLI from a histogram: the share of 5-minute slices whose percentile latency "
            + "is at or under a threshold.")
    public LatencyPercentileSli latencyPercentile;

    @JsonPropertyDescription("SLI from a histogram: the Apdex score for a satisfied threshold T (tolerating up to 4T).")
    public ApdexSli apdex;
}
