package dev.sqo.promql;

import java.util.Objects;

/** {@code -expr} or {@code +expr}, where expr is not a number (a signed number is a {@link NumberLiteral}). */
public record UnaryExpr(Operator operator, Expr expr, PositionRange position) implements Expr {

    public enum Operator {
        PLUS,
        MINUS
    }

    public UnaryExpr {
        Objects.requireNonNull(operator);
        Objects.requireNonNull(expr);
        Objects.requireNonNull(position);
    }

    @Override
    public ValueType type() {
        return expr.type();
    }
}
