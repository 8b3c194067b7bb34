package dev.sqo.optimize;

import java.time.Duration;
import java.util.List;

/** The rules of one direction, as in the HPA's behavior.scaleUp / behavior.scaleDown. */
public record ScalingRules(Duration stabilizationWindow, SelectPolicy selectPolicy, List<ScalingPolicy> policies) {

    /** Max picks the policy allowing the largest change, Min the smallest, Disabled forbids the direction. */
    public enum SelectPolicy { MAX, MIN, DISABLED }

    private static final Duration FIFTEEN_SECONDS = Duration.ofSeconds(15);

    /** HPA default for scaling up: no stabilization, the larger of 4 pods or 100% per 15 s. */
    public static final ScalingRules DEFAULT_SCALE_UP = new ScalingRules(Duration.ZERO, SelectPolicy.MAX,
            List.of(ScalingPolicy.pods(4, FIFTEEN_SECONDS), ScalingPolicy.percent(100, FIFTEEN_SECONDS)));

    /** HPA default for scaling down: a 5-minute stabilization window, 100% per 15 s. */
    public static final ScalingRules DEFAULT_SCALE_DOWN = new ScalingRules(Duration.ofMinutes(5), SelectPolicy.MAX,
            List.of(ScalingPolicy.percent(100, FIFTEEN_SECONDS)));
}
