package dev.sqo.promql;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the tree of a query, refusing what Prometheus' parser refuses with its message and position.
 *
 * <p>Prometheus parses with an LALR grammar ({@code generated_parser.y}); this is a recursive descent with
 * precedence climbing that accepts the same language, reports the first error Prometheus reports, and checks
 * things in the same order: a construct's own checks run when Prometheus reduces it, which for most constructs is
 * before the next token is read, so an error in the construct comes before a lexical error just after it.
 */
final class Parser {

    /** How deep expressions may nest: deeper input is refused rather than allowed to exhaust the stack. */
    static final int MAX_NESTING = 256;
    static final String TOO_DEEP = "expression nests too deeply: more than " + MAX_NESTING + " levels";

    private final String query;
    private final Lexer lexer;
    private Token lookahead;
    /** Where the last token taken ends: the end of the construct being built. */
    private int lastEnd;
    private int nesting;
    /** Open aggregations, which Prometheus names in its messages about the tokens inside them. */
    private int aggregations;

    Parser(String query) {
        this.query = query;
        this.lexer = new Lexer(query);
    }

    Expr parse() throws PromQLSyntaxException {
        if (peek().type() == TokenType.EOF) {
            throw error(new PositionRange(0, 0), "no expression found in input");
        }
        Expr expr = expression();
        Token end = next();
        if (end.type() != TokenType.EOF) {
            throw unexpected(end);
        }
        return expr;
    }

    private Expr expression() throws PromQLSyntaxException {
        return binary(0);
    }

    /** An expression whose binary operators all bind at least as tightly as {@code minPrecedence}. */
    private Expr binary(int minPrecedence) throws PromQLSyntaxException {
        if (++nesting > MAX_NESTING) {
            throw error(peek().range(), TOO_DEEP);
        }
        Expr lhs = operand();
        while (true) {
            BinaryOperator operator = binaryOperator(peek().type());
            if (operator == null || operator.precedence() < minPrecedence) {
                break;
            }
            next();
            boolean returnBool = peek().type() == TokenType.BOOL;
            if (returnBool) {
                next();
            }
            VectorMatching matching = vectorMatching(operator);
            Expr rhs = binary(operator.isRightAssociative() ? operator.precedence() : operator.precedence() + 1);
            lhs = new BinaryExpr(operator, lhs, rhs, returnBool, matching);
        }
        nesting--;
        return lhs;
    }

    /**
     * A signed operand or a primary expression with its range, offset and {@code @} suffixes. A sign binds like
     * {@code *}: {@code -2^2} is {@code -(2^2)}, {@code -a*b} is {@code (-a)*b}; a signed number is a number.
     */
    private Expr operand() throws PromQLSyntaxException {
        Token sign = peek();
        if (sign.type() != TokenType.ADD && sign.type() != TokenType.SUB) {
            return suffixes(primary());
        }
        next();
        boolean minus = sign.type() == TokenType.SUB;
        Expr operand = binary(BinaryOperator.POW.precedence());
        PositionRange position = new PositionRange(sign.start(), operand.position().end());
        if (operand instanceof NumberLiteral number) {
            return new NumberLiteral(minus ? -number.value() : number.value(), position);
        }
        return new UnaryExpr(minus ? UnaryExpr.Operator.MINUS : UnaryExpr.Operator.PLUS, operand, position);
    }

    private Expr primary() throws PromQLSyntaxException {
        Token token = next();
        TokenType type = token.type();
        switch (type) {
            case NUMBER:
                return new NumberLiteral(number(token), token.range());
            case STRING:
                return new StringLiteral(StringLiterals.unquote(token.text()), token.range());
            case LEFT_PAREN:
                return parenthesized(token);
            case LEFT_BRACE:
                return selector(null, token);
            case IDENTIFIER:
                if (peek().type() == TokenType.LEFT_PAREN) {
                    return call(token);
                }
                return namedSelector(token);
            default:
                if (type.kind() == TokenType.Kind.AGGREGATOR && startsAggregation(peek().type())) {
                    return aggregation(token);
                }
                if (type.canNameMetric()) {
                    return namedSelector(token);
                }
                throw unexpected(token);
        }
    }

    private static boolean startsAggregation(TokenType next) {
        return next == TokenType.LEFT_PAREN || next == TokenType.BY || next == TokenType.WITHOUT;
    }

