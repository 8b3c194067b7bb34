package dev.sqo.promql;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Refuses trees deeper than the parser's nesting limit. The parser bounds its own recursion, but a long chain such
 * as {@code a + b + c + ...} is built by a loop into a deep tree, which every recursive walk (the type check,
 * equals, toString) would then have to descend. Walks the tree without recursion.
 */
final class NestingLimit {

    private NestingLimit() {
    }

    static void check(Expr root, String query) throws PromQLSyntaxException {
        Deque<Expr> nodes = new ArrayDeque<>();
        Deque<Integer> depths = new ArrayDeque<>();
        nodes.push(root);
        depths.push(1);
        while (!nodes.isEmpty()) {
            Expr node = nodes.pop();
            int depth = depths.pop();
            if (depth > Parser.MAX_NESTING) {
                throw new PromQLSyntaxException(query, node.position(), Parser.TOO_DEEP);
            }
            for (Expr child : children(node)) {
                nodes.push(child);
                depths.push(depth + 1);
            }
        }
    }

    private static List<Expr> children(Expr node) {
        if (node instanceof AggregateExpr aggregate) {
            return aggregate.param() == null ? List.of(aggregate.expr()) : List.of(aggregate.param(), aggregate.expr());
        }
        if (node instanceof BinaryExpr binary) {
            return List.of(binary.lhs(), binary.rhs());
        }
        if (node instanceof Call call) {
            return call.args();
        }
        if (node instanceof ParenExpr paren) {
            return List.of(paren.expr());
        }
        if (node instanceof UnaryExpr unary) {
            return List.of(unary.expr());
        }
        if (node instanceof SubqueryExpr subquery) {
            return List.of(subquery.expr());
        }
        if (node instanceof MatrixSelector matrix) {
            return List.of(matrix.selector());
        }
        return List.of();
    }
}
