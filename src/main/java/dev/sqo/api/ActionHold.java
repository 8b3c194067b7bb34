package dev.sqo.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Actions of one kind for one signal that sqo holds because the last one did not help. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ActionHold {

    @JsonPropertyDescription("The kind of action held, e.g. ScaleOut.")
    public String kind;

    @JsonPropertyDescription("The signal whose actions are held.")
    public String signal;

    @JsonPropertyDescription("When the hold began (RFC 3339).")
    public String since;

    @JsonPropertyDescription("Why, and how to clear it: the hold ends when the signal recovers, or when a person sets the "
            + "annotation sqo.dev/clear-holds on the ServiceQuality to a new value.")
    public String reason;
}
