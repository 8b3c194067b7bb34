package dev.sqo.promql;

import java.util.Locale;

/** The aggregation operators, and the type of the parameter those that take one expect before the vector. */
public enum Aggregation {
    SUM(null),
    AVG(null),
    COUNT(null),
    MIN(null),
    MAX(null),
    GROUP(null),
    STDDEV(null),
    STDVAR(null),
    TOPK(ValueType.SCALAR),
    BOTTOMK(ValueType.SCALAR),
    QUANTILE(ValueType.SCALAR),
    COUNT_VALUES(ValueType.STRING),
    LIMITK(ValueType.SCALAR),
    LIMIT_RATIO(ValueType.SCALAR);

    private final ValueType parameterType;

    Aggregation(ValueType parameterType) {
        this.parameterType = parameterType;
    }

    /** The operator as written in PromQL, e.g. {@code count_values}. */
    public String keyword() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The type of the parameter, e.g. the k of {@code topk(k, v)}; null for the operators without one. */
    public ValueType parameterType() {
        return parameterType;
    }
}
