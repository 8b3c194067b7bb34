package dev.sqo.promql;

/** A number; a leading sign is part of the literal ({@code -1} is a literal, {@code -(1)} is not). */
public record NumberLiteral(double value, PositionRange position) implements Expr {

    @Override
    public ValueType type() {
        return ValueType.SCALAR;
    }
}
