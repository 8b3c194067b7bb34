package dev.sqo.promql;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A tree written back as PromQL with every binary and unary operation in parentheses, so a test can state how an
 * expression groups: {@code 1 + 2 * 3} has the shape {@code (1 + (2 * 3))}. Parentheses of the query itself show
 * as {@code paren(...)}.
 */
final class Shapes {

    private Shapes() {
    }

    static String of(Expr expr) {
        if (expr instanceof NumberLiteral n) {
            return n.value() == Math.rint(n.value()) && !Double.isInfinite(n.value())
                    ? Long.toString((long) n.value())
                    : Double.toString(n.value());
        }
        if (expr instanceof StringLiteral s) {
            return "\"" + s.value() + "\"";
        }
        if (expr instanceof VectorSelector v) {
            return selector(v);
        }
        if (expr instanceof MatrixSelector m) {
            VectorSelector v = m.selector();
            String plain = selector(new VectorSelector(v.metricName(), v.matchers(), Duration.ZERO, null, v.position()));
            return plain + "[" + duration(m.range()) + "]" + modifiers(v.offset(), v.at());
        }
        if (expr instanceof SubqueryExpr s) {
            return of(s.expr()) + "[" + duration(s.range()) + ":" + (s.step() == null ? "" : duration(s.step())) + "]"
                    + modifiers(s.offset(), s.at());
        }
        if (expr instanceof ParenExpr p) {
            return "paren(" + of(p.expr()) + ")";
        }
        if (expr instanceof UnaryExpr u) {
            return "(" + (u.operator() == UnaryExpr.Operator.MINUS ? "-" : "+") + of(u.expr()) + ")";
        }
        if (expr instanceof BinaryExpr b) {
            return "(" + of(b.lhs()) + " " + b.operator().symbol() + (b.returnBool() ? " bool" : "")
                    + matching(b.matching()) + " " + of(b.rhs()) + ")";
        }
        if (expr instanceof AggregateExpr a) {
            String grouping = a.without() ? " without (" + String.join(", ", a.grouping()) + ")"
                    : a.grouping().isEmpty() ? "" : " by (" + String.join(", ", a.grouping()) + ")";
            return a.operator().keyword() + grouping + "(" + (a.param() == null ? "" : of(a.param()) + ", ")
                    + of(a.expr()) + ")";
        }
        Call c = (Call) expr;
        return c.function().name() + "(" + c.args().stream().map(Shapes::of).collect(Collectors.joining(", ")) + ")";
    }

    private static String selector(VectorSelector v) {
        List<String> matchers = new ArrayList<>();
        for (LabelMatcher m : v.matchers()) {
            matchers.add(m.name() + m.type().symbol() + "\"" + m.value() + "\"");
        }
        String name = v.metricName() == null ? "" : v.metricName();
        String braces = matchers.isEmpty() && !name.isEmpty() ? "" : "{" + String.join(", ", matchers) + "}";
        return name + braces + modifiers(v.offset(), v.at());
    }

    private static String modifiers(Duration offset, AtModifier at) {
        String out = offset.isZero() ? "" : " offset " + (offset.isNegative() ? "-" : "") + duration(offset.abs());
        if (at instanceof AtModifier.Timestamp t) {
            out += " @ " + t.instant().toEpochMilli() / 1000.0;
        } else if (at instanceof AtModifier.Edge e) {
            out += " @ " + e.name().toLowerCase(Locale.ROOT) + "()";
        }
        return out;
    }

    private static String matching(VectorMatching m) {
        if (m == null) {
            return "";
        }
        String out = (m.on() ? " on(" : " ignoring(") + String.join(", ", m.labels()) + ")";
        if (m.cardinality() == Cardinality.MANY_TO_ONE) {
            out += " group_left(" + String.join(", ", m.include()) + ")";
        } else if (m.cardinality() == Cardinality.ONE_TO_MANY) {
            out += " group_right(" + String.join(", ", m.include()) + ")";
        }
        return out;
    }

    /** A duration as PromQL writes it: 90 minutes is 1h30m. */
    private static String duration(Duration d) {
        long ms = d.toMillis();
        StringBuilder out = new StringBuilder();
        long[] sizes = {365L * 86_400_000, 7L * 86_400_000, 86_400_000, 3_600_000, 60_000, 1000, 1};
        String[] units = {"y", "w", "d", "h", "m", "s", "ms"};
        for (int i = 0; i < sizes.length; i++) {
            if (ms >= sizes[i]) {
                out.append(ms / sizes[i]).append(units[i]);
                ms %= sizes[i];
            }
        }
        return out.toString();
    }
}
