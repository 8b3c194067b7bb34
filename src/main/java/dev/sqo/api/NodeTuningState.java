package dev.sqo.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** The profile on one node. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class NodeTuningState {

    @JsonPropertyDescription("Node name.")
    public String name;

    @JsonPropertyDescription("Applied, Degraded (a setting failed, or the node agent's journal of originals was unreadable and set aside) or Pending (not reported yet).")
    public String state;

    @JsonPropertyDescription("The failing settings, or what the node is waiting for.")
    public String message;

    @JsonPropertyDescription("When the node last reported (RFC 3339).")
    public String reportedAt;
}
