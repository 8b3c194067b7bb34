package dev.sqo.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

public class SecretKeySelector {

    @Required
    @Size(min = 1, max = 253)
    @JsonPropertyDescription("Name of a Secret in the ServiceQuality's namespace.")
    public String name;

    @Required
    @Size(min = 1, max = 253)
    @JsonPropertyDescription("Key within the Secret.")
    public String key;
}
