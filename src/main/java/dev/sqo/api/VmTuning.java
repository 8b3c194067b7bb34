package dev.sqo.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;

/** Virtual memory settings. */
public class VmTuning {

    @Required
    @Min(10)
    @Max(60)
    @JsonPropertyDescription("vm.swappiness, 10 to 60: how readily the kernel swaps anonymous memory rather than dropping "
            + "page cache. Lower keeps a service's memory resident.")
    public Integer swappiness;
}
