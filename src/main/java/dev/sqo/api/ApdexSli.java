package dev.sqo.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

public class ApdexSli extends HistogramSli {

    @Required
    @Pattern(Durations.LATENCY_PATTERN)
    @JsonPropertyDescription("Apdex T: requests at or under T are satisfied, up to 4T tolerating. "
            + "Both T and 4T must be bucket bounds of the histogram.")
    public String threshold;
}
