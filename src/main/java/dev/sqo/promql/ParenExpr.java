package dev.sqo.promql;

import java.util.Objects;

/** {@code (expr)}. */
public record ParenExpr(Expr expr, PositionRange position) implements Expr {

    public ParenExpr {
        Objects.requireNonNull(expr);
        Objects.requireNonNull(position);
    }

    @Override
    public ValueType type() {
        return expr.type();
    }
}
