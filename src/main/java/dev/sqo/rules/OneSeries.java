package dev.sqo.rules;

import dev.sqo.promql.AggregateExpr;
import dev.sqo.promql.Aggregation;
import dev.sqo.promql.BinaryExpr;
import dev.sqo.promql.Call;
import dev.sqo.promql.Expr;
import dev.sqo.promql.ParenExpr;
import dev.sqo.promql.PromQL;
import dev.sqo.promql.PromQLSyntaxException;
import dev.sqo.promql.ValueType;

/**
 * An expression as the one series sqo reads: summed, unless it already is one series without labels: a sum without
 * by or without, vector(...), or arithmetic and set operations between such series and numbers.
 */
public final class OneSeries {

    private OneSeries() {
    }

    /** The expression, or its sum: a sum(sum(...)) would only make the rules harder to read. */
    public static String of(String expression) {
        return isOneSeries(expression) ? expression.strip() : "sum(" + expression + ")";
    }

    /** Whether the expression is one series without labels already (false for one that does not parse). */
    public static boolean isOneSeries(String expression) {
        try {
            return isOneSeries(PromQL.parse(expression));
        } catch (PromQLSyntaxException e) {
            return false;
        }
    }

    private static boolean isOneSeries(Expr e) {
        if (e instanceof ParenExpr p) {
            return isOneSeries(p.expr());
        }
        if (e instanceof AggregateExpr a) {
            return a.operator() == Aggregation.SUM && a.grouping().isEmpty() && !a.without();
        }
        if (e instanceof Call c) {
            return c.function().name().equals("vector");
        }
        if (e instanceof BinaryExpr b) {
            boolean lhs = b.lhs().type() == ValueType.SCALAR || isOneSeries(b.lhs());
            boolean rhs = b.rhs().type() == ValueType.SCALAR || isOneSeries(b.rhs());
            return lhs && rhs && b.type() == ValueType.INSTANT_VECTOR;
        }
        return false;
    }
}