    private Expr parenthesized(Token open) throws PromQLSyntaxException {
        Expr expr = expression();
        Token close = next();
        if (close.type() != TokenType.RIGHT_PAREN) {
            throw unexpected(close);
        }
        return new ParenExpr(expr, open.range().to(close.range()));
    }

    private Expr call(Token name) throws PromQLSyntaxException {
        next();
        List<Expr> args = arguments();
        Function function = Functions.named(name.text()).orElseThrow(
                () -> error(name.range(), "unknown function with name " + GoQuoting.quote(name.text())));
        return new Call(function, args, new PositionRange(name.start(), lastEnd));
    }

    /** The arguments of a call or aggregation, its opening parenthesis taken, up to its closing one. */
    private List<Expr> arguments() throws PromQLSyntaxException {
        List<Expr> args = new ArrayList<>();
        if (peek().type() == TokenType.RIGHT_PAREN) {
            next();
            return args;
        }
        while (true) {
            args.add(expression());
            Token token = next();
            if (token.type() == TokenType.RIGHT_PAREN) {
                return args;
            }
            if (token.type() != TokenType.COMMA) {
                throw unexpected(token);
            }
            if (!peek().type().startsExpression()) {
                throw error(token.range(), "trailing commas not allowed in function call args");
            }
        }
    }

    /** {@code op (args)}, {@code op by (labels) (args)} or {@code op (args) by (labels)}. */
    private Expr aggregation(Token operatorToken) throws PromQLSyntaxException {
        // The aggregator tokens and the aggregations have the same names.
        Aggregation operator = Aggregation.valueOf(operatorToken.type().name());
        aggregations++;
        List<String> grouping = List.of();
        boolean without = false;
        boolean grouped = isGrouping(peek().type());
        if (grouped) {
            without = next().type() == TokenType.WITHOUT;
            grouping = groupingLabels();
        }
        Token open = next();
        if (open.type() != TokenType.LEFT_PAREN) {
            throw unexpected(open);
        }
        List<Expr> args = arguments();
        // Without a leading clause Prometheus reads one more token, to see whether a trailing one follows.
        if (!grouped && isGrouping(peek().type())) {
            without = next().type() == TokenType.WITHOUT;
            grouping = groupingLabels();
        }
        aggregations--;
        PositionRange position = new PositionRange(operatorToken.start(), lastEnd);
        if (args.isEmpty()) {
            throw error(position, "no arguments for aggregate expression provided");
        }
        int expected = operator.parameterType() == null ? 1 : 2;
        if (args.size() != expected) {
            throw error(position, "wrong number of arguments for aggregate expression provided, expected "
                    + expected + ", got " + args.size());
        }
        Expr param = expected == 2 ? args.get(0) : null;
        return new AggregateExpr(operator, args.get(expected - 1), param, grouping, without, position);
    }

    private static boolean isGrouping(TokenType type) {
        return type == TokenType.BY || type == TokenType.WITHOUT;
    }

    /** {@code (label, ...)}, after by, without, on, ignoring, group_left or group_right. */
    private List<String> groupingLabels() throws PromQLSyntaxException {
        Token open = next();
        if (open.type() != TokenType.LEFT_PAREN) {
            throw unexpected(open, ErrorContext.GROUPING_OPEN);
        }
        List<String> labels = new ArrayList<>();
        Token token = next();
        while (token.type() != TokenType.RIGHT_PAREN) {
            labels.add(groupingLabel(token));
            token = next();
            if (token.type() == TokenType.COMMA) {
                token = next();
            } else if (token.type() != TokenType.RIGHT_PAREN) {
                throw unexpected(token, ErrorContext.GROUPING_SEPARATOR);
            }
        }
        return labels;
    }

    private String groupingLabel(Token token) throws PromQLSyntaxException {
        if (token.type() == TokenType.STRING) {
            // Prometheus 3 quotes label names that are not identifiers: by ("service.name").
            String label = StringLiterals.unquote(token.text());
            if (label.isEmpty()) {
                throw error(token.range(), "invalid label name for grouping: " + GoQuoting.quote(label));
            }
            return label;
        }
        if (!token.type().canBeGroupingLabel() || token.text().indexOf(':') >= 0) {
            throw unexpected(token, ErrorContext.GROUPING_LABEL);
        }
        return token.text();
    }

