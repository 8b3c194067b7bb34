package dev.sqo.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Nullable;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class ObjectiveStatus {

    @JsonPropertyDescription("Name of the objective.")
    public String name;

    @JsonPropertyDescription("SLI kind: ratio, latency, latencyPercentile or apdex.")
    public String sli;

    @JsonPropertyDescription("Objective in percent.")
    public Double target;

    @JsonPropertyDescription("SLO window the numbers cover.")
    public String window;

    @JsonPropertyDescription("Where the SLI came from: 'recorded' (sqo's recording rules, once they cover the whole window) "
            + "or 'raw' (the SLI's own series).")
    public String sliSource;

    @JsonPropertyDescription("Percent of the window sqo has read whole. Below 100 while Prometheus answered part of it "
            + "only partially (a response with warnings, e.g. a Thanos store that did not answer): the numbers then cover the "
            + "part read, sqo reads the rest again, and no scale-in or lowered request is decided on the remaining budget. "
            + "Time without traffic counts as read.")
    public Double coverage;

    @Nullable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @JsonPropertyDescription("Percent good over the window, after exclusions; null when the window had no traffic.")
    public Double attainment;

    @Nullable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @JsonPropertyDescription("Whether attainment is at or above target; null without data.")
    public Boolean met;

    @JsonPropertyDescription("Error budget of the window as fractions of the whole budget.")
    public ErrorBudgetStatus errorBudget;

    @JsonPropertyDescription("Burn rate per window: error ratio divided by (1 - target). 1 spends the budget in exactly one SLO window. "
            + "null when the window had no traffic.")
    public BurnRates burnRates;

    @JsonPropertyDescription("Multi-window multi-burn-rate alert state: None, Ticket or Page.")
    public String alert;

    @Nullable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @JsonPropertyDescription("When the remaining budget runs out at the current 1h burn rate (RFC 3339); "
            + "null when the budget is not burning, has no data or is already spent.")
    public String exhaustionTime;

    @JsonPropertyDescription("Why numbers are missing, when they are.")
    public String message;
}
