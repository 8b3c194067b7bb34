package dev.sqo.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * A signal that proposes an action when it holds for a while. What the action is follows from the kind: CPU above
 * scales out and below scales in, memory raises memory, latency and burn scale out, error ratio raises Investigate.
 */
@ValidationRule(value = "self.kind != 'CpuUtilization' || (has(self.above) != has(self.below))",
        message = "a CpuUtilization trigger sets exactly one of above (scale out) or below (scale in)")
@ValidationRule(value = "self.kind != 'MemoryUtilization' || (has(self.above) && !has(self.below))",
        message = "a MemoryUtilization trigger sets above and not below")
@ValidationRule(value = "!(self.kind in ['Latency', 'ErrorRatio']) || !has(self.below)",
        message = "Latency and ErrorRatio triggers fire above their threshold or baseline; below is not allowed")
@ValidationRule(value = "self.kind in ['Latency', 'ErrorRatio'] || (!has(self.objective) && !has(self.baselineFactor))",
        message = "objective and baselineFactor apply only to Latency and ErrorRatio triggers")
@ValidationRule(value = "self.kind == 'BudgetBurn' || !has(self.level)", message = "level applies only to BudgetBurn triggers")
@ValidationRule(value = "self.kind != 'BudgetBurn' || (!has(self.above) && !has(self.below) && !has(self.__for__))",
        message = "a BudgetBurn trigger fires on the burn-rate alert (level); above, below and for do not apply to it")
@ValidationRule(value = "!has(self.target) || self.kind in ['CpuUtilization', 'MemoryUtilization']",
        message = "target applies only to CpuUtilization and MemoryUtilization triggers")
@ValidationRule(value = "!has(self.scaleOutPercent) || self.kind in ['Latency', 'BudgetBurn']",
        message = "scaleOutPercent applies only to Latency and BudgetBurn triggers")
@ValidationRule(value = "!has(self.target) || !has(self.above) || self.target < self.above",
        message = "target must be below above: an action must bring the signal under the threshold that fired it")
@ValidationRule(value = "!has(self.target) || !has(self.below) || self.target > self.below",
        message = "target must be above below: a scale-in must not land under the threshold that fired it")
public class Trigger {

    public enum Kind {
        CpuUtilization, MemoryUtilization, Latency, ErrorRatio, BudgetBurn;

        /** An unknown value reads as null, which validation reports, not as a parse failure. */
        @JsonCreator
        public static Kind of(String value) {
            for (Kind k : values()) {
                if (k.name().equals(value)) {
                    return k;
                }
            }
            return null;
        }
    }

    @Required
    @JsonPropertyDescription("CpuUtilization, MemoryUtilization (percent of request; of the limit for memory when one is set), "
            + "Latency (an objective's latency at its target percentile), ErrorRatio (an objective's 5-minute error ratio) "
            + "or BudgetBurn (the multi-window burn-rate alert state).")
    public Kind kind;

    @Min(0)
    @Max(100000)
    @JsonPropertyDescription("Fires when the signal stays above this value: percent for CPU and memory, milliseconds for Latency, "
            + "percent of requests for ErrorRatio. For Latency it defaults to the objective's threshold.")
    public Double above;

    @Min(0)
    @Max(100)
    @JsonPropertyDescription("CpuUtilization only: fires when utilization stays below this percentage, proposing a scale-in.")
    public Double below;

    @Size(max = 10)
    @Pattern(Durations.PERIOD_PATTERN)
    @JsonPropertyDescription("How long the condition must hold at every 1-minute sample before the trigger fires. "
            + "Defaults: 5m, 15m for CPU scale-in and for Latency.")
    @JsonProperty("for")
    public String forDuration;

    @Min(1)
    @Max(100)
    @JsonPropertyDescription("CpuUtilization: the utilization the replica count aims at, with the HPA's calculation. "
            + "MemoryUtilization: the utilization of the raised memory. Default 70, or 10 points under a lower above.")
    public Double target;

    @Size(max = 63)
    @JsonPropertyDescription("Latency and ErrorRatio: the objective whose signal is watched; all eligible objectives when unset.")
    public String objective;

    @Min(1)
    @Max(100)
    @JsonPropertyDescription("Latency and ErrorRatio: also fire when the signal stays above this multiple of its baseline, "
            + "the median of the same minutes on each of the past 7 days. Defaults: 1.5 for Latency, 2 for ErrorRatio.")
    public Double baselineFactor;

    @Min(1)
    @Max(1000)
    @JsonPropertyDescription("Latency and BudgetBurn: scale out by this percentage of the current replicas, at least one pod. "
            + "Defaults to 50.")
    public Integer scaleOutPercent;

    @Pattern("^(Ticket|Page)$")
    @JsonPropertyDescription("BudgetBurn only: the alert level that fires the trigger, Ticket or Page (default).")
    public String level;

    /** A trigger of the kind that fires above or below a threshold (null for the kind's default). */
    public static Trigger of(Kind kind, Double above, Double below) {
        Trigger t = new Trigger();
        t.kind = kind;
        t.above = above;
        t.below = below;
        return t;
    }
}
