package dev.sqo.promql;

import java.util.EnumSet;
import java.util.Set;

/** The tokens of PromQL, grouped as Prometheus' lexer groups them, which decides how its messages name them. */
enum TokenType {
    EOF(Kind.END),
    IDENTIFIER(Kind.NAMED),
    METRIC_IDENTIFIER(Kind.NAMED),
    NUMBER(Kind.VALUE),
    DURATION(Kind.VALUE),
    STRING(Kind.VALUE),

    LEFT_PAREN(Kind.QUOTED),
    RIGHT_PAREN(Kind.QUOTED),
    LEFT_BRACE(Kind.QUOTED),
    RIGHT_BRACE(Kind.QUOTED),
    LEFT_BRACKET(Kind.QUOTED),
    RIGHT_BRACKET(Kind.QUOTED),
    COMMA(Kind.QUOTED),
    EQL(Kind.QUOTED),
    COLON(Kind.QUOTED),

    ADD(Kind.OPERATOR),
    SUB(Kind.OPERATOR),
    MUL(Kind.OPERATOR),
    DIV(Kind.OPERATOR),
    MOD(Kind.OPERATOR),
    POW(Kind.OPERATOR),
    ATAN2(Kind.OPERATOR),
    EQLC(Kind.OPERATOR),
    NEQ(Kind.OPERATOR),
    LTE(Kind.OPERATOR),
    LSS(Kind.OPERATOR),
    GTE(Kind.OPERATOR),
    GTR(Kind.OPERATOR),
    EQL_REGEX(Kind.OPERATOR),
    NEQ_REGEX(Kind.OPERATOR),
    LAND(Kind.OPERATOR),
    LOR(Kind.OPERATOR),
    LUNLESS(Kind.OPERATOR),
    AT(Kind.OPERATOR),

    AVG(Kind.AGGREGATOR),
    BOTTOMK(Kind.AGGREGATOR),
    COUNT(Kind.AGGREGATOR),
    COUNT_VALUES(Kind.AGGREGATOR),
    GROUP(Kind.AGGREGATOR),
    LIMITK(Kind.AGGREGATOR),
    LIMIT_RATIO(Kind.AGGREGATOR),
    MAX(Kind.AGGREGATOR),
    MIN(Kind.AGGREGATOR),
    QUANTILE(Kind.AGGREGATOR),
    STDDEV(Kind.AGGREGATOR),
    STDVAR(Kind.AGGREGATOR),
    SUM(Kind.AGGREGATOR),
    TOPK(Kind.AGGREGATOR),

    BOOL(Kind.KEYWORD),
    BY(Kind.KEYWORD),
    GROUP_LEFT(Kind.KEYWORD),
    GROUP_RIGHT(Kind.KEYWORD),
    IGNORING(Kind.KEYWORD),
    OFFSET(Kind.KEYWORD),
    ON(Kind.KEYWORD),
    WITHOUT(Kind.KEYWORD),

    START(Kind.QUOTED),
    END(Kind.QUOTED);

    /** How Prometheus' messages describe a token of the kind. */
    enum Kind {
        /** {@code end of input}. */
        END,
        /** {@code identifier "foo"}. */
        NAMED,
        /** {@code number "1"}, shortened when long. */
        VALUE,
        /** {@code "("}: punctuation, and start and end. */
        QUOTED,
        /** {@code <op:+>}. */
        OPERATOR,
        /** {@code <aggr:sum>}. */
        AGGREGATOR,
        /** {@code <by>}. */
        KEYWORD
    }

    /** The keywords, with which a name may also start a vector selector ({@code sum}, {@code offset} are metrics). */
    private static final Set<TokenType> METRIC_NAMES = EnumSet.of(IDENTIFIER, METRIC_IDENTIFIER, AVG, BOTTOMK, BY,
            COUNT, COUNT_VALUES, GROUP, LAND, LIMITK, LIMIT_RATIO, LOR, LUNLESS, MAX, MIN, OFFSET, QUANTILE, STDDEV,
            STDVAR, SUM, TOPK, WITHOUT, START, END);

    /** The tokens Prometheus takes as a label in {@code by (...)}: not {@code without}, a quirk of its grammar. */
    private static final Set<TokenType> GROUPING_LABELS = EnumSet.of(IDENTIFIER, METRIC_IDENTIFIER, ATAN2, AVG, BOOL,
            BOTTOMK, BY, COUNT, COUNT_VALUES, GROUP, GROUP_LEFT, GROUP_RIGHT, IGNORING, LAND, LIMITK, LIMIT_RATIO, LOR,
            LUNLESS, MAX, MIN, OFFSET, ON, QUANTILE, STDDEV, STDVAR, SUM, TOPK, START, END);

    private static final Set<TokenType> EXPRESSION_STARTS = EnumSet.of(NUMBER, STRING, LEFT_PAREN, LEFT_BRACE, ADD,
            SUB);

    static {
        EXPRESSION_STARTS.addAll(METRIC_NAMES);
    }

    private final Kind kind;

    TokenType(Kind kind) {
        this.kind = kind;
    }

    Kind kind() {
        return kind;
    }

    boolean startsExpression() {
        return EXPRESSION_STARTS.contains(this);
    }

    boolean canNameMetric() {
        return METRIC_NAMES.contains(this);
    }

    boolean canBeGroupingLabel() {
        return GROUPING_LABELS.contains(this);
    }
}
