package dev.sqo.promql;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** The vector selectors of an expression, wherever they sit: what series it reads. */
public final class Selectors {

    private Selectors() {
    }

    public static List<VectorSelector> of(Expr expr) {
        List<VectorSelector> out = new ArrayList<>();
        collect(expr, out);
        return out;
    }

    /** The metric names the expression reads, from names before the braces and {@code __name__="..."} matchers. */
    public static Set<String> metricNames(Expr expr) {
        Set<String> names = new TreeSet<>();
        for (VectorSelector s : of(expr)) {
            if (s.metricName() != null) {
                names.add(s.metricName());
            }
            s.matchers().stream().filter(m -> m.name().equals(LabelMatcher.METRIC_NAME) && m.type() == MatchType.EQUAL)
                    .forEach(m -> names.add(m.value()));
        }
        return names;
    }

    private static void collect(Expr expr, List<VectorSelector> out) {
        Exprs.walk(expr, e -> {
            if (e instanceof VectorSelector s) {
                out.add(s);
            }
        });
    }
}
