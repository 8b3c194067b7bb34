package dev.sqo.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;

@ValidationRule(value = "self.percentile > 0.0 && self.percentile < 100.0",
        message = "percentile is strictly between 0 and 100, e.g. 99")
public class LatencyPercentileSli extends HistogramSli {

    @Required
    @JsonPropertyDescription("Percentile of request latency in each 5-minute slice, e.g. 99 for p99.")
    public double percentile;

    @Required
    @Pattern(Durations.LATENCY_PATTERN)
    @JsonPropertyDescription("A slice is good when its percentile latency is at or under this, e.g. 500ms.")
    public String threshold;

    @Default("10")
    @Min(1)
    @Max(1000000)
    @JsonPropertyDescription("Slices with fewer requests are not counted, neither good nor bad: the p99 of a handful of "
            + "requests is one request. Defaults to 10.")
    public long minimumRequests = 10;
}
