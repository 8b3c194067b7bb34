package dev.sqo.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.sqo.slo.ExclusionSchedule;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

import java.util.ArrayList;
import java.util.List;

@ValidationRule(value = "!has(self.optimization) || !has(self.optimization.triggers) || self.optimization.triggers.all(t, "
        + "!has(t.objective) || self.objectives.exists(o, o.name == t.objective))",
        message = "a trigger's objective must name one of spec.objectives")
@ValidationRule(value = "!has(self.optimization) || !has(self.optimization.triggers) || self.optimization.triggers.all(t, "
        + "t.kind != 'ErrorRatio' || !has(t.objective) || self.objectives.exists(o, o.name == t.objective && !has(o.latencyPercentile)))",
        message = "an ErrorRatio trigger needs a ratio, latency or apdex objective: a latencyPercentile objective counts slices, not requests")
public class ServiceQualitySpec {

    /** Durations from 1h to 90d, in whole minutes, hours, days or weeks. */
    /** Guarded by the pattern: the API server runs the rule even when the pattern fails, and int() would error. */
    static final String WINDOW_RULE = "!self.matches('" + Durations.PERIOD_PATTERN + "') || [int(self.substring(0, size(self) - 1)) * "
            + "(self.endsWith('m') ? 1 : self.endsWith('h') ? 60 : self.endsWith('d') ? 1440 : 10080)]"
            + ".all(minutes, minutes >= 60 && minutes <= 129600 && minutes % 5 == 0)";

    @Required
    @JsonPropertyDescription("The workload these objectives describe. It is always in the ServiceQuality's own namespace.")
    public TargetRef targetRef;

    @Default("30d")
    @Size(max = 10)
    @Pattern(Durations.PERIOD_PATTERN)
    @ValidationRule(value = WINDOW_RULE, message = "window must be between 1h and 90d in whole 5-minute steps, for example 30d or 28d")
    @JsonPropertyDescription("Rolling SLO window (period) over which attainment and error budget are computed: "
            + "a number and a unit m, h, d or w, between 1h and 90d. Defaults to 30d.")
    public String window = "30d";

    @JsonPropertyDescription("Where to read metrics, when not from the operator's default Prometheus. "
            + "The URL must match an allowlist set by the cluster admin.")
    public PrometheusSource prometheus;

    @Required
    @Size(min = 1, max = 20)
    @ValidationRule(value = "self.all(o, self.exists_one(p, p.name == o.name))", message = "objective names must be unique")
    @JsonPropertyDescription("The service level objectives of the workload, each with exactly one SLI.")
    public List<Objective> objectives = new ArrayList<>();

    @JsonPropertyDescription("How the generated Prometheus alert rules look and when they may fire.")
    public Alerting alerting;

    @JsonPropertyDescription("What sqo may do about the workload: scale it out and in, right-size its containers. "
            + "When unset, sqo only recommends (mode Recommend with the default triggers).")
    public Optimization optimization;

    /** The optimization as it applies: the spec's, or the default Recommend mode when unset. */
    public Optimization optimizationOrDefault() {
        return optimizationOr(Optimization.Mode.Recommend);
    }

    /** The spec's optimization, or one in this mode with every default when the spec has none. */
    public Optimization optimizationOr(Optimization.Mode whenAbsent) {
        if (optimization != null) {
            return optimization;
        }
        Optimization defaults = new Optimization();
        defaults.mode = whenAbsent;
        return defaults;
    }

    /** The maintenance windows as the evaluation and the exported gauges read them. */
    public ExclusionSchedule exclusionSchedule() {
        return new ExclusionSchedule(exclusions == null ? List.of() : exclusions.stream().map(Exclusion::toWindow).toList());
    }

    @Size(max = 20)
    @JsonPropertyDescription("Maintenance windows left out of every SLI: requests inside them count neither as good nor as bad.")
    public List<Exclusion> exclusions = new ArrayList<>();
}
