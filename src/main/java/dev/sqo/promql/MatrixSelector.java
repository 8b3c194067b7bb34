package dev.sqo.promql;

import java.time.Duration;
import java.util.Objects;

/**
 * {@code selector[range]}: a range vector selector. An offset or {@code @} written after the range belongs to the
 * selector, as in Prometheus' tree.
 */
public record MatrixSelector(VectorSelector selector, Duration range, PositionRange position) implements Expr {

    public MatrixSelector {
        Objects.requireNonNull(selector);
        Objects.requireNonNull(range);
        Objects.requireNonNull(position);
    }

    @Override
    public ValueType type() {
        return ValueType.RANGE_VECTOR;
    }
}
