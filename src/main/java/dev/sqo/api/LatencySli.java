package dev.sqo.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

public class LatencySli extends HistogramSli {

    @Required
    @Pattern(Durations.LATENCY_PATTERN)
    @JsonPropertyDescription("Latency a good request stays at or under, e.g. 300ms. Must be one of the histogram's bucket bounds.")
    public String threshold;
}
