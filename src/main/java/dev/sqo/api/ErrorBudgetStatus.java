package dev.sqo.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Nullable;

public class ErrorBudgetStatus {

    @Nullable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @JsonPropertyDescription("Fraction of the window's error budget spent; above 1 when overspent. null without data.")
    public Double consumed;

    @Nullable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @JsonPropertyDescription("Fraction of the error budget left: 1 - consumed, negative when overspent. null without data.")
    public Double remaining;
}
