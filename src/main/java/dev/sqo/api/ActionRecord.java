package dev.sqo.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** One action sqo took on the workload, and whether it helped. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ActionRecord {

    @JsonPropertyDescription("Decision id: the same decision is never applied twice, also across operator restarts.")
    public String id;

    @JsonPropertyDescription("When the action was applied (RFC 3339).")
    public String time;

    @JsonPropertyDescription("ScaleOut, ScaleIn, Resize, RaiseHpaFloor or RestoreHpaFloor.")
    public String kind;

    @JsonPropertyDescription("The object changed, as Kind/name.")
    public String object;

    @JsonPropertyDescription("Value before the action: replicas, or container resources.")
    public String from;

    @JsonPropertyDescription("Value after the action.")
    public String to;

    @JsonPropertyDescription("The signal that triggered the action, e.g. cpu or latency:checkout-p99.")
    public String signal;

    @JsonPropertyDescription("The signal's value when the action was decided.")
    public Double signalValue;

    @JsonPropertyDescription("Why sqo acted, in a sentence.")
    public String reason;

    @JsonPropertyDescription("Applied or Failed.")
    public String result;

    @JsonPropertyDescription("Pending until the validation window has passed, then Effective, Ineffective or NotApplicable; Undone "
            + "when another writer undid the action (it is not judged), Forgiven once a person cleared the holds since.")
    public String validation;

    @JsonPropertyDescription("What the validation found.")
    public String validationMessage;
}