    /** The on/ignoring and group_left/group_right clause after a binary operator (and its bool), if any. */
    private VectorMatching vectorMatching(BinaryOperator operator) throws PromQLSyntaxException {
        TokenType type = peek().type();
        if (type != TokenType.ON && type != TokenType.IGNORING) {
            return null;
        }
        next();
        List<String> labels = groupingLabels();
        Cardinality cardinality = operator.isSetOperator() ? Cardinality.MANY_TO_MANY : Cardinality.ONE_TO_ONE;
        List<String> include = List.of();
        TokenType group = peek().type();
        if (group == TokenType.GROUP_LEFT || group == TokenType.GROUP_RIGHT) {
            next();
            cardinality = group == TokenType.GROUP_LEFT ? Cardinality.MANY_TO_ONE : Cardinality.ONE_TO_MANY;
            // A parenthesis right after group_left always opens its labels, never the right-hand side.
            Token next = peek();
            if (next.type() == TokenType.LEFT_PAREN) {
                include = groupingLabels();
            } else if (!next.type().startsExpression()) {
                throw unexpected(next, ErrorContext.GROUPING_OPEN);
            }
        }
        return new VectorMatching(cardinality, labels, type == TokenType.ON, include);
    }

    private VectorSelector namedSelector(Token name) throws PromQLSyntaxException {
        if (peek().type() == TokenType.LEFT_BRACE) {
            return selector(name, next());
        }
        return new VectorSelector(name.text(), List.of(), Duration.ZERO, null, name.range());
    }

    /** The matchers of a selector, its opening brace taken; {@code name} is null when the selector has none. */
    private VectorSelector selector(Token name, Token open) throws PromQLSyntaxException {
        List<LabelMatcher> matchers = new ArrayList<>();
        Token token = next();
        while (token.type() != TokenType.RIGHT_BRACE) {
            matchers.add(matcher(token));
            token = next();
            if (token.type() == TokenType.COMMA) {
                token = next();
            } else if (token.type() != TokenType.RIGHT_BRACE) {
                throw unexpected(token, ErrorContext.MATCHER_SEPARATOR);
            }
        }
        PositionRange position = (name == null ? open : name).range().to(token.range());
        return new VectorSelector(name == null ? null : name.text(), matchers, Duration.ZERO, null, position);
    }

    private LabelMatcher matcher(Token label) throws PromQLSyntaxException {
        if (label.type() == TokenType.IDENTIFIER) {
            MatchType type = matchType(next());
            return matcher(label, label.text(), type, next());
        }
        if (label.type() != TokenType.STRING) {
            throw unexpected(label, ErrorContext.MATCHER_START);
        }
        // Prometheus 3: a quoted label name, or alone a quoted metric name ({"my.metric"}).
        String name = StringLiterals.unquote(label.text());
        if (!isMatchOperator(peek().type())) {
            return new LabelMatcher(LabelMatcher.METRIC_NAME, MatchType.EQUAL, name);
        }
        MatchType type = matchType(next());
        return matcher(label, name, type, next());
    }

    private MatchType matchType(Token operator) throws PromQLSyntaxException {
        return switch (operator.type()) {
            case EQL -> MatchType.EQUAL;
            case NEQ -> MatchType.NOT_EQUAL;
            case EQL_REGEX -> MatchType.REGEX;
            case NEQ_REGEX -> MatchType.NOT_REGEX;
            default -> throw unexpected(operator, ErrorContext.MATCHER_OPERATOR);
        };
    }

    private static boolean isMatchOperator(TokenType type) {
        return type == TokenType.EQL || type == TokenType.NEQ || type == TokenType.EQL_REGEX
                || type == TokenType.NEQ_REGEX;
    }

    private LabelMatcher matcher(Token label, String name, MatchType type, Token value)
            throws PromQLSyntaxException {
        if (value.type() != TokenType.STRING) {
            throw unexpected(value, ErrorContext.MATCHER_VALUE);
        }
        String text = StringLiterals.unquote(value.text());
        if (type == MatchType.REGEX || type == MatchType.NOT_REGEX) {
            String invalid = Re2Syntax.error(text).orElse(null);
            if (invalid != null) {
                throw error(label.range().to(value.range()), invalid);
            }
        }
        return new LabelMatcher(name, type, text);
    }

