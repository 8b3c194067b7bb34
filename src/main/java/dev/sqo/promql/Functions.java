package dev.sqo.promql;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import static dev.sqo.promql.ValueType.INSTANT_VECTOR;
import static dev.sqo.promql.ValueType.RANGE_VECTOR;
import static dev.sqo.promql.ValueType.SCALAR;
import static dev.sqo.promql.ValueType.STRING;

/**
 * The functions of Prometheus 2.x and 3.x ({@code promql/parser/functions.go}): those of 2.x, holt_winters included
 * though 3.0 renamed it double_exponential_smoothing, and those 3.x added, some of which 3.x still keeps behind
 * {@code --enable-feature=promql-experimental-functions} (double_exponential_smoothing, mad_over_time,
 * sort_by_label, sort_by_label_desc).
 */
public final class Functions {

    private static final Map<String, Function> BY_NAME = new TreeMap<>();
    private static final Collection<Function> ALL;

    static {
        for (String name : new String[] {"abs", "absent", "acos", "acosh", "asin", "asinh", "atan", "atanh", "ceil",
                "cos", "cosh", "deg", "exp", "floor", "histogram_avg", "histogram_count", "histogram_stddev",
                "histogram_stdvar", "histogram_sum", "ln", "log10", "log2", "rad", "sgn", "sin", "sinh", "sort",
                "sort_desc", "sqrt", "tan", "tanh", "timestamp"}) {
            fixed(name, INSTANT_VECTOR, INSTANT_VECTOR);
        }
        for (String name : new String[] {"absent_over_time", "avg_over_time", "changes", "count_over_time", "delta",
                "deriv", "first_over_time", "idelta", "increase", "irate", "last_over_time", "mad_over_time",
                "max_over_time", "min_over_time", "present_over_time", "rate", "resets", "stddev_over_time",
                "stdvar_over_time", "sum_over_time"}) {
            fixed(name, INSTANT_VECTOR, RANGE_VECTOR);
        }
        // The time functions default to vector(time()).
        for (String name : new String[] {"day_of_month", "day_of_week", "day_of_year", "days_in_month", "hour",
                "minute", "month", "year"}) {
            lastOptional(name, INSTANT_VECTOR, INSTANT_VECTOR);
        }
        fixed("clamp", INSTANT_VECTOR, INSTANT_VECTOR, SCALAR, SCALAR);
        fixed("clamp_max", INSTANT_VECTOR, INSTANT_VECTOR, SCALAR);
        fixed("clamp_min", INSTANT_VECTOR, INSTANT_VECTOR, SCALAR);
        fixed("double_exponential_smoothing", INSTANT_VECTOR, RANGE_VECTOR, SCALAR, SCALAR);
        fixed("histogram_fraction", INSTANT_VECTOR, SCALAR, SCALAR, INSTANT_VECTOR);
        fixed("histogram_quantile", INSTANT_VECTOR, SCALAR, INSTANT_VECTOR);
        fixed("holt_winters", INSTANT_VECTOR, RANGE_VECTOR, SCALAR, SCALAR);
        repeatedLast("label_join", INSTANT_VECTOR, INSTANT_VECTOR, STRING, STRING, STRING);
        fixed("label_replace", INSTANT_VECTOR, INSTANT_VECTOR, STRING, STRING, STRING, STRING);
        fixed("pi", SCALAR);
        fixed("predict_linear", INSTANT_VECTOR, RANGE_VECTOR, SCALAR);
        fixed("quantile_over_time", INSTANT_VECTOR, SCALAR, RANGE_VECTOR);
        lastOptional("round", INSTANT_VECTOR, INSTANT_VECTOR, SCALAR);
        fixed("scalar", SCALAR, INSTANT_VECTOR);
        repeatedLast("sort_by_label", INSTANT_VECTOR, INSTANT_VECTOR, STRING);
        repeatedLast("sort_by_label_desc", INSTANT_VECTOR, INSTANT_VECTOR, STRING);
        fixed("time", SCALAR);
        fixed("vector", INSTANT_VECTOR, SCALAR);
        ALL = List.copyOf(BY_NAME.values());
    }

    private Functions() {
    }

    public static Optional<Function> named(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    /** Every function, by name. */
    public static Collection<Function> all() {
        return ALL;
    }

    private static void fixed(String name, ValueType returns, ValueType... args) {
        add(new Function(name, Arrays.asList(args), args.length, args.length, returns));
    }

    private static void lastOptional(String name, ValueType returns, ValueType... args) {
        add(new Function(name, Arrays.asList(args), args.length - 1, args.length, returns));
    }

    /** The last argument may be left out or repeated, as label_join's source labels. */
    private static void repeatedLast(String name, ValueType returns, ValueType... args) {
        add(new Function(name, Arrays.asList(args), args.length - 1, Integer.MAX_VALUE, returns));
    }

    private static void add(Function function) {
        BY_NAME.put(function.name(), function);
    }
}
