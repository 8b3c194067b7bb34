package dev.sqo.promql;

import java.util.List;
import java.util.Objects;

/** {@code function(args)}. */
public record Call(Function function, List<Expr> args, PositionRange position) implements Expr {

    public Call {
        Objects.requireNonNull(function);
        args = List.copyOf(args);
        Objects.requireNonNull(position);
    }

    @Override
    public ValueType type() {
        return function.returnType();
    }
}
