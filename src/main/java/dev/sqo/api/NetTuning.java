package dev.sqo.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;

/** Socket buffer limits. */
public class NetTuning {

    static final long MIN_BUFFER = 4096;
    static final long MAX_BUFFER = 268435456;

    @Min(MIN_BUFFER)
    @Max(MAX_BUFFER)
    @JsonPropertyDescription("net.core.rmem_max in bytes, 4096 to 268435456 (256Mi): the largest receive buffer a socket may ask for.")
    public Long rmemMax;

    @Min(MIN_BUFFER)
    @Max(MAX_BUFFER)
    @JsonPropertyDescription("net.core.wmem_max in bytes, 4096 to 268435456 (256Mi): the largest send buffer a socket may ask for.")
    public Long wmemMax;
}
