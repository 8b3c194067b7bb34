package dev.sqo.promql;

/**
 * Parses PromQL as Prometheus does ({@code parser.ParseExpr}): the syntax, then the type check, with Prometheus'
 * error messages. It follows the parser of Prometheus 2.42, the promtool it is tested against, and accepts what
 * Prometheus 3 added that sqo's users may write: quoted metric and label names ({@code {"my.metric"}},
 * {@code by ("service.name")}), 3.x's functions, limitk and limit_ratio; where 3.x refuses what 2.42 let through
 * ({@code foo @ end()[5m]}) it refuses too.
 *
 * <p>As ParseExpr, it accepts an expression of any type, a string or a range vector too: a caller that needs an
 * instant vector checks {@link Expr#type()}. It runs in time linear in the query, and refuses expressions nested
 * more than 256 deep.
 */
public final class PromQL {

    private PromQL() {
    }

    public static Expr parse(String query) throws PromQLSyntaxException {
        Expr expr = new Parser(query).parse();
        NestingLimit.check(expr, query);
        TypeCheck.check(expr, query);
        return expr;
    }
}
