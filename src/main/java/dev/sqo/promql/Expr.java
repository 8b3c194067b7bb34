package dev.sqo.promql;

/** A PromQL expression, as Prometheus' parser builds it. */
public sealed interface Expr
        permits AggregateExpr, BinaryExpr, Call, MatrixSelector, NumberLiteral, ParenExpr, StringLiteral,
        SubqueryExpr, UnaryExpr, VectorSelector {

    ValueType type();

    /** Where the expression is in the query it was parsed from. */
    PositionRange position();
}
