package dev.sqo.promql;

import java.util.List;
import java.util.Objects;

/**
 * {@code op by (labels) (param, expr)}.
 *
 * @param param    the parameter of topk, bottomk, quantile, count_values, limitk and limit_ratio; null for the others
 * @param grouping the labels of {@code by (...)} or {@code without (...)}; empty when neither is written
 * @param without  true for {@code without}: {@code sum without () (x)} keeps every label, {@code sum(x)} none
 */
public record AggregateExpr(Aggregation operator, Expr expr, Expr param, List<String> grouping, boolean without,
                            PositionRange position) implements Expr {

    public AggregateExpr {
        Objects.requireNonNull(operator);
        Objects.requireNonNull(expr);
        grouping = List.copyOf(grouping);
        Objects.requireNonNull(position);
    }

    @Override
    public ValueType type() {
        return ValueType.INSTANT_VECTOR;
    }
}
