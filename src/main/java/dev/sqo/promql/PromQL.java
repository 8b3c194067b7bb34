package dev.sqo.promql;

/**
 * Parses PromQL as Prometheus does ({@code parser.ParseExpr}): the syntax, then the type check, with Prometheus'
 * error messages. Accepts what Prometheus 2.x and 3.x accept, Prometheus 3's quoted metric and label names
 * included; as ParseExpr, it accepts an expression of any type (a string, a range vector): callers that need an
 * instant vector check {@link Expr#type()}.
 *
 * <p>Runs in time linear in the query, and refuses expressions nested more than 256 deep.
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
