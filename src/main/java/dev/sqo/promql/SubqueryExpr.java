package dev.sqo.promql;

import java.time.Duration;
import java.util.Objects;

/**
 * {@code expr[range:step] offset d @ t}: a subquery.
 *
 * @param step   the resolution, or null when omitted ({@code [5m:]}: Prometheus uses the evaluation interval)
 * @param offset the offset, {@link Duration#ZERO} when there is none
 * @param at     the {@code @} modifier, or null
 */
public record SubqueryExpr(Expr expr, Duration range, Duration step, Duration offset, AtModifier at,
                           PositionRange position) implements Expr {

    public SubqueryExpr {
        Objects.requireNonNull(expr);
        Objects.requireNonNull(range);
        Objects.requireNonNull(offset);
        Objects.requireNonNull(position);
    }

    @Override
    public ValueType type() {
        return ValueType.RANGE_VECTOR;
    }
}
