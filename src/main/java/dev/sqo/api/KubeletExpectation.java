package dev.sqo.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;

/** A kubelet setting the profile relies on and sqo verifies. */
public class KubeletExpectation {

    @Default("static")
    @Pattern("^(static|none)$")
    @JsonPropertyDescription("CPU manager policy the kubelet must run: static gives Guaranteed pods with integer CPUs exclusive "
            + "cores. Verified from the kubelet's cpu_manager_state file.")
    public String cpuManagerPolicy = "static";
}
