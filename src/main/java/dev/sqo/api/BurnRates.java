package dev.sqo.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.fabric8.generator.annotation.Nullable;

/** One field per fixed window so that each can be null on its own. */
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonPropertyOrder({"5m", "30m", "1h", "2h", "6h", "1d", "3d"})
public class BurnRates {

    @Nullable
    @JsonProperty("5m")
    @JsonPropertyDescription("Burn rate over the last 5 minutes.")
    public Double m5;

    @Nullable
    @JsonProperty("30m")
    @JsonPropertyDescription("Burn rate over the last 30 minutes.")
    public Double m30;

    @Nullable
    @JsonProperty("1h")
    @JsonPropertyDescription("Burn rate over the last hour.")
    public Double h1;

    @Nullable
    @JsonProperty("2h")
    @JsonPropertyDescription("Burn rate over the last 2 hours.")
    public Double h2;

    @Nullable
    @JsonProperty("6h")
    @JsonPropertyDescription("Burn rate over the last 6 hours.")
    public Double h6;

    @Nullable
    @JsonProperty("1d")
    @JsonPropertyDescription("Burn rate over the last day.")
    public Double d1;

    @Nullable
    @JsonProperty("3d")
    @JsonPropertyDescription("Burn rate over the last 3 days.")
    public Double d3;
}
