package dev.sqo.promql;

import java.util.Objects;

/**
 * One {@code name op "value"} inside a selector's braces. A metric name quoted alone in the braces
 * ({@code {"my.metric"}}) is the matcher {@code __name__="my.metric"}.
 */
public record LabelMatcher(String name, MatchType type, String value) {

    /** The label that holds a series' metric name. */
    public static final String METRIC_NAME = "__name__";

    public LabelMatcher {
        Objects.requireNonNull(name);
        Objects.requireNonNull(type);
        Objects.requireNonNull(value);
    }
}
