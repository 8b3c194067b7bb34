package dev.sqo.metrics;

import java.util.List;
import java.util.Optional;

/** Matches a latency threshold against the {@code le} labels a histogram really has. */
final class BucketBound {

    private BucketBound() {
    }

    /**
     * A matcher regex for every {@code le} label value equal to the threshold (in seconds): targets instrumented
     * by different client libraries may spell one bound "1" and "1.0", and the good count must cover all of them.
     */
    static Optional<String> matcher(List<String> leValues, double thresholdSeconds) {
        List<String> equal = leValues.stream().filter(le -> equals(le, thresholdSeconds))
                .map(le -> le.replace(".", "\\\\.").replace("+", "\\\\+")).toList();
        return equal.isEmpty() ? Optional.empty() : Optional.of(String.join("|", equal));
    }

    /** The highest bound below +Inf, if any. */
    static Optional<Double> highestFinite(List<String> leValues) {
        return leValues.stream().map(BucketBound::parse).filter(v -> v != null && !v.isInfinite()).max(Double::compare);
    }

    private static boolean equals(String le, double thresholdSeconds) {
        Double v = parse(le);
        return v != null && Math.abs(v - thresholdSeconds) <= 1e-9 * Math.max(1.0, Math.abs(thresholdSeconds));
    }

    private static Double parse(String le) {
        try {
            return Double.parseDouble(le);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
