package dev.sqo.optimize;

import java.time.Duration;

/** One HPA-style scaling policy: at most {@code value} pods or percent per {@code period}. */
public record ScalingPolicy(Type type, int value, Duration period) {

    public enum Type { PODS, PERCENT }

    public static ScalingPolicy pods(int value, Duration period) {
        return new ScalingPolicy(Type.PODS, value, period);
    }

    public static ScalingPolicy percent(int value, Duration period) {
        return new ScalingPolicy(Type.PERCENT, value, period);
    }
}
