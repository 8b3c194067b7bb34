package dev.sqo.promql;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * {@code name{matchers} offset d @ t}: an instant vector selector.
 *
 * @param metricName the name written before the braces, or null when there is none (a name inside the braces is a
 *                   {@code __name__} matcher)
 * @param matchers   the matchers inside the braces, as written
 * @param offset     the offset, negative for {@code offset -5m}; {@link Duration#ZERO} when there is none
 * @param at         the {@code @} modifier, or null
 */
public record VectorSelector(String metricName, List<LabelMatcher> matchers, Duration offset, AtModifier at,
                             PositionRange position) implements Expr {

    public VectorSelector {
        matchers = List.copyOf(matchers);
        Objects.requireNonNull(offset);
        Objects.requireNonNull(position);
    }

    @Override
    public ValueType type() {
        return ValueType.INSTANT_VECTOR;
    }

    VectorSelector withOffset(Duration newOffset, int end) {
        return new VectorSelector(metricName, matchers, newOffset, at, new PositionRange(position.start(), end));
    }

    VectorSelector withAt(AtModifier newAt, int end) {
        return new VectorSelector(metricName, matchers, offset, newAt, new PositionRange(position.start(), end));
    }
}
