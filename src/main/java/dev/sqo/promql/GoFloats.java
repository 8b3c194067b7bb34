package dev.sqo.promql;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Go's handling of floats where Prometheus' results depend on it. */
final class GoFloats {

    private GoFloats() {
    }

    /** {@code %f}: the exact value to six decimals (Java's %f would print the shortest repr's digits instead). */
    static String fixed(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "+Inf" : "-Inf";
        }
        return new BigDecimal(value).setScale(6, RoundingMode.HALF_EVEN).toPlainString();
    }

    /** math.Round, which rounds halves away from zero (Math.round rounds them up), to a long. */
    static long roundToLong(double value) {
        if (Math.abs(value) >= 0x1p52) {
            // Already whole; past the long's range Java saturates where Go's conversion is undefined.
            return (long) value;
        }
        long truncated = (long) value;
        double fraction = value - truncated;
        if (Math.abs(fraction) >= 0.5) {
            truncated += (long) Math.signum(fraction);
        }
        return truncated;
    }
}
