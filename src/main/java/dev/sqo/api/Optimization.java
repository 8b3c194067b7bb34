package dev.sqo.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

import java.util.ArrayList;
import java.util.List;

/** What sqo may do about the workload's service quality, and within which bounds. */
@ValidationRule(value = "self.mode != 'Auto' || has(self.replicas)",
        message = "mode Auto needs replicas.min and replicas.max: sqo never scales without bounds the user set")
public class Optimization {

    public enum Mode {
        Off, Recommend, Auto;

        /** An unknown value (one that got past admission) reads as null, which validation reports, not as a parse failure. */
        @JsonCreator
        public static Mode of(String value) {
            for (Mode m : values()) {
                if (m.name().equals(value)) {
                    return m;
                }
            }
            return null;
        }
    }

    @Default("Recommend")
    @JsonPropertyDescription("Off: nothing is computed. Recommend (default): the plan is shown in status.recommendation "
            + "and nothing is changed. Auto: sqo applies the plan within the bounds and guard rails below.")
    public Mode mode = Mode.Recommend;

    @JsonPropertyDescription("Replica bounds sqo never leaves. Required in Auto mode.")
    public ReplicaBounds replicas;

    @JsonPropertyDescription("Scaling behavior with the shape and defaults of the HorizontalPodAutoscaler's behavior field.")
    public ScalingBehavior behavior;

    @Size(max = 20)
    @JsonPropertyDescription("Signals that propose actions. When none of them scales (no CpuUtilization, Latency or "
            + "BudgetBurn trigger), sqo's objective control sets the replicas: the load over the capacity a pod has shown "
            + "while the objectives held, ahead of forecast rises. When empty, memory above 85% for 5m raises memory and "
            + "error ratio 2x baseline for 5m raises Investigate. A trigger that scales replaces the objective control.")
    public List<Trigger> triggers = new ArrayList<>();

    @JsonPropertyDescription("Container resources: right-sizing from observed usage and memory raises, within bounds. "
            + "When unset, sqo never changes container resources.")
    public RightSizing resources;

    @JsonPropertyDescription("Move the workload onto a NodeTuningProfile's nodes with exclusive cores: Guaranteed QoS with whole "
            + "CPUs and node affinity on the profile's label. Shown in Recommend mode, applied in Auto mode.")
    public CpuPinning cpuPinning;

    @Default("10")
    @Min(0)
    @Max(100)
    @JsonPropertyDescription("The error budget kept in reserve, in percent: never spent on savings. Under the objective "
            + "control, sqo runs beyond the capacity it has seen only while every objective has more than this left; under "
            + "triggers, scale-in is refused below it. Lowering requests is refused below it either way. Defaults to 10.")
    public double budgetFloor = 10;

    @Default("5m")
    @Size(max = 10)
    @Pattern(Durations.PERIOD_PATTERN)
    @JsonPropertyDescription("Least time between two actions of sqo on the workload. Defaults to 5m.")
    public String cooldown = "5m";

    @Default("10m")
    @Size(max = 10)
    @Pattern(Durations.PERIOD_PATTERN)
    @JsonPropertyDescription("Time after an action in which the signal that triggered it must improve; otherwise the action is "
            + "marked ineffective and further actions of its kind for that signal are held. Defaults to 10m.")
    public String validationWindow = "10m";

    public boolean active() {
        return mode != Mode.Off;
    }
}
