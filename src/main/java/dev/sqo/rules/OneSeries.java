package dev.sqo.rules;

import dev.sqo.api.RatioSli;
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
 * An expression as the one series sqo reads, ready to stand as an operand: summed, unless it already is one series
 * without labels (a sum without by or without, vector(...), or arithmetic and set operations between such series and
 * numbers), and then in parentheses unless it is an aggregation or a call, so that no operator it is put beside
 * (a division, {@code 0 *}) can take it apart.
 */
public final class OneSeries {

    /** What an SLI template's range is taken to be while its shape is read: any duration parses the same. */
    private static final String SAMPLE_WINDOW = "5m";

    private OneSeries() {
    }

    /** The expression, or its sum: a sum(sum(...)) would only make the rules harder to read. */
    public static String of(String expression) {
        return shape(expression, expression);
    }

    /** The same for an SLI template with its {{window}} placeholder, read as its expression over any window. */
    public static String ofTemplate(String template) {
        return shape(template, RatioSli.over(template, SAMPLE_WINDOW));
    }

    private static String shape(String text, String expression) {
        Expr parsed;
        try {
            parsed = PromQL.parse(expression);
        } catch (PromQLSyntaxException e) {
            return "sum(" + text + ")"; // validation reports it; wrapped, Prometheus refuses it just the same
        }
        if (!isOneSeries(parsed)) {
            return "sum(" + text + ")";
        }
        boolean delimited = parsed instanceof AggregateExpr || parsed instanceof Call || parsed instanceof ParenExpr;
        return delimited ? text.strip() : "(" + text.strip() + ")";
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
