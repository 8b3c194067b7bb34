package dev.sqo.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import java.util.ArrayList;
import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class ServiceQualityStatus {

    @JsonPropertyDescription("The metadata.generation this status was computed from.")
    public Long observedGeneration;

    @JsonPropertyDescription("The evaluated workload as Kind/name.")
    public String target;

    @JsonPropertyDescription("Objectives met out of all objectives, e.g. 2/3. Objectives without data do not count as met.")
    public String objectivesMet;

    @JsonPropertyDescription("Remaining error budget of the objective with the least left, in percent of its budget.")
    public String worstBudgetRemaining;

    @JsonPropertyDescription("Highest 1h burn rate among the objectives.")
    public String worstBurnRate1h;

    @JsonPropertyDescription("Most severe multi-window burn-rate alert among the objectives: None, Ticket or Page.")
    public String alert;

    @JsonPropertyDescription("Ready, MetricsAvailable, ObjectivesMet, BudgetBurning, RulesPublished, Optimizing and Investigate, per Kubernetes API conventions.")
    public List<StatusCondition> conditions = new ArrayList<>();

    @JsonPropertyDescription("Evaluation of each objective.")
    public List<ObjectiveStatus> objectives = new ArrayList<>();

    @JsonPropertyDescription("The plan of the last cycle: applied in Auto mode, only shown in Recommend mode.")
    public RecommendationStatus recommendation;

    @JsonPropertyDescription("The last 20 actions sqo took, newest last.")
    public List<ActionRecord> actions = new ArrayList<>();

    @JsonPropertyDescription("Actions held because an earlier one of the same kind did not improve its signal.")
    public List<ActionHold> holds = new ArrayList<>();

    @JsonPropertyDescription("The value of the sqo.dev/clear-holds annotation that last cleared the holds.")
    public String holdsClearedBy;
}
