package dev.sqo.promql;

import java.util.List;
import java.util.Objects;

/**
 * The {@code on(...)}/{@code ignoring(...)} clause of a binary operation, with its {@code group_left(...)} or
 * {@code group_right(...)}.
 *
 * @param labels  the labels in {@code on(...)} or {@code ignoring(...)}
 * @param on      true for {@code on}, false for {@code ignoring}
 * @param include the labels in {@code group_left(...)} or {@code group_right(...)}
 */
public record VectorMatching(Cardinality cardinality, List<String> labels, boolean on, List<String> include) {

    public VectorMatching {
        Objects.requireNonNull(cardinality);
        labels = List.copyOf(labels);
        include = List.copyOf(include);
    }
}
