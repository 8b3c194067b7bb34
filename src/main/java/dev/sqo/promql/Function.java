package dev.sqo.promql;

import java.util.List;
import java.util.Objects;

/**
 * A PromQL function's signature.
 *
 * @param argTypes the types of the arguments; those past the last take the last one's type
 * @param minArgs  the fewest arguments a call may have
 * @param maxArgs  the most, {@link Integer#MAX_VALUE} when unbounded (label_join, sort_by_label)
 */
public record Function(String name, List<ValueType> argTypes, int minArgs, int maxArgs, ValueType returnType) {

    public Function {
        Objects.requireNonNull(name);
        argTypes = List.copyOf(argTypes);
        Objects.requireNonNull(returnType);
        if (minArgs < 0 || maxArgs < minArgs || (maxArgs > 0 && argTypes.isEmpty())) {
            throw new IllegalArgumentException("inconsistent signature for " + name);
        }
    }

    /** The type the argument at {@code index} must have. */
    public ValueType argType(int index) {
        return argTypes.get(Math.min(index, argTypes.size() - 1));
    }
}
