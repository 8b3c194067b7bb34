package dev.sqo.metrics;

import java.util.List;
import java.util.Optional;

/** Matches a latency threshold against the {@code le} labels a histogram really has. */
final class BucketBound {

    private BucketBound() {
    }

    /** The exact {@code le} label value equal to the threshold (in seconds), if the histogram has one. */
    static Optional<String> find(List<String> leValues, double thresholdSeconds) {
        for (String le : leValues) {
            try {
                double v = Double.parseDouble(le);
                if (Math.abs(v - thresholdSeconds) <= 1e-9 * Math.max(1.0, Math.abs(thresholdSeconds))) {
                    return Optional.of(le);
                }
            } catch (NumberFormatException ignored) {
                // "+Inf" and malformed labels are never a threshold.
            }
        }
        return Optional.empty();
    }
}