    /** Ranges, subqueries, offsets and {@code @}, which bind tighter than any operator. */
    private Expr suffixes(Expr expr) throws PromQLSyntaxException {
        while (true) {
            switch (peek().type()) {
                case LEFT_BRACKET -> expr = rangeOrSubquery(expr, next());
                case OFFSET -> {
                    next();
                    expr = offset(expr);
                }
                case AT -> {
                    next();
                    expr = at(expr);
                }
                default -> {
                    return expr;
                }
            }
        }
    }

    private Expr rangeOrSubquery(Expr expr, Token open) throws PromQLSyntaxException {
        // The lexer gives a duration right after [, or fails.
        Duration range = duration(next());
        Token token = next();
        if (token.type() == TokenType.RIGHT_BRACKET) {
            return matrixSelector(expr, range, open.range().to(token.range()));
        }
        if (token.type() != TokenType.COLON) {
            throw unexpected(token, ErrorContext.RANGE_END);
        }
        Duration step = null;
        token = next();
        if (token.type() == TokenType.DURATION) {
            step = duration(token);
            token = next();
            if (token.type() != TokenType.RIGHT_BRACKET) {
                throw unexpected(token, ErrorContext.SUBQUERY_END);
            }
        } else if (token.type() != TokenType.RIGHT_BRACKET) {
            throw unexpected(token, ErrorContext.SUBQUERY_STEP);
        }
        return new SubqueryExpr(expr, range, step, Duration.ZERO, null,
                new PositionRange(expr.position().start(), token.end()));
    }

    private MatrixSelector matrixSelector(Expr expr, Duration range, PositionRange brackets)
            throws PromQLSyntaxException {
        if (!(expr instanceof VectorSelector selector)) {
            throw error(brackets, "ranges only allowed for vector selectors");
        }
        if (!selector.offset().isZero()) {
            throw error(brackets, "no offset modifiers allowed before range");
        }
        if (selector.at() != null) {
            throw error(brackets, "no @ modifiers allowed before range");
        }
        return new MatrixSelector(selector, range, new PositionRange(selector.position().start(), brackets.end()));
    }

    private Expr offset(Expr expr) throws PromQLSyntaxException {
        Token token = next();
        boolean negative = token.type() == TokenType.SUB;
        if (negative) {
            token = next();
        }
        if (token.type() != TokenType.DURATION) {
            throw unexpected(token, ErrorContext.OFFSET);
        }
        Duration offset = duration(token);
        if (negative) {
            offset = offset.negated();
        }
        String twice = "offset may not be set multiple times";
        if (expr instanceof VectorSelector selector) {
            if (!selector.offset().isZero()) {
                throw error(expr.position(), twice);
            }
            return selector.withOffset(offset, lastEnd);
        }
        if (expr instanceof MatrixSelector matrix) {
            if (!matrix.selector().offset().isZero()) {
                throw error(expr.position(), twice);
            }
            return new MatrixSelector(matrix.selector().withOffset(offset, matrix.selector().position().end()),
                    matrix.range(), extendedTo(matrix.position()));
        }
        if (expr instanceof SubqueryExpr subquery) {
            if (!subquery.offset().isZero()) {
                throw error(expr.position(), twice);
            }
            return new SubqueryExpr(subquery.expr(), subquery.range(), subquery.step(), offset, subquery.at(),
                    extendedTo(subquery.position()));
        }
        throw error(expr.position(), "offset modifier must be preceded by an instant vector selector or range "
                + "vector selector or a subquery");
    }

