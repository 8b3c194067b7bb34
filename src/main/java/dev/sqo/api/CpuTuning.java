package dev.sqo.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/** CPU frequency scaling of every core. */
public class CpuTuning {

    @Required
    @Pattern("^(performance|powersave|schedutil|ondemand)$")
    @JsonPropertyDescription("cpufreq scaling governor of every core: performance (highest frequency, lowest latency), "
            + "powersave, schedutil or ondemand.")
    public String governor;
}
