package dev.sqo.promql;

/** A string, with its escapes resolved. */
public record StringLiteral(String value, PositionRange position) implements Expr {

    @Override
    public ValueType type() {
        return ValueType.STRING;
    }
}