    private Expr at(Expr expr) throws PromQLSyntaxException {
        Token token = next();
        AtModifier at;
        switch (token.type()) {
            case NUMBER, ADD, SUB -> at = timestamp(expr, token);
            case START, END -> {
                Token open = next();
                if (open.type() != TokenType.LEFT_PAREN) {
                    throw unexpected(open, ErrorContext.AT);
                }
                Token close = next();
                if (close.type() != TokenType.RIGHT_PAREN) {
                    throw unexpected(close, ErrorContext.AT);
                }
                at = token.type() == TokenType.START ? AtModifier.Edge.START : AtModifier.Edge.END;
            }
            default -> throw unexpected(token, ErrorContext.AT);
        }
        String twice = "@ <timestamp> may not be set multiple times";
        if (expr instanceof VectorSelector selector) {
            if (selector.at() != null) {
                throw error(expr.position(), twice);
            }
            return selector.withAt(at, lastEnd);
        }
        if (expr instanceof MatrixSelector matrix) {
            if (matrix.selector().at() != null) {
                throw error(expr.position(), twice);
            }
            return new MatrixSelector(matrix.selector().withAt(at, matrix.selector().position().end()),
                    matrix.range(), extendedTo(matrix.position()));
        }
        if (expr instanceof SubqueryExpr subquery) {
            if (subquery.at() != null) {
                throw error(expr.position(), twice);
            }
            return new SubqueryExpr(subquery.expr(), subquery.range(), subquery.step(), subquery.offset(), at,
                    extendedTo(subquery.position()));
        }
        throw error(expr.position(), "@ modifier must be preceded by an instant vector selector or range vector "
                + "selector or a subquery");
    }

    /** {@code @ 1609746000}, {@code @ -1.5}: seconds, kept to the millisecond. */
    private AtModifier timestamp(Expr expr, Token token) throws PromQLSyntaxException {
        double seconds;
        if (token.type() == TokenType.NUMBER) {
            seconds = number(token);
        } else {
            Token unsigned = next();
            if (unsigned.type() != TokenType.NUMBER) {
                throw unexpected(unsigned, ErrorContext.AT);
            }
            seconds = token.type() == TokenType.SUB ? -number(unsigned) : number(unsigned);
        }
        // Prometheus keeps the timestamp in an int64 of milliseconds.
        if (!Double.isFinite(seconds) || Math.abs(seconds) >= 0x1p63) {
            throw error(expr.position(), "timestamp out of bounds for @ modifier: " + GoFloats.fixed(seconds));
        }
        return new AtModifier.Timestamp(Instant.ofEpochMilli(GoFloats.roundToLong(seconds * 1000)));
    }

    private PositionRange extendedTo(PositionRange position) {
        return new PositionRange(position.start(), lastEnd);
    }

    private double number(Token token) throws PromQLSyntaxException {
        try {
            return NumberLiterals.parse(token.text());
        } catch (InvalidLiteralException e) {
            throw error(token.range(), e.getMessage());
        }
    }

    private Duration duration(Token token) throws PromQLSyntaxException {
        try {
            return DurationLiterals.parse(token.text());
        } catch (InvalidLiteralException e) {
            throw error(token.range(), e.getMessage());
        }
    }

    private static BinaryOperator binaryOperator(TokenType type) {
        return switch (type) {
            case LOR -> BinaryOperator.OR;
            case LAND -> BinaryOperator.AND;
            case LUNLESS -> BinaryOperator.UNLESS;
            case EQLC -> BinaryOperator.EQL;
            case NEQ -> BinaryOperator.NEQ;
            case GTR -> BinaryOperator.GTR;
            case LSS -> BinaryOperator.LSS;
            case GTE -> BinaryOperator.GTE;
            case LTE -> BinaryOperator.LTE;
            case ADD -> BinaryOperator.ADD;
            case SUB -> BinaryOperator.SUB;
            case MUL -> BinaryOperator.MUL;
            case DIV -> BinaryOperator.DIV;
            case MOD -> BinaryOperator.MOD;
            case ATAN2 -> BinaryOperator.ATAN2;
            case POW -> BinaryOperator.POW;
            default -> null;
        };
    }

    private Token peek() throws PromQLSyntaxException {
        if (lookahead == null) {
            lookahead = lexer.next();
        }
        return lookahead;
    }

    private Token next() throws PromQLSyntaxException {
        Token token = peek();
        lookahead = null;
        lastEnd = token.end();
        return token;
    }

    private PromQLSyntaxException unexpected(Token token) {
        return unexpected(token, aggregations > 0 ? ErrorContext.AGGREGATION : ErrorContext.TOP);
    }

    private PromQLSyntaxException unexpected(Token token, ErrorContext context) {
        return error(token.range(), context.unexpected(token));
    }

    private PromQLSyntaxException error(PositionRange position, String reason) {
        return new PromQLSyntaxException(query, position, reason);
    }
}
