package dev.sqo.promql;

/**
 * Prometheus' type check of a parsed tree ({@code checkAST} in {@code promql/parser/parse.go}): argument types and
 * counts, operand types of operators, and the rules on vector matching and selectors. It visits the tree in
 * Prometheus' order, so the error reported is the one Prometheus reports first.
 */
final class TypeCheck {

    private final String query;

    private TypeCheck(String query) {
        this.query = query;
    }

    static void check(Expr expr, String query) throws PromQLSyntaxException {
        new TypeCheck(query).visit(expr);
    }

    private ValueType visit(Expr expr) throws PromQLSyntaxException {
        if (expr instanceof AggregateExpr aggregate) {
            aggregate(aggregate);
        } else if (expr instanceof BinaryExpr binary) {
            binary(binary);
        } else if (expr instanceof Call call) {
            call(call);
        } else if (expr instanceof ParenExpr paren) {
            visit(paren.expr());
        } else if (expr instanceof UnaryExpr unary) {
            ValueType type = visit(unary.expr());
            if (type != ValueType.SCALAR && type != ValueType.INSTANT_VECTOR) {
                throw error(unary.position(), "unary expression only allowed on expressions of type scalar or "
                        + "instant vector, got " + GoQuoting.quote(type.toString()));
            }
        } else if (expr instanceof SubqueryExpr subquery) {
            ValueType type = visit(subquery.expr());
            if (type != ValueType.INSTANT_VECTOR) {
                throw error(subquery.position(), "subquery is only allowed on instant vector, got "
                        + type.internalName() + " instead");
            }
        } else if (expr instanceof MatrixSelector matrix) {
            visit(matrix.selector());
        } else if (expr instanceof VectorSelector selector) {
            selector(selector);
        }
        return expr.type();
    }

    private void aggregate(AggregateExpr aggregate) throws PromQLSyntaxException {
        expect(aggregate.expr(), ValueType.INSTANT_VECTOR, "aggregation expression");
        ValueType parameterType = aggregate.operator().parameterType();
        if (parameterType != null) {
            expect(aggregate.param(), parameterType, "aggregation parameter");
        }
    }

    private void binary(BinaryExpr binary) throws PromQLSyntaxException {
        ValueType lhs = visit(binary.lhs());
        ValueType rhs = visit(binary.rhs());
        BinaryOperator operator = binary.operator();
        if (binary.returnBool() && !operator.isComparison()) {
            throw error(operatorPosition(binary), "bool modifier can only be used on comparison operators");
        }
        if (operator.isComparison() && !binary.returnBool() && lhs == ValueType.SCALAR && rhs == ValueType.SCALAR) {
            throw error(operatorPosition(binary), "comparisons between scalars must use BOOL modifier");
        }
        VectorMatching matching = binary.matching();
        if (matching != null && matching.on()) {
            for (String label : matching.labels()) {
                if (matching.include().contains(label)) {
                    throw error(operatorPosition(binary),
                            "label " + GoQuoting.quote(label) + " must not occur in ON and GROUP clause at once");
                }
            }
        }
        String operandTypes = "binary expression must contain only scalar and instant vector types";
        if (lhs != ValueType.SCALAR && lhs != ValueType.INSTANT_VECTOR) {
            throw error(binary.lhs().position(), operandTypes);
        }
        if (rhs != ValueType.SCALAR && rhs != ValueType.INSTANT_VECTOR) {
            throw error(binary.rhs().position(), operandTypes);
        }
        boolean vectors = lhs == ValueType.INSTANT_VECTOR && rhs == ValueType.INSTANT_VECTOR;
        if (!vectors && matching != null && !matching.labels().isEmpty()) {
            throw error(binary.position(), "vector matching only allowed between instant vectors");
        }
        if (vectors && operator.isSetOperator() && matching != null
                && matching.cardinality() != Cardinality.MANY_TO_MANY) {
            throw error(binary.position(), "no grouping allowed for " + GoQuoting.quote(operator.symbol())
                    + " operation");
        }
        if (!vectors && operator.isSetOperator()) {
            throw error(binary.position(), "set operator " + GoQuoting.quote(operator.symbol())
                    + " not allowed in binary scalar expression");
        }
    }

    private void call(Call call) throws PromQLSyntaxException {
        Function function = call.function();
        int count = call.args().size();
        String name = GoQuoting.quote(function.name());
        if (function.minArgs() == function.maxArgs() && count != function.minArgs()) {
            throw error(call.position(), "expected " + function.minArgs() + " argument(s) in call to " + name
                    + ", got " + count);
        }
        if (count < function.minArgs()) {
            throw error(call.position(), "expected at least " + function.minArgs() + " argument(s) in call to "
                    + name + ", got " + count);
        }
        if (count > function.maxArgs()) {
            throw error(call.position(), "expected at most " + function.maxArgs() + " argument(s) in call to "
                    + name + ", got " + count);
        }
        for (int i = 0; i < count; i++) {
            expect(call.args().get(i), function.argType(i), "call to function " + name);
        }
    }

    private void selector(VectorSelector selector) throws PromQLSyntaxException {
        if (selector.metricName() != null) {
            for (LabelMatcher matcher : selector.matchers()) {
                if (matcher.name().equals(LabelMatcher.METRIC_NAME)) {
                    throw error(selector.position(), "metric name must not be set twice: "
                            + GoQuoting.quote(selector.metricName()) + " or " + GoQuoting.quote(matcher.value()));
                }
            }
            return;
        }
        // Prometheus refuses a selector that would select every series, a typo's likely result.
        for (LabelMatcher matcher : selector.matchers()) {
            if (!matchesEmpty(matcher)) {
                return;
            }
        }
        throw error(selector.position(), "vector selector must contain at least one non-empty matcher");
    }

    private static boolean matchesEmpty(LabelMatcher matcher) {
        return switch (matcher.type()) {
            case EQUAL -> matcher.value().isEmpty();
            case NOT_EQUAL -> !matcher.value().isEmpty();
            case REGEX -> Re2Syntax.matchesEmpty(matcher.value());
            case NOT_REGEX -> !Re2Syntax.matchesEmpty(matcher.value());
        };
    }

    private void expect(Expr expr, ValueType wanted, String context) throws PromQLSyntaxException {
        ValueType type = visit(expr);
        if (type != wanted) {
            throw error(expr.position(), "expected type " + wanted + " in " + context + ", got " + type);
        }
    }

    /** Where Prometheus places errors about a binary operator: from the end of its left operand, spaces skipped. */
    private PositionRange operatorPosition(BinaryExpr binary) {
        int start = binary.lhs().position().end();
        while (isSpace(query.charAt(start))) {
            start++;
        }
        int end = binary.rhs().position().start();
        while (end > start && isSpace(query.charAt(end - 1))) {
            end--;
        }
        return new PositionRange(start, end);
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }

    private PromQLSyntaxException error(PositionRange position, String reason) {
        return new PromQLSyntaxException(query, position, reason);
    }
}
