package dev.sqo.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;

/** Per-objective opt-out of the generated burn-rate alerts. */
public class ObjectiveAlerts {

    @Default("true")
    @JsonPropertyDescription("Generate the page alert (fast burn) for this objective. Defaults to true.")
    public boolean page = true;

    @Default("true")
    @JsonPropertyDescription("Generate the ticket alert (slow burn) for this objective. Defaults to true.")
    public boolean ticket = true;
}
