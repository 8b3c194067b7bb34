package dev.sqo.promql;

import java.util.function.Consumer;

/** Visits every node of an expression, parents before their children. */
public final class Exprs {

    private Exprs() {
    }

    public static void walk(Expr expr, Consumer<Expr> visit) {
        visit.accept(expr);
        if (expr instanceof MatrixSelector m) {
            walk(m.selector(), visit);
        } else if (expr instanceof SubqueryExpr s) {
            walk(s.expr(), visit);
        } else if (expr instanceof ParenExpr p) {
            walk(p.expr(), visit);
        } else if (expr instanceof UnaryExpr u) {
            walk(u.expr(), visit);
        } else if (expr instanceof BinaryExpr b) {
            walk(b.lhs(), visit);
            walk(b.rhs(), visit);
        } else if (expr instanceof AggregateExpr a) {
            walk(a.expr(), visit);
            if (a.param() != null) {
                walk(a.param(), visit);
            }
        } else if (expr instanceof Call c) {
            c.args().forEach(arg -> walk(arg, visit));
        }
    }

    /** Whether the expression calls the function anywhere. */
    public static boolean calls(Expr expr, String function) {
        boolean[] found = {false};
        walk(expr, e -> found[0] |= e instanceof Call c && c.function().name().equals(function));
        return found[0];
    }
}
