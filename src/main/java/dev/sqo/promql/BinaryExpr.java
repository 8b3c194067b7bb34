package dev.sqo.promql;

import java.util.Objects;

/**
 * {@code lhs op bool on(...) group_left(...) rhs}.
 *
 * @param returnBool true when the comparison has the {@code bool} modifier
 * @param matching   the {@code on}/{@code ignoring} clause, or null when there is none: then series match on all
 *                   their labels, one to one, or many to many for and, or and unless
 */
public record BinaryExpr(BinaryOperator operator, Expr lhs, Expr rhs, boolean returnBool, VectorMatching matching)
        implements Expr {

    public BinaryExpr {
        Objects.requireNonNull(operator);
        Objects.requireNonNull(lhs);
        Objects.requireNonNull(rhs);
    }

    @Override
    public ValueType type() {
        return lhs.type() == ValueType.SCALAR && rhs.type() == ValueType.SCALAR
                ? ValueType.SCALAR
                : ValueType.INSTANT_VECTOR;
    }

    @Override
    public PositionRange position() {
        return lhs.position().to(rhs.position());
    }
}
