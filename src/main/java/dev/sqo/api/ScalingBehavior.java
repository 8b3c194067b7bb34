package dev.sqo.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** The HorizontalPodAutoscaler's behavior field, with its defaults, so that users bring what they know. */
public class ScalingBehavior {

    @JsonPropertyDescription("Rules for scaling out. Default: no stabilization, the larger of 4 pods or 100% per 15 seconds.")
    public ScalingDirection scaleUp;

    @JsonPropertyDescription("Rules for scaling in. Default: a 300-second stabilization window, 100% per 15 seconds.")
    public ScalingDirection scaleDown;
}
